package engine

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/analysis"
)

func TestTextGapsPhraseAt(t *testing.T) {
	// The words' positions and bytes in 快递暂行条例，快递 条例 (快递 at
	// 1, 暂行条例 at 2 holding 暂行 and 条例, 快递 at 3, 条例 at 4).
	text := "快递暂行条例，快递 条例"
	at := func(pos uint64, word string, nth int) wordAt {
		i := 0
		for ; nth > 0; nth-- {
			i += strings.Index(text[i:], word) + len(word)
		}
		start := uint64(i + strings.Index(text[i:], word))
		return wordAt{pos: pos, start: start, end: start + uint64(len(word))}
	}
	kuaidi1, kuaidi2 := at(1, "快递", 0), at(3, "快递", 1)
	zanxing, tiaoli1, tiaoli2 := at(2, "暂行", 0), at(2, "条例", 0), at(4, "条例", 1)
	for _, tt := range []struct {
		name  string
		steps [][]wordAt
		want  bool
	}{
		{"a sub-word at the start of its word", [][]wordAt{{kuaidi1, kuaidi2}, {zanxing}}, true},
		{"a sub-word inside its word", [][]wordAt{{kuaidi1}, {tiaoli1}}, false},
		{"a later pair, a space between", [][]wordAt{{kuaidi1, kuaidi2}, {tiaoli1, tiaoli2}}, true},
		{"punctuation between", [][]wordAt{{tiaoli1}, {kuaidi2}}, true},
		{"positions not consecutive", [][]wordAt{{kuaidi1}, {tiaoli2}}, false},
		{"out of order", [][]wordAt{{tiaoli2}, {kuaidi2}}, false},
		{"the same position twice", [][]wordAt{{zanxing}, {tiaoli1}}, false},
		{"one word", [][]wordAt{{tiaoli1}}, true},
		{"a word never present", [][]wordAt{{kuaidi1}, {}}, false},
	} {
		gaps := textGaps{field: fieldBody, fieldText: func(string, uint64) (string, func(), error) { return text, func() {}, nil }}
		if got := gaps.phraseAt(tt.steps, nil); got != tt.want || gaps.err != nil {
			t.Errorf("%s: phraseAt = %v (%v), want %v", tt.name, got, gaps.err, tt.want)
		}
	}
}

