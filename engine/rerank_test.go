package engine

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// locs builds a term location map from term → byte starts (each 6 bytes long).
func locs(m map[string][]int) bsearch.TermLocationMap {
	out := bsearch.TermLocationMap{}
	for term, starts := range m {
		for _, s := range starts {
			out[term] = append(out[term], &bsearch.Location{Start: uint64(s), End: uint64(s + 6)})
		}
	}
	return out
}

func TestPassageCover(t *testing.T) {
	groups := []map[string]bool{{"试用": true, "试用期": true}, {"最长": true}, {"期限": true, "多久": true}}
	tests := []struct {
		name string
		locs map[string][]int
		want int
	}{
		{"nothing matched", nil, 0},
		{"one group", map[string][]int{"试用期": {10, 500}}, 1},
		{"all within one passage", map[string][]int{"试用期": {1000}, "最长": {1050}, "期限": {1100}}, 3},
		{"spread over the text", map[string][]int{"试用期": {0}, "最长": {1000}, "期限": {2000}}, 1},
		{"two of three close", map[string][]int{"试用": {0, 3000}, "最长": {3100}, "多久": {9000}}, 2},
		{"terms outside the query ignored", map[string][]int{"其他": {0, 10, 20}, "最长": {15}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := passageCover(locs(tt.locs), groups, []float64{1, 1, 1}, 240); int(got) != tt.want {
				t.Errorf("passageCover = %v, want %d", got, tt.want)
			}
		})
	}
}

