package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestCandidatesMatchBleve checks that the term-at-a-time evaluator returns
// what bleve's searchers return for the same query on the sample corpus:
// the same candidates with the same scores, in relevance and in date order
// and past the re-rank window, the same total and the same facet counts.
// The relevance test repeats the check over the dev queries on the full
// corpus.
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
		{Query: "人才", Filters: Filters{From: "2020"}}, // date ranges
		{Query: "政府工作报告", Filters: Filters{To: "2019-12-31"}},
		{Query: "办法 补贴", Filters: Filters{From: "2018-06-01", To: "2020"}},
		{Query: "人才", Filters: Filters{From: "2090"}}, // no document that late
		{Query: `"人才引进"`}, // phrases
		{Query: "人才 \"安居 补贴\""},
		{Query: `title:"人才发展"`},
		{Query: `"高层次人才安居补贴"`},          // positions with sub-words
		{Query: `"补贴 人才"`},              // words that are in documents, not in this order
		{Query: `人才 -"安居 补贴"`},          // an excluded phrase
		{Query: "沪府发〔2019〕5号"},          // a document number
		{Query: "title:人才"},             // title only
		{Query: "中华人民共和国外国人来华工作许可服务办法"}, // long term: many bigrams
		{Query: "没有这个词的查询zzqx"},
	} {
		for _, tt := range []struct {
			order matchOrder
			size  int
		}{{byRelevance, rerankWindow}, {byDate, rerankWindow}, {byRelevance, 400}, {byDate, 400}} {
			compareCandidates(t, ix, req, tt.order, tt.size)
			// The same through bleve's reader, which serves indexes of
			// several segments.
			readSegmentsDirectly = false
			compareCandidates(t, ix, req, tt.order, tt.size)
			readSegmentsDirectly = true
		}
	}
}

// compareCandidates runs req's query through rankCandidates and through
// bleve, the first size matches in order, and reports any difference, or a
// query the evaluator hands back to bleve (every query here holds only
// shapes it knows).
func compareCandidates(t *testing.T, ix *Index, req Request, order matchOrder, size int) {
	t.Helper()
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
	orderName := "by relevance"
	if order == byDate {
		orderName = "by date"
	}
	label := fmt.Sprintf("%q %+v, %s, %d matches", req.Query, req.Filters, orderName, size)
	compareQueryCandidates(t, ix, label, q, order, size)
}

// compareQueryCandidates is compareCandidates for a query already built;
// label names the request in errors.
func compareQueryCandidates(t *testing.T, ix *Index, label string, q query.Query, order matchOrder, size int) {
	t.Helper()
	// bleve's phrases stand wherever their words' positions follow each
	// other; the evaluator also reads the text between them, which
	// TestQuotedPhraseStandsInTheText checks.
	phrasesByPositionOnly = true
	defer func() { phrasesByPositionOnly = false }()
	ctx := context.Background()
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	hits, total, facets, ok, err := ix.rankCandidates(ctx, snap, q, size, order)
	if err != nil {
		t.Errorf("%s: rankCandidates: %v", label, err)
		return
	}
	if !ok {
		t.Errorf("%s: rankCandidates handed the query back to bleve", label)
		return
	}
	sr := bleve.NewSearchRequestOptions(q, size, 0, false)
	if order == byDate {
		sr.SortByCustom(dateOrder())
	}
	res, wantFacets, err := ix.searchWithFacets(ctx, sr)
	if err != nil {
		t.Fatalf("%s: bleve: %v", label, err)
	}
	if total != res.Total {
		t.Errorf("%s: total %d, bleve %d", label, total, res.Total)
	}
	if !reflect.DeepEqual(facets, wantFacets) {
		t.Errorf("%s: facets\n%v\nbleve\n%v", label, facets, wantFacets)
	}
	if len(hits) != len(res.Hits) {
		t.Errorf("%s: %d candidates, bleve %d", label, len(hits), len(res.Hits))
		return
	}
	// Sums of the same scores in another order may differ in the last
	// bits (bleve's heap of over ten searchers adds in heap order), so
	// scores are compared with a tolerance, and hits whose scores are equal
	// within it may trade places.
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }
	// In date order, matches of the same date are ranked by score, and the
	// table's date must be what bleve sorted by.
	date := func(h *bsearch.DocumentMatch) string {
		if order != byDate {
			return ""
		}
		d, _ := docNumber(h.IndexInternalID)
		return ix.facets.published[d]
	}
	tied := func(a, b *bsearch.DocumentMatch) bool { return date(a) == date(b) && same(a.Score, b.Score) }
	for i, h := range hits {
		want := res.Hits[i]
		if order == byDate {
			if sorted := want.Sort[0]; sorted != date(want) && !(sorted == bsearch.LowTerm && date(want) == "") {
				t.Errorf("%s: %s has date %q in the table, bleve sorted it by %q", label, want.ID, date(want), sorted)
				return
			}
		}
		if !tied(h, want) {
			t.Errorf("%s: candidate %d: %s date %q score %v, bleve %s %q %v", label, i, h.ID, date(h), h.Score, want.ID, date(want), want.Score)
			return
		}
		if h.ID != want.ID && !tiedWith(res.Hits, h, tied) {
			t.Errorf("%s: candidate %d is %s, bleve's is %s (score %v)", label, i, h.ID, want.ID, want.Score)
			return
		}
	}
}

