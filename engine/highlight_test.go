package engine

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/corpus"
)

// at returns the span of the n-th occurrence (0-based) of sub in text.
func at(text, sub string, n int) span {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			panic("no " + sub)
		}
		if i == n {
			return span{start: off + j, end: off + j + len(sub), term: sub}
		}
		off += j + len(sub)
	}
}

func TestMarkHTML(t *testing.T) {
	title := "快递暂行条例"
	tests := []struct {
		name  string
		text  string
		spans []span
		want  string
	}{
		{"word and sub-words merge", title, []span{at(title, "快递", 0), at(title, "暂行条例", 0), at(title, "条例", 0)}, "<mark>快递暂行条例</mark>"},
		{"escapes text", "<script>alert(1)</script>条例", []span{{start: 25, end: 31, term: "条例"}}, "&lt;script&gt;alert(1)&lt;/script&gt;<mark>条例</mark>"},
		{"escapes inside mark", "a<b>c", []span{{start: 1, end: 4, term: "<b>"}}, "a<mark>&lt;b&gt;</mark>c"},
		{"span cutting a character is dropped", "人才引进", []span{{start: 1, end: 6}}, "人才引进"},
		{"span past the end is dropped", "人才", []span{{start: 3, end: 9}}, "人才"},
		{"no spans", "人才", nil, "人才"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markHTML(tt.text, tt.spans); got != tt.want {
				t.Errorf("markHTML = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSnippetsNeverCutCharactersAndShowMatches(t *testing.T) {
	body := strings.Repeat("这是前文的内容。", 40) + "第十条 对引进的高层次人才给予住房补贴。" + strings.Repeat("后文继续说明有关事项。", 40)
	spans := []span{at(body, "人才", 0), at(body, "住房补贴", 0)}
	got := snippets(body, spans, 2, 60)
	if len(got) != 1 {
		t.Fatalf("got %d snippets, want 1 (both matches fit one window): %q", len(got), got)
	}
	s := got[0]
	for _, want := range []string{"<mark>人才</mark>", "<mark>住房补贴</mark>", "…"} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet %q lacks %q", s, want)
		}
	}
	if !utf8.ValidString(s) {
		t.Errorf("snippet is not valid UTF-8: %q", s)
	}
	if !strings.HasPrefix(s, "…第十条") {
		t.Errorf("snippet should start at the sentence holding the match: %q", s)
	}
}

func TestSnippetsWithoutMatchShowLead(t *testing.T) {
	got := snippets("第一条 为了规范管理，制定本办法。", nil, 2, 5)
	if len(got) != 1 || got[0] != "第一条 为…" {
		t.Errorf("snippets = %q, want the first five characters", got)
	}
	if got := snippets("  \n", nil, 2, 5); len(got) != 0 {
		t.Errorf("blank body gave snippets %q", got)
	}
}

func TestSnippetsPickDistinctTermsFirst(t *testing.T) {
	body := "落户。" + strings.Repeat("无关内容填充文字。", 20) + "博士落户条件。" + strings.Repeat("其他无关的文字。", 20) + "落户"
	spans := spansSorted(at(body, "落户", 0), at(body, "博士", 0), at(body, "落户", 1), at(body, "落户", 2))
	got := snippets(body, spans, 1, 30)
	if len(got) != 1 || !strings.Contains(got[0], "<mark>博士</mark><mark>落户</mark>") && !strings.Contains(got[0], "<mark>博士落户</mark>") {
		t.Errorf("best snippet should hold both terms: %q", got)
	}
}

func spansSorted(spans ...span) []span {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].start < spans[j-1].start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	return spans
}

func TestClauseHits(t *testing.T) {
	body := "第一条 总则内容。\n第二条 人才引进的办法。\n第三条 住房补贴和人才公寓。\n"
	clauses := []storedClause{
		{Label: "第一条", Anchor: "art-1", Start: 0, End: strings.Index(body, "第二条")},
		{Label: "第二条", Anchor: "art-2", Start: strings.Index(body, "第二条"), End: strings.Index(body, "第三条")},
		{Label: "第三条", Anchor: "art-3", Start: strings.Index(body, "第三条"), End: len(body)},
	}
	spans := spansSorted(at(body, "人才", 0), at(body, "人才", 1), at(body, "住房补贴", 0))
	got := clauseHits(body, clauses, spans, 3)
	if len(got) != 2 {
		t.Fatalf("got %d clause hits, want 2: %+v", len(got), got)
	}
	if got[0].Anchor != "art-2" || got[1].Anchor != "art-3" {
		t.Errorf("clause hits not in document order: %+v", got)
	}
	if !strings.Contains(got[1].HTML, "<mark>住房补贴</mark>") || !strings.Contains(got[1].HTML, "<mark>人才</mark>") {
		t.Errorf("clause html lacks marks: %q", got[1].HTML)
	}
	if got := clauseHits(body, clauses, spans, 1); len(got) != 1 || got[0].Anchor != "art-3" {
		t.Errorf("with room for one, the clause with most distinct terms should win: %+v", got)
	}
}

func TestSnippetsDoNotOverlap(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "住房补贴和人才公寓第%d项，", i)
	}
	body := b.String()
	var spans []span
	for i := 0; i < 30; i++ {
		spans = append(spans, at(body, "住房补贴", i), at(body, "人才", i))
	}
	got := snippets(body, spansSorted(spans...), 2, 40)
	if len(got) != 2 {
		t.Fatalf("want 2 snippets, got %q", got)
	}
	strip := func(s string) string {
		return strings.NewReplacer("<mark>", "", "</mark>", "", "…", "").Replace(s)
	}
	a, b2 := strip(got[0]), strip(got[1])
	startA, startB := strings.Index(body, a), strings.Index(body, b2)
	if startA < 0 || startB < 0 {
		t.Fatalf("snippets are not text of the body: %q %q", a, b2)
	}
	if startA+len(a) > startB {
		t.Errorf("snippets overlap: %q and %q", got[0], got[1])
	}
}

