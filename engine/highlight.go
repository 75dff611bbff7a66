package engine

import (
	"cmp"
	"html"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/corpus"
)

// Highlighting works on byte offsets that the analyzer took from gse's
// segmentation of the original text, so a <mark> always lands on whole
// characters of the stored text. Snippet windows are cut on rune boundaries.
const (
	snippetCount  = 2   // snippets per hit
	snippetRunes  = 110 // characters per snippet
	maxClauseHits = 3   // matching clauses shown per hit
	clauseRunes   = 160 // characters of a clause shown per clause hit
	leadRunes     = 24  // context kept before the first match of a window
	maxSpans      = 4096
	// maxWindowAnchors bounds the matches tried as snippet starts: in a long
	// law a common word matches thousands of times, and the clause hits
	// already point at the best passages.
	maxWindowAnchors = 256
)

// span is one match of a query term in a text: text[start:end].
type span struct {
	start, end int
	term       string
}

// spansOf flattens bleve's term locations into spans in text order (see
// textMerge), the first maxSpans of them.
func spansOf(locs bsearch.TermLocationMap) []span {
	merge := textMerge{heads: make([]mergeHead, 0, len(locs))}
	terms := make([]string, 0, len(locs))
	n := 0
	for term, ls := range locs {
		merge.add(ls, len(terms))
		terms = append(terms, term)
		n += len(ls)
	}
	spans := make([]span, 0, min(n, maxSpans))
	for t, l, ok := merge.next(); ok && len(spans) < maxSpans; t, l, ok = merge.next() {
		spans = append(spans, span{start: int(l.Start), end: int(l.End), term: terms[t]})
	}
	return spans
}

// markHTML escapes text and wraps the spans in <mark> (see writeMarked).
func markHTML(text string, spans []span) string {
	var w markWriter
	w.b.Grow(len(text) + len(spans)*len("<mark></mark>"))
	w.writeMarked(text, spans)
	return w.b.String()
}

// mergeSpans keeps the valid spans and joins overlapping or touching ones.
func mergeSpans(text string, spans []span) []span {
	var out []span
	for _, s := range spans {
		if s.start < 0 || s.end > len(text) || s.start >= s.end ||
			!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// snippets picks up to n windows of about width characters of text that hold
// the most distinct query terms, and returns them highlighted, in text order.
// With no match at all it returns the start of the text.
func snippets(text string, spans []span, n, width int) []string {
	if strings.TrimSpace(text) == "" {
		return []string{}
	}
	if len(spans) == 0 {
		end := advanceRunes(text, 0, width)
		return []string{renderWindow(text, 0, end, nil)}
	}
	// Each anchor's window depends only on the text, so it is measured once;
	// then the best windows that do not overlap are taken in turn.
	candidates := make([]window, 0, min(len(spans), maxWindowAnchors))
	ends := windowEnds{text: text, width: width}
	for i, s := range spans[:min(len(spans), maxWindowAnchors)] {
		start := windowStart(text, s.start)
		end := max(ends.from(start), s.end)
		distinct, count := countIn(spans[i:], start, end)
		candidates = append(candidates, window{start, end, distinct, count})
	}
	var chosen []window
	for len(chosen) < n {
		best := window{distinct: -1}
		for i, w := range candidates {
			if overlapsWindow(spans[i].start, spans[i].end, chosen) || overlapsWindow(w.start, w.end, chosen) {
				continue
			}
			if w.distinct > best.distinct || (w.distinct == best.distinct && w.count > best.count) {
				best = w
			}
		}
		if best.distinct <= 0 {
			break
		}
		chosen = append(chosen, best)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].start < chosen[j].start })
	out := make([]string, 0, len(chosen))
	for _, w := range chosen {
		out = append(out, renderWindow(text, w.start, w.end, spans))
	}
	return out
}

// window is a candidate snippet: text[start:end] and the matches it holds.
type window struct{ start, end, distinct, count int }

// overlapsWindow reports whether text[start:end] overlaps one of the windows.
func overlapsWindow(start, end int, ws []window) bool {
	for _, w := range ws {
		if start < w.end && end > w.start {
			return true
		}
	}
	return false
}

// countIn counts the spans (sorted, starting from the first candidate) that
// lie within [start, end), and how many distinct terms they carry.
func countIn(spans []span, start, end int) (distinct, count int) {
	var buf [8]string // a window holds a handful of terms: a slice beats a map
	seen := buf[:0]
	for _, s := range spans {
		if s.start >= end {
			break
		}
		if s.start >= start && s.end <= end {
			count++
			if !slices.Contains(seen, s.term) {
				seen = append(seen, s.term)
				distinct++
			}
		}
	}
	return distinct, count
}

// windowStart backs up to leadRunes characters before a match, stopping just
// after a line or sentence end so a snippet starts where a reader would.
//
// It steps back by first bytes (utf8.RuneStart), as windowEnds counts, and
// tells the stops by their bytes: decoding each character backwards was a
// twentieth of a loaded search's CPU.
func windowStart(text string, at int) int {
	pos := at
	for i := 0; i < leadRunes && pos > 0; i++ {
		prev := pos - 1
		for prev > 0 && !utf8.RuneStart(text[prev]) {
			prev--
		}
		if endsSentence(text[prev:pos]) {
			break
		}
		pos = prev
	}
	return pos
}

