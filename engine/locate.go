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
	cursor := locationCursor{src: src}
	for _, dm := range candidates {
		doc, ok := docNumber(dm.IndexInternalID)
		if !ok {
			continue
		}
		locs, err := cursor.at(doc)
		if err != nil {
			return err
		}
		if len(locs) > 0 {
			dm.Locations[field][term] = locs
		}
	}
	return nil
}

// locationCursor reads a term's locations document by document, forward.
// Postings restart from the first when asked for a document at or before
// the one they stand on, so they are advanced only past it.
type locationCursor struct {
	src     locationSource
	started bool
	doc     uint64 // the document the postings stand on
	more    bool   // false past the last document holding the term
}

// at returns the term's locations in doc (none if it is not there); docs
// must be asked for in ascending order.
func (c *locationCursor) at(doc uint64) (bsearch.Locations, error) {
	if !c.started || (c.more && c.doc < doc) {
		var err error
		if c.doc, c.more, err = c.src.advance(doc); err != nil {
			return nil, err
		}
		c.started = true
	}
	if !c.more || c.doc != doc {
		return nil, nil
	}
	return c.src.locations(), nil
}

// keepRuns keeps, of the locations of the words of runs in field, those
// where a run's words stand in a row (as keepPhrases has it; fieldText, nil
// in tests, gives the text between them): a quoted phrase's words are
// highlighted, and weigh in proximity, where the phrase stands, not wherever
// one of them does. Terms that count on their own (free) keep every
// location.
func keepRuns(field string, runs [][]string, free map[string]bool, hits bsearch.DocumentMatchCollection, fieldText fieldTextFunc) error {
	if len(runs) == 0 {
		return nil
	}
	type place struct {
		term string
		pos  uint64
	}
	for _, dm := range hits {
		terms := dm.Locations[field]
		if len(terms) == 0 {
			continue
		}
		// Where each word stands, sorted, to look the next word up in.
		places := map[string][]wordAt{}
		for _, run := range runs {
			for _, word := range run {
				if _, done := places[word]; !done {
					places[word] = sortedPlaces(nil, terms[word])
				}
			}
		}
		doc, _ := docNumber(dm.IndexInternalID)
		gaps := textGaps{field: field, doc: doc, fieldText: fieldText}
		kept := map[place]bool{}
		for _, run := range runs {
			steps := make([][]wordAt, len(run)-1)
			for i, word := range run[1:] {
				steps[i] = places[word]
			}
			firsts := places[run[0]]
			for f := range firsts {
				// Not a copy: its address would move a copy to the heap.
				first := &firsts[f]
				// Do the run's other words follow it, each right after the one before?
				if !gaps.phraseAt(steps, first) {
					continue
				}
				for i, word := range run {
					kept[place{word, first.pos + uint64(i)}] = true
				}
			}
		}
		if err := gaps.done(); err != nil {
			return err
		}
		for _, run := range runs {
			for _, word := range run {
				if free[word] {
					continue
				}
				locs := slices.DeleteFunc(terms[word], func(l *bsearch.Location) bool { return !kept[place{word, l.Pos}] })
				if len(locs) == 0 {
					delete(terms, word)
				} else {
					terms[word] = locs
				}
			}
		}
	}
	return nil
}
