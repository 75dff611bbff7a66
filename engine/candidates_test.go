package engine

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// TestCandidatesMatchBleve checks that the term-at-a-time evaluator returns
// what bleve's searchers return for the same query on the sample corpus:
// the same candidates with the same scores, the same total and the same
// facet counts. The relevance test repeats the check over the dev queries
// on the full corpus.
func TestCandidatesMatchBleve(t *testing.T) {
	ix := openSample(t, nil)
	for _, req := range []Request{
		{Query: "人才"},
		{Query: "住房补贴"},
		{Query: "高层次人才 安居 补贴"},      // three groups: all but one
		{Query: "留学回国 创业 资助 申领 条件"}, // five groups
		{Query: "户口 落户"},            // synonyms
		{Query: "人才 -住房"},           // an excluded word
		{Query: "人才", Filters: Filters{Status: []string{"现行有效"}}},
		{Query: "补贴", Filters: Filters{Category: []string{"人才与住房", "就业与创业"}}},
		{Query: "沪府发〔2019〕5号"}, // a document number
		{Query: "title:人才"},    // title only
		{Query: "中华人民共和国外国人来华工作许可服务办法"}, // long term: many bigrams
		{Query: "没有这个词的查询zzqx"},
	} {
		compareCandidates(t, ix, req)
		// The same through bleve's reader, which serves indexes of
		// several segments.
		readSegmentsDirectly = false
		compareCandidates(t, ix, req)
		readSegmentsDirectly = true
	}
}

// compareCandidates runs req's query through rankCandidates and through
// bleve, and reports any difference, or a query the evaluator hands back
// to bleve (every query here holds only shapes it knows).
func compareCandidates(t *testing.T, ix *Index, req Request) {
	t.Helper()
	ctx := context.Background()
	pq, err := parseQuery(req.Query)
	if err != nil {
		t.Errorf("%q: %v", req.Query, err)
		return
	}
	pq, _ = splitIntent(pq)
	q, err := ix.buildQuery(pq, req)
	if err != nil {
		return // nothing to search: neither path runs
	}
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	hits, total, facets, ok, err := ix.rankCandidates(ctx, snap, q, rerankWindow)
	if err != nil {
		t.Errorf("%q: rankCandidates: %v", req.Query, err)
		return
	}
	if !ok {
		t.Errorf("%q: rankCandidates handed the query back to bleve", req.Query)
		return
	}
	res, wantFacets, err := ix.searchWithFacets(ctx, bleve.NewSearchRequestOptions(q, rerankWindow, 0, false))
	if err != nil {
		t.Fatalf("%q: bleve: %v", req.Query, err)
	}
	if total != res.Total {
		t.Errorf("%q: total %d, bleve %d", req.Query, total, res.Total)
	}
	if !reflect.DeepEqual(facets, wantFacets) {
		t.Errorf("%q: facets\n%v\nbleve\n%v", req.Query, facets, wantFacets)
	}
	if len(hits) != len(res.Hits) {
		t.Errorf("%q: %d candidates, bleve %d", req.Query, len(hits), len(res.Hits))
		return
	}
	// Sums of the same scores in another order may differ in the last
	// bits (bleve's heap of over ten searchers adds in heap order), so
	// scores are compared with a tolerance, and hits whose scores are equal
	// within it may trade places.
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }
	for i, h := range hits {
		want := res.Hits[i]
		if !same(h.Score, want.Score) {
			t.Errorf("%q: candidate %d: %s score %v, bleve %s %v", req.Query, i, h.ID, h.Score, want.ID, want.Score)
			return
		}
		if h.ID != want.ID && !tiedWith(res.Hits, h.ID, h.Score, same) {
			t.Errorf("%q: candidate %d is %s, bleve's is %s (score %v)", req.Query, i, h.ID, want.ID, want.Score)
			return
		}
	}
}

// tiedWith reports whether id is among hits with a score equal to score,
// or hits end on a tie at that score (the rest of the tie was cut off).
func tiedWith(hits bsearch.DocumentMatchCollection, id string, score float64, same func(a, b float64) bool) bool {
	for _, h := range hits {
		if h.ID == id {
			return same(h.Score, score)
		}
	}
	return same(hits[len(hits)-1].Score, score)
}

// cancelAfter is a context whose Err turns to Canceled after n calls: it
// stops an evaluation part way, where a client that leaves would.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestCandidatesAfterACancelledSearch checks that a search stopped part way
// leaves nothing behind for the next: the rankers' buffers are reused, and
// a stopped evaluation used to leave sums and counts in them.
func TestCandidatesAfterACancelledSearch(t *testing.T) {
	ix := openSample(t, nil)
	queries := []string{"高层次人才 安居 补贴", "留学回国 创业 资助 申领 条件", "人才 -住房"}
	for _, stop := range []int{3, 6, 10, 20} {
		for _, raw := range queries {
			pq, err := parseQuery(raw)
			if err != nil {
				t.Fatal(err)
			}
			pq, _ = splitIntent(pq)
			q, err := ix.buildQuery(pq, Request{Query: raw})
			if err != nil {
				t.Fatal(err)
			}
			ctx := &cancelAfter{Context: context.Background(), n: stop}
			snap, err := ix.openSnapshot()
			if err != nil {
				t.Fatal(err)
			}
			_, _, _, _, err = ix.rankCandidates(ctx, snap, q, rerankWindow)
			snap.close()
			if !errors.Is(err, context.Canceled) && err != nil {
				t.Fatalf("%q stopped after %d checks: %v", raw, stop, err)
			}
			for _, next := range queries {
				compareCandidates(t, ix, Request{Query: next})
			}
		}
	}
}

// TestCandidatesLeaveOtherQueriesToBleve checks that a query holding a
// node the evaluator does not know is handed back, not half evaluated.
func TestCandidatesLeaveOtherQueriesToBleve(t *testing.T) {
	ix := openSample(t, nil)
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	for _, req := range []Request{
		{Query: `"人才引进"`},                             // a phrase
		{Query: "人才 \"安居 补贴\""},                       // a phrase beside words
		{Query: "人才", Filters: Filters{From: "2020"}}, // a date range
	} {
		pq, err := parseQuery(req.Query)
		if err != nil {
			t.Fatal(err)
		}
		pq, _ = splitIntent(pq)
		q, err := ix.buildQuery(pq, req)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, ok, err := ix.rankCandidates(context.Background(), snap, q, rerankWindow); ok || err != nil {
			t.Errorf("%q %+v: ok %v, err %v; want it handed back to bleve", req.Query, req.Filters, ok, err)
		}
		res, err := ix.Search(context.Background(), req)
		if err != nil || len(res.Hits) == 0 {
			t.Errorf("%q %+v: search gave %v hits, err %v", req.Query, req.Filters, res, err)
		}
	}
}
