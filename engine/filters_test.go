package engine

import (
	"context"
	"testing"
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