// TestWindowEndsSlideAsMeasuredAfresh checks the sliding window against
// counting each window from its start, for starts that rise, repeat, jump
// past the last window and go back.
func TestWindowEndsSlideAsMeasuredAfresh(t *testing.T) {
	text := strings.Repeat("第一条 为了规范人才引进（含留学回国人员）工作，制定本办法。\nArticle 2: ASCII text 𠀀 ", 6)
	fresh := func(from, n int) int {
		pos := from
		for i := 0; i < n && pos < len(text); i++ {
			_, size := utf8.DecodeRuneInString(text[pos:])
			pos += size
		}
		return pos
	}
	var starts []int
	for i := range text {
		if i%7 == 0 {
			starts = append(starts, i) // i ranges over rune starts
		}
	}
	starts = append(starts, 0, 3, 3, len(text)-1, 40, len(text))
	for _, width := range []int{1, 5, 110} {
		w := windowEnds{text: text, width: width}
		for _, s := range starts {
			if got, want := w.from(s), fresh(s, width); got != want {
				t.Fatalf("width %d: window from %d ends at %d, want %d", width, s, got, want)
			}
		}
	}
}

// TestWindowStartMatchesDecodingBackwards checks windowStart against
// backing up one decoded character at a time.
func TestWindowStartMatchesDecodingBackwards(t *testing.T) {
	text := strings.Repeat("第一条 为了规范人才引进（含留学回国人员）工作；制定本办法。\nArticle 2: ASCII 𠀀 text！问？", 4)
	reference := func(at int) int {
		pos := at
		for i := 0; i < leadRunes && pos > 0; i++ {
			r, size := utf8.DecodeLastRuneInString(text[:pos])
			if r == '\n' || r == '。' || r == '；' || r == '！' || r == '？' {
				break
			}
			pos -= size
		}
		return pos
	}
	for at := range text { // every character start
		if got, want := windowStart(text, at), reference(at); got != want {
			t.Fatalf("windowStart(%d) = %d, want %d", at, got, want)
		}
	}
}

