package engine

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// locate fills in where the query's words stand in the title and body of
// the re-rank candidates (searched without locations), which is all
// re-ranking and highlighting read.
// Asking the first search for locations would decode them for every
// matching document, thousands for a common word. Here each word's postings
// are read once, forward, stopping only at the candidates: no scoring, no
// merging of searchers, and only the words of the query groups (no bigrams,
// no nested conditions).
func locate(ctx context.Context, snap *snapshotReader, groups []map[string]bool, hits bsearch.DocumentMatchCollection) error {
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
			if err := locateTerm(ctx, snap, field, term, byID); err != nil {
				return fmt.Errorf("locate %q in %s: %w", term, field, err)
			}
		}
	}
	return nil
}

// locateTerm adds the locations of term in field to the candidates holding
// it; candidates are sorted by internal id.
func locateTerm(ctx context.Context, postings *snapshotReader, field, term string, candidates []*bsearch.DocumentMatch) error {
	src, err := postings.located(ctx, field, term)
	if err != nil {
		return err
	}
	defer src.close()
	// Postings restart from the first when asked for a document at or
	// before the one they stand on, so they are advanced only past it.
	var at uint64
	started := false
	for _, dm := range candidates {
		doc, ok := docNumber(dm.IndexInternalID)
		if !ok {
			continue
		}
		if !started || at < doc {
			started = true
			if at, ok, err = src.advance(doc); err != nil || !ok {
				return err // or past the last document holding the term
			}
		}
		if at != doc {
			continue // the term's next document is a later one
		}
		locs := src.locations()
		if len(locs) == 0 {
			continue
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
