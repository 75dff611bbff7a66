package engine

import (
	"context"
	"math"
	"reflect"
	"testing"
)

// TestSimilarCandidatesMatchBleve checks that the term-at-a-time evaluator
// scores the more-like-this query of every sample document (words with a
// minimum, should clauses for the agency and category, the document and
// its versions excluded) as bleve's searchers do, and that Similar answers
// the same through either.
func TestSimilarCandidatesMatchBleve(t *testing.T) {
	ix := openSample(t, nil)
	ix.SetResultCache(0) // each answer computed, not the first one again
	ctx := context.Background()
	compared := 0
	for _, id := range ix.facets.ids {
		rec, err := ix.lookupOne(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := ix.openSnapshot()
		if err != nil {
			t.Fatal(err)
		}
		terms, err := ix.likeTerms(ctx, snap, rec)
		snap.close()
		if err != nil {
			t.Fatal(err)
		}
		if len(terms.title)+len(terms.titleInBody)+len(terms.body) == 0 {
			continue
		}
		compared++
		q := similarQuery(rec, terms)
		compareQueryCandidates(t, ix, "like "+id, q, byRelevance, 20)

		req := SimilarRequest{ID: id, Size: 5}
		ours, err := ix.Similar(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		table := ix.facets
		ix.facets = nil // no tables: bleve's searchers answer
		bleves, err := ix.Similar(ctx, req)
		ix.facets = table
		if err != nil {
			t.Fatal(err)
		}
		ours.TookMS, bleves.TookMS = 0, 0
		// Scores may differ in the last bits (see compareCandidates);
		// everything else, highlights included, must be the same.
		if len(ours.Hits) == len(bleves.Hits) {
			for i := range ours.Hits {
				a, b := &ours.Hits[i], &bleves.Hits[i]
				if math.Abs(a.Score-b.Score) <= 1e-9*math.Max(a.Score, b.Score) {
					a.Score, b.Score = 0, 0
				}
			}
		}
		if !reflect.DeepEqual(ours, bleves) {
			t.Errorf("similar to %s: %d hits %v\nbleve's %d %v", id, ours.Total, paths(ours), bleves.Total, paths(bleves))
		}
	}
	if compared < 5 {
		t.Fatalf("only %d sample documents have words to match on", compared)
	}
}
