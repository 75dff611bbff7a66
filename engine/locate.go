package engine

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// locate fills in where the query's words stand in field of the hits
// (searched without locations) not located in it before, which is all
// re-ranking and highlighting read.
// Asking the first search for locations would decode them for every
// matching document, thousands for a common word. Here each word's postings
// are read once, forward, stopping only at the hits: no scoring, no
// merging of searchers, and only the words of the query groups (no bigrams,
// no nested conditions).
func locate(ctx context.Context, snap *snapshotReader, field string, groups []map[string]bool, hits bsearch.DocumentMatchCollection) error {
	var todo bsearch.DocumentMatchCollection
	for _, dm := range hits {
		if _, done := dm.Locations[field]; done {
			continue
		}
		if dm.Locations == nil {
			dm.Locations = bsearch.FieldTermLocationMap{}
		}
		// Present, even empty, marks the field located.
		dm.Locations[field] = bsearch.TermLocationMap{}
		todo = append(todo, dm)
	}
	if len(todo) == 0 {
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
	// Postings run in internal id order, so the hits are visited in it.
	slices.SortFunc(todo, func(a, b *bsearch.DocumentMatch) int {
		return bytes.Compare(a.IndexInternalID, b.IndexInternalID)
	})
	for _, term := range terms {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := locateTerm(ctx, snap, field, term, todo); err != nil {
			return fmt.Errorf("locate %q in %s: %w", term, field, err)
		}
	}
	return nil
}

// locateTerm adds the locations of term in field to the candidates holding
// it; candidates are sorted by internal id and have a location map for field.
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
		dm.Locations[field][term] = locs
	}
	return nil
}