func TestMatchesInOrder(t *testing.T) {
	groups := []map[string]bool{{"试用": true, "试用期": true}, {"最长": true}}
	for _, tt := range []struct {
		name string
		locs map[string][]int
	}{
		{"runs in text order", map[string][]int{"试用": {0, 40, 90}, "试用期": {5, 41}, "最长": {3, 60, 61, 200}, "其他": {1}}},
		{"a run out of order", map[string][]int{"试用": {90, 0, 40}, "最长": {3}}},
		{"nothing of the groups", map[string][]int{"其他": {1, 2}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []groupMatch
			for term, starts := range tt.locs {
				if g := groupOf(term, groups); g >= 0 {
					for _, s := range starts {
						want = append(want, groupMatch{s, g})
					}
				}
			}
			slices.SortFunc(want, func(a, b groupMatch) int { return cmp.Compare(a.start, b.start) })
			got := matchesInOrder(locs(tt.locs), groups)
			if len(got) != len(want) {
				t.Fatalf("%d matches, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("match %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// rerankAll re-ranks every candidate.
func rerankAll(t *testing.T, r reranking, hits bsearch.DocumentMatchCollection) bsearch.DocumentMatchCollection {
	t.Helper()
	out, err := r.rerank(hits, len(hits))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(hits) {
		t.Fatalf("%d candidates re-ranked, want all %d", len(out), len(hits))
	}
	return out
}

func TestRerankPrefersCloseWordsAndCurrentVersions(t *testing.T) {
	standings := map[string]standing{
		"far":   {current: true, status: "现行有效"},
		"close": {current: true, status: "现行有效"},
		"old":   {current: false, status: "已修改"},
	}
	groups := []map[string]bool{{"人才": true}, {"公寓": true}}
	newHits := func() bsearch.DocumentMatchCollection {
		return bsearch.DocumentMatchCollection{
			{ID: "far", Score: 1.2, Locations: bsearch.FieldTermLocationMap{fieldBody: locs(map[string][]int{"人才": {0}, "公寓": {5000}})}},
			{ID: "close", Score: 1.0, Locations: bsearch.FieldTermLocationMap{fieldBody: locs(map[string][]int{"人才": {0}, "公寓": {30}})}},
			{ID: "old", Score: 1.1, Locations: bsearch.FieldTermLocationMap{fieldBody: locs(map[string][]int{"人才": {0}, "公寓": {30}})}},
		}
	}
	ids := func(h bsearch.DocumentMatchCollection) []string {
		var out []string
		for _, dm := range h {
			out = append(out, dm.ID)
		}
		return out
	}
	hits := rerankAll(t, reranking{groups: groups, weights: []float64{1, 1}, standings: standings}, newHits())
	if got := ids(hits); got[0] != "close" || got[2] != "far" {
		t.Errorf("order %v: want the passage match first and the scattered match last", got)
	}
	if got := ids(hits); got[1] != "old" {
		t.Errorf("order %v: the superseded version should trail the current one with the same match", got)
	}
	hits = rerankAll(t, reranking{groups: groups, weights: []float64{1, 1}, standings: standings, intent: queryIntent{keepVersions: true}}, newHits())
	if got := ids(hits); got[0] != "old" {
		t.Errorf("order %v: with a date filter an earlier version keeps its score", got)
	}
}

func TestTitlePhrases(t *testing.T) {
	phrases := [][]string{{"国家科学技术奖"}, {"申报"}}
	weights := []float64{3, 1}
	tests := []struct {
		title string
		want  float64
	}{
		{"国家科学技术奖励条例", 3},
		{"关于国家科学技术奖申报工作的通知", 4},
		{"浙江省科学技术进步条例", 0}, // the words, but not the term whole
		{"项目申报指南", 1},
	}
	for _, tt := range tests {
		if got := titlePhrases(tt.title, phrases, weights); got != tt.want {
			t.Errorf("titlePhrases(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

func TestRerankPrefersBindingTexts(t *testing.T) {
	standings := map[string]standing{
		"case":   {current: true, category: "案例"},
		"page":   {current: true},
		"rule":   {current: true, category: "地方性法规", docType: "条例"},
		"law":    {current: true, category: "法律", docType: "法"},
		"report": {current: true, category: "政府工作报告", docType: "报告"},
	}
	hits := bsearch.DocumentMatchCollection{
		{ID: "case", Score: 1.05}, {ID: "report", Score: 1.05}, {ID: "page", Score: 1.05},
		{ID: "rule", Score: 1.0}, {ID: "law", Score: 0.95},
	}
	hits = rerankAll(t, reranking{standings: standings}, hits)
	var got []string
	for _, dm := range hits {
		got = append(got, dm.ID)
	}
	if got[0] != "law" || got[1] != "rule" {
		t.Errorf("order %v: want the law, then the regulation, ahead of a case, a report and a page of about the same score", got)
	}
}

func TestRerankLocalIntentDropsTheNationalLawLead(t *testing.T) {
	standings := map[string]standing{
		"law":  {current: true, category: "法律", docType: "法"},
		"rule": {current: true, category: "地方性法规", docType: "条例"},
	}
	order := func(in queryIntent) string {
		hits := bsearch.DocumentMatchCollection{{ID: "law", Score: 1.0}, {ID: "rule", Score: 1.1}}
		return rerankAll(t, reranking{standings: standings, intent: in}, hits)[0].ID
	}
	if got := order(queryIntent{}); got != "law" {
		t.Errorf("without intent %s leads; want the national law", got)
	}
	if got := order(queryIntent{local: true}); got != "rule" {
		t.Errorf("asking for local regulations, %s leads; want the local regulation", got)
	}
}

// TestRerankKeepsTheBestWithoutLocatingAll checks that re-ranking for the
// first keep candidates, which locates only the bodies whose proximity could
// lift them that far, gives the same first keep, scores included, as
// re-ranking every candidate.
func TestRerankKeepsTheBestWithoutLocatingAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	terms := []string{"人才", "公寓", "补贴", "申请"}
	kinds := []standing{
		{current: true, category: "法律", docType: "法"},
		{current: true, category: "地方性法规", docType: "条例"},
		{current: false, status: "已修改", docType: "办法"},
		{current: true, category: "案例"},
		{current: true, status: "已废止", docType: "通知"},
	}
	// Bodies located when re-ranking for the first keep, of those that
	// proximity applies to (queries of more than one group).
	var located, candidates int
	for round := range 500 {
		groups := []map[string]bool{{"人才": true}, {"公寓": true}, {"补贴": true, "申请": true}}[:1+rng.IntN(3)]
		weights := make([]float64, len(groups))
		for i := range weights {
			weights[i] = 0.5 + rng.Float64()
		}
		n := 1 + rng.IntN(50)
		standings := map[string]standing{}
		bodies := map[string]bsearch.TermLocationMap{}
		newHits := func() bsearch.DocumentMatchCollection {
			r := rand.New(rand.NewPCG(uint64(round), 3))
			hits := make(bsearch.DocumentMatchCollection, n)
			for i := range hits {
				id := fmt.Sprintf("d%02d", i)
				hits[i] = &bsearch.DocumentMatch{ID: id, Score: 1 + math.Round(math.Pow(r.Float64(), 3)*64)/8}
				standings[id] = kinds[r.IntN(len(kinds))]
				starts := map[string][]int{}
				for _, term := range terms {
					for range r.IntN(3) {
						starts[term] = append(starts[term], r.IntN(2000))
					}
					slices.Sort(starts[term])
				}
				bodies[id] = locs(starts)
			}
			return hits
		}
		var count int
		r := reranking{groups: groups, weights: weights, standings: standings}
		r.locateBody = func(hits bsearch.DocumentMatchCollection) error {
			for _, dm := range hits {
				dm.Locations = bsearch.FieldTermLocationMap{fieldBody: bodies[dm.ID]}
			}
			count += len(hits)
			return nil
		}
		all, err := r.rerank(newHits(), n)
		if err != nil {
			t.Fatal(err)
		}
		keep := 1 + rng.IntN(min(n, 20))
		count = 0
		best, err := r.rerank(newHits(), keep)
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) > 1 {
			located, candidates = located+count, candidates+n
		}
		if len(best) < keep {
			t.Fatalf("round %d: %d candidates kept, want at least %d", round, len(best), keep)
		}
		for i := range keep {
			if best[i].ID != all[i].ID || best[i].Score != all[i].Score {
				t.Fatalf("round %d, keep %d of %d: candidate %d is %s (%v), want %s (%v)",
					round, keep, n, i, best[i].ID, best[i].Score, all[i].ID, all[i].Score)
			}
		}
	}
	// Shows the test compares something: most rounds locate fewer.
	if located >= candidates*3/4 {
		t.Errorf("%d of %d bodies located for the first keep; want far fewer", located, candidates)
	}
}
