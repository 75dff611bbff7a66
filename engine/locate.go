package engine

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// locate fills in where the query's words stand in the title and body of
// the re-rank candidates (searched without locations), which is all
// re-ranking and highlighting read.
// Asking the first search for locations would decode them for every
// matching document, thousands for a common word. Here each word's postings
// are read once, forward, stopping only at the candidates: no scoring, no
// merging of searchers, and only the words of the query groups (no bigrams,
// no nested conditions).
func (ix *Index) locate(ctx context.Context, groups []map[string]bool, hits bsearch.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	var terms []string
	for _, g := range groups {
		for term := range g {
			terms = append(terms, term)
		}
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	if len(terms) == 0 {
		return nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("locate matches: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("locate matches: %w", err)
	}
	defer r.Close()

	// Postings run in internal id order, so the candidates are visited in it.
	byID := slices.Clone(hits)
	slices.SortFunc(byID, func(a, b *bsearch.DocumentMatch) int {
		return bytes.Compare(a.IndexInternalID, b.IndexInternalID)
	})
	for _, field := range []string{fieldTitle, fieldBody} {
		for _, term := range terms {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := locateTerm(ctx, r, field, term, byID); err != nil {
				return fmt.Errorf("locate %q in %s: %w", term, field, err)
			}
		}
	}
	return nil
}

// locateTerm adds the locations of term in field to the candidates holding
// it; candidates are sorted by internal id.
func locateTerm(ctx context.Context, r bleveindex.IndexReader, field, term string, candidates []*bsearch.DocumentMatch) error {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, true)
	if err != nil {
		return err
	}
	defer tfr.Close()
	// The reader restarts from the first posting when asked for a document
	// at or before the one it stands on, so it is advanced only past it.
	var tfd bleveindex.TermFieldDoc
	var at *bleveindex.TermFieldDoc // the posting the reader stands on
	for _, dm := range candidates {
		if at == nil || bytes.Compare(at.ID, dm.IndexInternalID) < 0 {
			if at, err = tfr.Advance(dm.IndexInternalID, &tfd); err != nil {
				return err
			}
			if at == nil {
				return nil // past the last document holding the term
			}
		}
		if !bytes.Equal(at.ID, dm.IndexInternalID) || len(at.Vectors) == 0 {
			continue // the term's next document is a later one
		}
		locs := make(bsearch.Locations, len(at.Vectors))
		for i, v := range at.Vectors {
			locs[i] = &bsearch.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: v.ArrayPositions}
		}
		if dm.Locations == nil {
			dm.Locations = bsearch.FieldTermLocationMap{}
		}
		if dm.Locations[field] == nil {
			dm.Locations[field] = bsearch.TermLocationMap{}
		}
		dm.Locations[field][term] = locs
	}
	return nil
}