// TestQuotedPhrasesHoldTheirText searches the sample for quoted phrases and
// checks that every hit's title or body holds the phrase's text. When the
// query's sub-words were alternatives of its words, "人才引进" matched every
// document holding 人才 (12 of the sample's, against 2 holding the phrase).
func TestQuotedPhrasesHoldTheirText(t *testing.T) {
	ix := openSample(t, nil)
	for _, phrase := range []string{"人才引进", "外国人", "住房公积金", "高层次人才", "创业担保贷款", "留学回国人员", "人才 引进", "住房 公积金"} {
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

func TestKeepRuns(t *testing.T) {
	at := func(positions ...uint64) bsearch.Locations {
		var locs bsearch.Locations
		for _, p := range positions {
			locs = append(locs, &bsearch.Location{Pos: p})
		}
		return locs
	}
	positions := func(locs bsearch.Locations) []uint64 {
		var out []uint64
		for _, l := range locs {
			out = append(out, l.Pos)
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		terms bsearch.TermLocationMap
		runs  [][]string
		free  map[string]bool
		want  map[string][]uint64
	}{
		{"only where together", bsearch.TermLocationMap{"提取": at(3, 9, 20), "住房公积金": at(8, 15)}, [][]string{{"住房公积金", "提取"}}, nil,
			map[string][]uint64{"住房公积金": {8}, "提取": {9}}},
		{"never together", bsearch.TermLocationMap{"人才": at(1), "引进": at(5)}, [][]string{{"人才", "引进"}}, nil,
			map[string][]uint64{}},
		{"a word counting on its own keeps all", bsearch.TermLocationMap{"人才": at(1, 7), "引进": at(2), "补贴": at(4)}, [][]string{{"人才", "引进"}}, map[string]bool{"人才": true},
			map[string][]uint64{"人才": {1, 7}, "引进": {2}, "补贴": {4}}},
		{"three words, one gap", bsearch.TermLocationMap{"a": at(1, 10), "b": at(2, 11), "c": at(3, 13)}, [][]string{{"a", "b", "c"}}, nil,
			map[string][]uint64{"a": {1}, "b": {2}, "c": {3}}},
		{"two runs sharing a word", bsearch.TermLocationMap{"a": at(1, 6), "b": at(2), "c": at(7)}, [][]string{{"a", "b"}, {"a", "c"}}, nil,
			map[string][]uint64{"a": {1, 6}, "b": {2}, "c": {7}}},
	} {
		hit := &bsearch.DocumentMatch{Locations: bsearch.FieldTermLocationMap{fieldBody: tt.terms}}
		if err := keepRuns(fieldBody, tt.runs, tt.free, bsearch.DocumentMatchCollection{hit}, nil); err != nil {
			t.Fatal(err)
		}
		got := map[string][]uint64{}
		for term, locs := range hit.Locations[fieldBody] {
			got[term] = positions(locs)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: kept %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestQuotedPhraseHighlightsWhereItStands searches the sample for a phrase
// whose words also stand apart: only the phrase is marked.
func TestQuotedPhraseHighlightsWhereItStands(t *testing.T) {
	ix := openSample(t, nil)
	res, err := ix.Search(context.Background(), Request{Query: `"提取 住房公积金"`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	marks := 0
	for _, h := range res.Hits {
		for _, s := range append([]string{h.TitleHTML}, h.Snippets...) {
			for _, m := range markRE.FindAllStringSubmatch(s, -1) {
				marks++
				if m[1] != "提取住房公积金" {
					t.Errorf("%s: marked %q alone in %q", h.Path, m[1], s)
				}
			}
		}
	}
	if marks == 0 {
		t.Error("nothing marked")
	}
}

var markRE = regexp.MustCompile(`<mark>(.*?)</mark>`)

// TestSpacedPhraseFindsTheJoinedWord checks that a phrase typed with spaces
// finds every document the same text typed without them finds, where the
// dictionary makes it one word.
func TestSpacedPhraseFindsTheJoinedWord(t *testing.T) {
	ix := openSample(t, nil)
	ids := func(q string) map[string]bool {
		res, err := ix.Search(context.Background(), Request{Query: q, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
		return out
	}
	for _, tt := range []struct{ spaced, joined string }{
		{"人才 引进", "人才引进"}, {"住房 公积金", "住房公积金"}, {"创业 担保 贷款", "创业担保贷款"},
	} {
		spaced, joined := ids(`"`+tt.spaced+`"`), ids(`"`+tt.joined+`"`)
		if len(joined) == 0 {
			t.Errorf("%q: no hits; the comparison proves nothing", tt.joined)
		}
		for id := range joined {
			if !spaced[id] {
				t.Errorf("%q finds %s, %q does not", tt.joined, id, tt.spaced)
			}
		}
	}
}

// TestQuotedPhraseStandsInTheText checks that a phrase's words must stand
// in a row in the text, not merely at consecutive positions: in 快递暂行条例
// the sub-word 条例 stands at the position after 快递, and "快递条例" found
// it. Spaces, line breaks and punctuation between the words still match.
func TestQuotedPhraseStandsInTheText(t *testing.T) {
	md := func(title, body string) *fstest.MapFile { return markdownDoc(title, "", body) }
	ix := openCorpus(t, fstest.MapFS{
		"inside.md":  md("快递暂行条例", "第一条 为了促进快递业健康发展，根据有关法律，制定本暂行条例。"),
		"literal.md": md("示例省寄递管理办法", "本省依照快递条例的规定管理寄递业务。"),
		"spaced.md":  md("示例市邮政通知", "各单位应当学习快递\n条例的有关规定，国家鼓励、支持寄递业务创新。"),
		"apart.md":   md("示例县工作要点", "快递业务发展迅速。条例修订工作有序推进，国家鼓励和支持创新。"),
		"repeat.md":  md("示例学习通知", "学习学习再学习，安全，安全第一。"),
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{`"快递条例"`, []string{"literal.md", "spaced.md"}},
		{`"快递 条例"`, []string{"literal.md", "spaced.md"}},
		{`"鼓励、支持"`, []string{"spaced.md"}},
		{`"暂行条例"`, []string{"inside.md"}},
		// A word the phrase repeats.
		{`"学习 学习"`, []string{"repeat.md"}},
		{`"学习 学习 学习"`, []string{}},
		{`"安全 安全 第一"`, []string{"repeat.md"}},
	} {
		res, err := ix.Search(context.Background(), Request{Query: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, h := range res.Hits {
			got = append(got, h.Path)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s finds %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestQuotedPhraseHighlightsOnlyInARow checks that highlights follow the
// phrase test: where 快递 and the sub-word 条例 of 暂行条例 stand at
// consecutive positions, nothing is marked for "快递条例".
func TestQuotedPhraseHighlightsOnlyInARow(t *testing.T) {
	ix := openCorpus(t, fstest.MapFS{
		"both.md": markdownDoc("示例市寄递通知", "", "依照快递暂行条例，各单位学习快递条例的有关规定。"),
	})
	res, err := ix.Search(context.Background(), Request{Query: `"快递条例"`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits, want 1", len(res.Hits))
	}
	marks := 0
	for _, s := range res.Hits[0].Snippets {
		for _, m := range markRE.FindAllStringSubmatch(s, -1) {
			marks++
			if m[1] != "快递条例" {
				t.Errorf("marked %q in %q", m[1], s)
			}
		}
	}
	if marks == 0 {
		t.Error("nothing marked")
	}
}