// endsSentence reports whether the character c is a line or sentence end.
func endsSentence(c string) bool {
	switch c {
	case "\n", "。", "；", "！", "？":
		return true
	}
	return false
}

// advanceRunes returns the byte offset n characters after from (or the end).
func advanceRunes(text string, from, n int) int {
	w := windowEnds{text: text, width: n}
	return w.from(from)
}

// windowEnds measures windows of a fixed number of characters whose starts
// mostly increase, as the windows around a text's sorted matches do: the
// window slides instead of counting its width again from each start, so
// measuring a long law's hundreds of windows costs one pass over the text
// they cover rather than one per window.
//
// Characters are counted by their first bytes (utf8.RuneStart), so an end
// never falls inside a character.
type windowEnds struct {
	text       string
	width      int
	start, end int // the last window: text[start:end]
	runes      int // characters in it: width, or fewer at the end of text
}

// from returns the end of the window of width characters starting at start.
func (w *windowEnds) from(start int) int {
	if start < w.start || start >= w.end {
		w.start, w.end, w.runes = start, start, 0
	} else {
		for ; w.start+8 <= start; w.start += 8 {
			w.runes -= runeStarts8(w.text, w.start)
		}
		for ; w.start < start; w.start++ {
			if utf8.RuneStart(w.text[w.start]) {
				w.runes--
			}
		}
	}
	for w.end < len(w.text) {
		// Eight bytes at a time while the window has room for all the
		// characters they start: the width cannot be reached inside them.
		if w.end+8 <= len(w.text) {
			if n := runeStarts8(w.text, w.end); w.runes+n <= w.width {
				w.runes += n
				w.end += 8
				continue
			}
		}
		if utf8.RuneStart(w.text[w.end]) {
			if w.runes == w.width {
				break
			}
			w.runes++
		}
		w.end++
	}
	return w.end
}

// runeStarts8 counts the characters that start in s[i:i+8]: the bytes that
// are not continuation bytes (10xxxxxx), eight at once.
func runeStarts8(s string, i int) int {
	b := s[i : i+8]
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	// A continuation byte has its top bit set and the next one clear.
	continuation := x &^ (x << 1) & 0x8080808080808080
	return 8 - bits.OnesCount64(continuation)
}

// renderWindow highlights text[start:end], folding white space as
// corpus.CollapseSpace does and marking elided text with "…". spans are
// sorted by start.
//
// It escapes, marks and folds in one pass: marking first and folding the
// result copied every snippet twice.
func renderWindow(text string, start, end int, spans []span) string {
	first, _ := slices.BinarySearchFunc(spans, start, func(s span, at int) int { return cmp.Compare(s.start, at) })
	var inside []span
	for _, s := range spans[first:] {
		if s.start >= end {
			break
		}
		if s.end <= end {
			inside = append(inside, span{start: s.start - start, end: s.end - start, term: s.term})
		}
	}
	window := text[start:end]
	w := markWriter{fold: true}
	w.b.Grow(len(window) + len(inside)*len("<mark></mark>") + 2*len("…"))
	if start > 0 {
		w.b.WriteString("…")
	}
	w.writeMarked(window, inside)
	if end < len(text) {
		w.b.WriteString("…")
	}
	return w.b.String()
}

// markWriter writes HTML: text escaped, markup as it is. With fold set, it
// writes each run of white space in the text as one space, and none before
// the first text or markup or after the last, as corpus.CollapseSpace folds.
type markWriter struct {
	b       strings.Builder
	fold    bool
	written bool // text or markup has been written
	space   bool // white space followed it, not written yet
}

// writeMarked writes text with the spans (which may overlap, as sub-words
// overlap their word) wrapped in <mark>. Spans that do not fall on
// character boundaries of text are ignored rather than allowed to split a
// character.
func (w *markWriter) writeMarked(text string, spans []span) {
	pos := 0
	for _, s := range mergeSpans(text, spans) {
		w.text(text[pos:s.start])
		w.markup("<mark>")
		w.text(text[s.start:s.end])
		w.markup("</mark>")
		pos = s.end
	}
	w.text(text[pos:])
}

// text writes s HTML-escaped, its white space folded if w folds.
func (w *markWriter) text(s string) {
	if !w.fold {
		w.b.WriteString(html.EscapeString(s))
		return
	}
	for i := 0; i < len(s); {
		at, size := corpus.NextSpace(s, i)
		if at > i {
			w.separate()
			w.b.WriteString(html.EscapeString(s[i:at]))
		}
		if size > 0 && w.written {
			w.space = true
		}
		i = at + size
	}
}

// markup writes tag as it is.
func (w *markWriter) markup(tag string) {
	w.separate()
	w.b.WriteString(tag)
}

// separate writes the space that folds the white space before what comes next.
func (w *markWriter) separate() {
	if w.space {
		w.b.WriteByte(' ')
		w.space = false
	}
	w.written = true
}
