package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
)

// A phrase is evaluated as bleve's phrase searcher evaluates it: the
// documents holding a term of every position (a conjunction, scored as one),
// kept only where the terms stand at consecutive positions.

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
// terms never stand at consecutive positions; the terms' locations are read
// for the documents of m only.
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
	// positions[k] are where any alternative of the phrase's k-th position
	// stands in the document, ascending, each once: a word and its
	// sub-words share positions, and which of them stands there does not
	// matter to the test.
	positions := make([][]uint64, len(p.terms))
	kept := 0
	for i, d := range m.docs {
		for k, alts := range p.terms {
			positions[k] = positions[k][:0]
			for _, term := range alts {
				locs, err := cursors[term].at(uint64(d))
				if err != nil {
					return m, err
				}
				for _, l := range locs {
					positions[k] = append(positions[k], l.Pos)
				}
			}
			slices.Sort(positions[k])
			positions[k] = slices.Compact(positions[k])
		}
		if phraseAt(positions, 0) {
			m.docs[kept], m.scores[kept] = d, m.scores[i]
			kept++
		}
	}
	m.docs, m.scores = m.docs[:kept], m.scores[:kept]
	return m, nil
}

// phraseAt reports whether a path through the steps' positions exists that
// starts after prev, each position right after the one before (bleve's
// findPhrasePaths with no slop; prev 0 means the start, where any position
// will do, as in bleve).
func phraseAt(steps [][]uint64, prev uint64) bool {
	if len(steps) == 0 {
		return true
	}
	if prev != 0 {
		_, found := slices.BinarySearch(steps[0], prev+1)
		return found && phraseAt(steps[1:], prev+1)
	}
	for _, pos := range steps[0] {
		if phraseAt(steps[1:], pos) {
			return true
		}
	}
	return false
}