func TestRuneStarts8(t *testing.T) {
	text := "aé人𠀀。b\n第一条 Article"
	for i := 0; i+8 <= len(text); i++ {
		want := 0
		for _, b := range []byte(text[i : i+8]) {
			if utf8.RuneStart(b) {
				want++
			}
		}
		if got := runeStarts8(text, i); got != want {
			t.Errorf("runeStarts8(%q) = %d, want %d", text[i:i+8], got, want)
		}
	}
}

// TestRenderWindowFoldsAsCollapseSpace checks the one-pass renderWindow
// against what it replaced: marking the window, folding the white space of
// the result with corpus.CollapseSpace, then adding the ellipses.
func TestRenderWindowFoldsAsCollapseSpace(t *testing.T) {
	pieces := []string{"人才", "补贴", "a", "Go", " ", "  ", "\n", "\u3000", "\u00a0", "<", ">", "&", "'", "\"", "。", "x y"}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 3000 {
		var b strings.Builder
		var starts []int // piece boundaries: always character boundaries
		for range rng.IntN(14) {
			starts = append(starts, b.Len())
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		starts = append(starts, len(text))
		var spans []span
		for range rng.IntN(5) {
			i := rng.IntN(len(starts))
			j := min(i+1+rng.IntN(2), len(starts)-1)
			if starts[i] < starts[j] {
				spans = append(spans, span{start: starts[i], end: starts[j], term: text[starts[i]:starts[j]]})
			}
		}
		slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
		start := starts[rng.IntN(len(starts))]
		end := starts[rng.IntN(len(starts))]
		if start > end {
			start, end = end, start
		}
		var inside []span
		for _, s := range spans {
			if s.start >= start && s.end <= end {
				inside = append(inside, span{start: s.start - start, end: s.end - start, term: s.term})
			}
		}
		want := corpus.CollapseSpace(markHTML(text[start:end], inside))
		if start > 0 {
			want = "…" + want
		}
		if end < len(text) {
			want += "…"
		}
		if got := renderWindow(text, start, end, spans); got != want {
			t.Fatalf("trial %d: renderWindow(%q, %d, %d, %v) = %q, want %q", trial, text, start, end, spans, got, want)
		}
	}
}

// sortedSpans is what spansOf gives, the slow way: every span, sorted.
func sortedSpans(locs bsearch.TermLocationMap) []span {
	var spans []span
	for term, ls := range locs {
		for _, l := range ls {
			spans = append(spans, span{start: int(l.Start), end: int(l.End), term: term})
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	return spans[:min(len(spans), maxSpans)]
}

// TestSpansOfMergesAsSortingDoes compares the merge of spansOf with sorting
// every span, on random location maps: several terms, shared starts of
// different lengths, runs out of order, and more than maxSpans matches.
func TestSpansOfMergesAsSortingDoes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	terms := []string{"人才", "人才公寓", "公寓", "补贴", "申请"}
	for round := range 2000 {
		locs := bsearch.TermLocationMap{}
		for _, term := range terms[:1+rng.IntN(len(terms))] {
			count := rng.IntN(40)
			if round%100 == 0 {
				count = maxSpans / 2 // the first maxSpans only
			}
			start := 0
			for range count {
				start += 1 + rng.IntN(30)
				locs[term] = append(locs[term], &bsearch.Location{Start: uint64(start), End: uint64(start + 3*(1+rng.IntN(3)))})
			}
			if round%7 == 0 && len(locs[term]) > 1 {
				rng.Shuffle(len(locs[term]), func(i, j int) { locs[term][i], locs[term][j] = locs[term][j], locs[term][i] })
			}
		}
		got, want := spansOf(locs), sortedSpans(locs)
		byPosition := func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) }
		if !slices.IsSortedFunc(got, byPosition) {
			t.Fatalf("round %d: spans out of order: %v", round, got)
		}
		// Spans of equal start and end may come in either order.
		byTerm := func(a, b span) int { return cmp.Or(byPosition(a, b), cmp.Compare(a.term, b.term)) }
		slices.SortFunc(got, byTerm)
		slices.SortFunc(want, byTerm)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: spansOf gives %d spans %v…, sorting %d %v…", round, len(got), got[:min(len(got), 5)], len(want), want[:min(len(want), 5)])
		}
	}
}
