package engine

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"
)

// TestDateFiltersKeepToTheirDates checks that from and to keep only the
// documents published within them: an undated document is never in a date
// range, not even in one open at the start.
func TestDateFiltersKeepToTheirDates(t *testing.T) {
	ix := openSample(t, nil)
	ix.SetResultCache(0)
	undated := 0
	all, err := ix.Search(context.Background(), Request{Query: "政府工作报告", Size: MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range all.Hits {
		if h.Published == "" {
			undated++
		}
	}
	if undated == 0 {
		t.Fatal("no undated document matches; the test would prove nothing")
	}
	for _, f := range []Filters{
		{To: "2100"}, {From: "2019"}, {From: "2018-06-01", To: "2020"}, {To: "2019-12-31"},
	} {
		res, err := ix.Search(context.Background(), Request{Query: "政府工作报告", Size: MaxPageSize, Filters: f})
		if err != nil {
			t.Fatal(err)
		}
		hi := f.To
		if len(hi) == 4 {
			hi += "-99"
		}
		for _, h := range res.Hits {
			if h.Published == "" || h.Published < f.From || (hi != "" && h.Published > hi) {
				t.Errorf("%+v: %s published %q", f, h.Path, h.Published)
			}
		}
		if f.To == "2100" && int(res.Total) != int(all.Total)-undated {
			t.Errorf("%+v: %d hits, want the %d dated of %d", f, res.Total, int(all.Total)-undated, all.Total)
		}
	}
}

// TestCorpusWithoutDates searches a corpus where no document has a date:
// date order and date filters are answered by the evaluator, not handed to
// bleve's searchers, and agree with them: date order is the order of
// scores, and no document is in a date range.
func TestCorpusWithoutDates(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, body := range []string{"人才公寓租金补贴。", "人才引进落户办法，公寓配租。", "高层次人才住房补贴，人才公寓。", "创业担保贷款贴息。"} {
		fsys[fmt.Sprintf("%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# 通知%d\n\n<!-- INFO END -->\n\n%s\n", i, body))}
	}
	ix := openComparable(t, fsys, nil)
	if ix.facets == nil || ix.facets.published == nil {
		t.Fatal("the index should have a facet table that records the documents as undated")
	}
	for _, q := range []string{"人才 公寓", "补贴"} {
		compareCandidates(t, ix, Request{Query: q}, byDate, 10)
		compareCandidates(t, ix, Request{Query: q, Filters: Filters{From: "2018"}}, byRelevance, 10)
		compareCandidates(t, ix, Request{Query: q, Filters: Filters{To: "2030"}}, byRelevance, 10)
		byDate, err := ix.Search(context.Background(), Request{Query: q, Sort: "date"})
		if err != nil {
			t.Fatal(err)
		}
		dated, err := ix.Search(context.Background(), Request{Query: q, Filters: Filters{From: "2018"}})
		if err != nil {
			t.Fatal(err)
		}
		if byDate.Total < 2 || dated.Total != 0 {
			t.Errorf("%q: %d hits in date order, %d from 2018 (want some, and none)", q, byDate.Total, dated.Total)
		}
	}
}