// tiedWith reports whether hits hold h's document tied with h, or end on a
// tie with it (the rest of the tie was cut off).
func tiedWith(hits bsearch.DocumentMatchCollection, h *bsearch.DocumentMatch, tied func(a, b *bsearch.DocumentMatch) bool) bool {
	for _, other := range hits {
		if other.ID == h.ID {
			return tied(other, h)
		}
	}
	return tied(hits[len(hits)-1], h)
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
			_, _, _, _, err = ix.rankCandidates(ctx, snap, q, rerankWindow, byRelevance)
			snap.close()
			if !errors.Is(err, context.Canceled) && err != nil {
				t.Fatalf("%q stopped after %d checks: %v", raw, stop, err)
			}
			for _, next := range queries {
				compareCandidates(t, ix, Request{Query: next}, byRelevance, rerankWindow)
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
	fuzzy := query.NewMultiPhraseQuery([][]string{{"人才"}, {"引进"}}, fieldBody)
	fuzzy.SetFuzziness(1)
	required := query.NewBooleanQuery([]query.Query{termIn(fieldBody, "人才", 1)}, []query.Query{termIn(fieldBody, "补贴", 1)}, nil)
	required.SetMinShould(1)
	for name, q := range map[string]query.Query{
		"a wildcard":                       query.NewWildcardQuery("人*"),
		"a fuzzy phrase":                   fuzzy,
		"a boolean with a required should": required,
		"words beside a wildcard": query.NewConjunctionQuery([]query.Query{
			termIn(fieldBody, "人才", 1), query.NewWildcardQuery("补*")}),
	} {
		if _, _, _, ok, err := ix.rankCandidates(context.Background(), snap, q, rerankWindow, byRelevance); ok || err != nil {
			t.Errorf("%s: ok %v, err %v; want it handed back to bleve", name, ok, err)
		}
	}
}

// TestDateOrderWithoutDatesLeftToBleve checks that a generation whose title
// table records no dates (built before it did) has its date-ordered pages
// ranked by bleve, from the dates in the index, and not as if undated.
func TestDateOrderWithoutDatesLeftToBleve(t *testing.T) {
	ix := openSample(t, nil)
	ix.SetResultCache(0)
	req := Request{Query: "条例", Sort: "date"}
	want, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	ix.facets.published = nil
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	pq, _ := parseQuery(req.Query)
	q, err := ix.buildQuery(pq, req)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok, err := ix.rankCandidates(context.Background(), snap, q, 10, byDate); ok || err != nil {
		t.Errorf("without dates: ok %v, err %v; want date order handed back to bleve", ok, err)
	}
	got, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(paths(got), paths(want)) || len(want.Hits) < 2 {
		t.Errorf("date order from bleve %v, from the table %v", paths(got), paths(want))
	}
}
