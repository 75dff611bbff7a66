package engine

import (
	"context"
	"reflect"
	"testing"
)

// The in-memory facet counts must be exactly what bleve computes from the
// index's doc values, for any query, filter and sort.
func TestFacetTableCountsAsBleveDoes(t *testing.T) {
	ix := openSample(t, nil)
	ix.SetResultCache(0)
	if ix.facets == nil {
		t.Fatal("a freshly built generation has no facet table")
	}
	checkFacetsMatchBleve(t, ix, []Request{
		{Query: "人才"}, {Query: "补贴 OR 住房"}, {Query: "示例"}, {Query: "条例", Sort: "date"},
		{Query: "示例", Filters: Filters{From: "2020"}}, {Query: "示例", Page: 2, Size: 5},
	})
}

// checkFacetsMatchBleve runs each request with the facet table and again
// with bleve's facets and compares the two.
func checkFacetsMatchBleve(t *testing.T, ix *Index, reqs []Request) {
	t.Helper()
	table := ix.facets
	defer func() { ix.facets = table }()
	for _, req := range reqs {
		ix.facets = table
		ours, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		ix.facets = nil
		bleves, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if ours.Total == 0 {
			t.Errorf("%+v: no hits; the comparison would prove nothing", req)
		}
		if !reflect.DeepEqual(ours.Facets, bleves.Facets) {
			t.Errorf("%+v: facets from memory\n%v\ndiffer from bleve's\n%v", req, ours.Facets, bleves.Facets)
		}
		if !reflect.DeepEqual(paths(ours), paths(bleves)) {
			t.Errorf("%+v: counting facets changed the hits", req)
		}
	}
}

func paths(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Path)
	}
	return out
}
