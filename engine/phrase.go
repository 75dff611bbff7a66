package engine

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A phrase is evaluated as bleve's phrase searcher evaluates it, the
// documents holding a term of every position (a conjunction, scored as one)
// kept only where the terms stand at consecutive positions, and then more
// strictly: with nothing but spaces and punctuation between them in the
// text (see keepPhrases).

// phraseCheck is the position test of a phrase node: terms[i] are the
// alternatives at the phrase's i-th position.
type phraseCheck struct {
	field string
	terms [][]string
}

// buildPhrase builds a phrase of field: a conjunction of its positions (a
// term, or a disjunction of the alternatives at one position), with the
// boost on every term, as bleve's multi-phrase searcher builds it. Fuzzy
// phrases and empty terms (gaps) are left to bleve; buildQuery makes
// neither.
func (cr *candidateRanker) buildPhrase(ctx context.Context, q *query.MultiPhraseQuery) (*matchNode, bool, error) {
	if q.Fuzziness != 0 || len(q.Terms) == 0 {
		return nil, false, nil
	}
	var positions []query.Query
	for _, alts := range q.Terms {
		if len(alts) == 0 || slices.Contains(alts, "") {
			return nil, false, nil
		}
		var leaves []query.Query
		for _, term := range alts {
			leaves = append(leaves, termIn(q.FieldVal, term, q.BoostVal.Value()))
		}
		if len(leaves) == 1 {
			positions = append(positions, leaves[0])
		} else {
			positions = append(positions, query.NewDisjunctionQuery(leaves))
		}
	}
	n, ok, err := cr.buildCompound(ctx, positions, true, 0)
	if err != nil || !ok {
		return nil, ok, err
	}
	n.phrase = &phraseCheck{field: q.FieldVal, terms: q.Terms}
	return n, true, nil
}

// keepPhrases drops from m, in place, the documents where the phrase's
// words never stand in a row; the terms' locations are read for the
// documents of m only.
//
// In a row means at consecutive positions, as bleve's phrase searcher has
// it, and with nothing but spaces and punctuation between the words in the
// text. Positions alone are not enough: a word's sub-words stand at its
// position, so 快递暂行条例 (快递, then 暂行条例 holding 暂行 and 条例) has
// 快递 and 条例 at consecutive positions, and bleve finds "快递条例" there.
func (cr *candidateRanker) keepPhrases(ctx context.Context, p *phraseCheck, m docMatches) (docMatches, error) {
	if len(m.docs) == 0 || len(p.terms) == 1 {
		// A phrase of one word holds wherever the word does: every document
		// of m has a location of it in the field.
		return m, nil
	}
	// One cursor per distinct term, moved forward through m's documents.
	cursors := map[string]*locationCursor{}
	for _, alts := range p.terms {
		for _, term := range alts {
			if cursors[term] != nil {
				continue
			}
			src, err := cr.postings.located(ctx, p.field, term)
			if err != nil {
				return m, fmt.Errorf("locate %q in %s: %w", term, p.field, err)
			}
			defer src.close()
			cursors[term] = &locationCursor{src: src}
		}
	}
	// steps[k] are where any alternative of the phrase's k-th word stands
	// in the document, by position, each place once: which alternative
	// stands there does not matter to the test. A word the phrase repeats
	// shares the steps of its first place (sameAs): "的 的 的 …" would
	// otherwise gather and sort the same locations once per word.
	steps := make([][]wordAt, len(p.terms))
	sameAs := make([]int, len(p.terms))
	for k, alts := range p.terms {
		sameAs[k] = slices.IndexFunc(p.terms[:k+1], func(other []string) bool { return slices.Equal(other, alts) })
	}
	var locs []bsearch.Locations // of one word's alternatives in one document
	kept := 0
	for i, d := range m.docs {
		for k, alts := range p.terms {
			if sameAs[k] != k {
				steps[k] = steps[sameAs[k]]
				continue
			}
			locs = locs[:0]
			for _, term := range alts {
				l, err := cursors[term].at(uint64(d))
				if err != nil {
					return m, err
				}
				locs = append(locs, l)
			}
			steps[k] = sortedPlaces(steps[k][:0], locs...)
		}
		gaps := textGaps{field: p.field, doc: uint64(d), fieldText: cr.fieldText}
		if gaps.phraseAt(steps, nil) {
			m.docs[kept], m.scores[kept] = d, m.scores[i]
			kept++
		}
		if err := gaps.done(); err != nil {
			return m, err
		}
	}
	m.docs, m.scores = m.docs[:kept], m.scores[:kept]
	return m, nil
}

// phrasesByPositionOnly makes keepPhrases test positions only, as bleve's
// phrase searcher does, for tests that compare the evaluator with it.
var phrasesByPositionOnly = false

// wordAt is where a phrase's word stands in a document: its position and
// its bytes in the field's text.
type wordAt struct {
	pos, start, end uint64
}

