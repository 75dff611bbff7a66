package engine

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"policysearch/analysis"
)

func TestPhraseAt(t *testing.T) {
	for _, tt := range []struct {
		steps [][]uint64
		want  bool
	}{
		{[][]uint64{{1, 5}, {2, 9}, {3}}, true},  // 1 2 3
		{[][]uint64{{1, 5}, {6}, {7, 20}}, true}, // 5 6 7
		{[][]uint64{{1, 5}, {2, 6}, {8}}, false}, // 2 and 6 lead nowhere
		{[][]uint64{{3}, {2}}, false},            // out of order
		{[][]uint64{{4}, {4}}, false},            // the same position twice
		{[][]uint64{{7}}, true},                  // one position
		{[][]uint64{{1, 2, 3}, {}, {4}}, false},  // a position never present
		{[][]uint64{{10, 20, 30}, {21, 31}, {32}}, true},
	} {
		if got := phraseAt(tt.steps, 0); got != tt.want {
			t.Errorf("phraseAt(%v) = %v, want %v", tt.steps, got, tt.want)
		}
	}
}

// TestQuotedPhrasesHoldTheirText searches the sample for quoted phrases and
// checks that every hit's title or body holds the phrase's text. When the
// query's sub-words were alternatives of its words, "人才引进" matched every
// document holding 人才 (12 of the sample's, against 2 holding the phrase).
func TestQuotedPhrasesHoldTheirText(t *testing.T) {
	ix := openSample(t, nil)
	for _, phrase := range []string{"人才引进", "外国人", "住房公积金", "高层次人才", "创业担保贷款", "留学回国人员"} {
		res, err := ix.Search(context.Background(), Request{Query: `"` + phrase + `"`, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no hits", phrase)
		}
		for _, h := range res.Hits {
			if !holdsText(t, ix, h, phrase) {
				t.Errorf("%q: hit %s holds the phrase neither in its title nor in its body", phrase, h.Path)
			}
		}
	}
}

// holdsText reports whether the document of hit holds text in its title or
// body, compared as the index compares them (normalized) and ignoring what
// is not a letter or a digit: a line break or a space may stand inside a
// phrase's text, as the analyzer reads through them.
func holdsText(t *testing.T, ix *Index, hit Hit, text string) bool {
	t.Helper()
	doc, err := ix.Document(context.Background(), hit.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := lettersAndDigits(analysis.Normalize(text))
	return strings.Contains(lettersAndDigits(analysis.Normalize(doc.Title)), want) ||
		strings.Contains(lettersAndDigits(analysis.Normalize(doc.Body)), want)
}

func lettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}