// sortedPlaces appends to dst where the locations stand and returns them
// sorted by position, each place once: the steps literalPhraseAt walks.
func sortedPlaces(dst []wordAt, locs ...bsearch.Locations) []wordAt {
	for _, ls := range locs {
		for _, l := range ls {
			dst = append(dst, wordAt{pos: l.Pos, start: l.Start, end: l.End})
		}
	}
	slices.SortFunc(dst, func(a, b wordAt) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	return slices.Compact(dst)
}

// literalPhraseAt reports whether a path through the steps exists that
// starts right after prev (anywhere when prev is nil): each word at the
// position after the one before and with only spaces or punctuation
// between the two in the text (gaps.plain).
func literalPhraseAt(steps [][]wordAt, prev *wordAt, gaps *textGaps) bool {
	if len(steps) == 0 {
		return true
	}
	from := 0
	if prev != nil {
		from, _ = slices.BinarySearchFunc(steps[0], prev.pos+1, func(w wordAt, pos uint64) int { return cmp.Compare(w.pos, pos) })
	}
	for i := from; i < len(steps[0]); i++ {
		w := &steps[0][i] // not a copy: its address would move it to the heap
		if prev != nil {
			if w.pos != prev.pos+1 {
				break // sorted by position: no more words right after prev
			}
			if !gaps.plain(prev.end, w.start) {
				continue
			}
		}
		if literalPhraseAt(steps[1:], w, gaps) {
			return true
		}
	}
	return false
}

// textGaps tells what stands between two words of one document's field. A
// gap of one or two bytes holds no Chinese character (three bytes in
// UTF-8), which is all a sub-word's word can have before or after it: a
// space, a line break. Longer gaps are read from the text, fetched once and
// only when no path through shorter gaps exists (see phraseAt).
type textGaps struct {
	field     string
	doc       uint64
	fieldText fieldTextFunc
	reading   bool // longer gaps are read; else they fail the path
	skipped   bool // a longer gap failed a path unread
	text      string
	release   func() // the text's, once fetched
	err       error  // the fetch's, which done reports
}

// fieldTextFunc lends the text document doc was indexed with in field,
// valid until release is called (see Index.fieldText).
type fieldTextFunc func(field string, doc uint64) (text string, release func(), err error)

// done releases the text, if fetched, and returns the fetch's error.
func (g *textGaps) done() error {
	if g.release != nil {
		g.release()
		g.release = nil
	}
	return g.err
}

// phraseAt is literalPhraseAt, first without reading the text: most
// phrases stand with no gap at all, and a long law's body is a large read.
func (g *textGaps) phraseAt(steps [][]wordAt, prev *wordAt) bool {
	g.reading, g.skipped = false, false
	if literalPhraseAt(steps, prev, g) {
		return true
	}
	if !g.skipped {
		return false
	}
	g.reading = true
	return literalPhraseAt(steps, prev, g)
}

// plain reports whether nothing but spaces and punctuation stands from
// byte end of one word to byte start of the next.
func (g *textGaps) plain(end, start uint64) bool {
	switch {
	case start < end:
		return false
	case start-end < 3 || g.fieldText == nil:
		return true
	case !g.reading:
		g.skipped = true
		return false
	}
	if g.release == nil && g.err == nil {
		g.text, g.release, g.err = g.fieldText(g.field, g.doc)
	}
	switch {
	case g.err != nil:
		return false
	case g.text == "":
		return true // a generation whose texts cannot be read: positions only
	case start > uint64(len(g.text)):
		g.err = fmt.Errorf("%s of document %d: %d bytes, but a word stands at byte %d", g.field, g.doc, len(g.text), start)
		return false
	}
	return !strings.ContainsFunc(g.text[end:start], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) })
}

// fieldText lends the text document doc was indexed with in field, its
// title or its body, until release is called.
func (ix *Index) fieldText(snap *snapshotReader, field string, doc uint64) (text string, release func(), err error) {
	release = func() {}
	dm := &bsearch.DocumentMatch{IndexInternalID: binary.BigEndian.AppendUint64(nil, doc)}
	if ix.facets != nil && doc < uint64(len(ix.facets.ids)) {
		dm.ID = ix.facets.ids[doc]
	}
	switch field {
	case fieldBody:
		if dm.Fields, err = snap.storedText(dm, []string{fieldBody, fieldBodyAt}); err != nil {
			return "", release, fmt.Errorf("body of document %d: %w", doc, err)
		}
		return ix.borrowBody(dm)
	case fieldTitle:
		if dm.Fields, err = snap.storedText(dm, []string{fieldStored}); err != nil {
			return "", release, fmt.Errorf("title of document %d: %w", doc, err)
		}
		if _, ok := dm.Fields[fieldStored]; !ok {
			return "", release, nil // a document gone from the index
		}
		meta, err := ix.metas.get(dm)
		return meta.Title, release, err
	}
	return "", release, fmt.Errorf("no text of field %s", field)
}
