package relevance

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"policysearch/internal/testcorpus"
)

// fakeRanker answers each query with a deterministic ranking built from the
// judgments themselves: relevant paths in a scrambled order, irrelevant
// paths mixed in, and the duplicates and path spellings that exercise
// the scoring rules (second copies, "./" and "/" prefixes).
type fakeRanker map[string][]string

func newFakeRanker(queries []Query) fakeRanker {
	f := make(fakeRanker)
	for _, q := range queries {
		f[q.Query] = fakeRanking(q)
	}
	return f
}

func fakeRanking(q Query) []string {
	h := fnv.New64a()
	h.Write([]byte(q.Query))
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, 2024))

	var relevant []string
	for _, g := range q.Relevant {
		relevant = append(relevant, g.Paths...)
	}
	var hits []string
	switch seed % 5 {
	case 0: // nothing relevant at all
	case 1: // one relevant path, repeated
		if len(relevant) > 0 {
			p := relevant[rng.IntN(len(relevant))]
			hits = append(hits, p, "./"+p)
		}
	default: // every relevant path, shuffled, some spelled differently
		for _, p := range relevant {
			switch rng.IntN(4) {
			case 0:
				p = "./" + p
			case 1:
				p = "/" + p
			}
			hits = append(hits, p)
		}
	}
	for i := range 6 {
		hits = append(hits, fmt.Sprintf("noise/%d-%d.md", seed%97, i))
	}
	rng.Shuffle(len(hits), func(i, j int) { hits[i], hits[j] = hits[j], hits[i] })
	if seed%7 == 3 {
		hits = nil // an empty answer
	}
	return hits
}

func (f fakeRanker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	type hit struct {
		Path string `json:"path"`
	}
	resp := struct {
		Hits []hit `json:"hits"`
	}{Hits: []hit{}}
	for _, p := range f[r.URL.Query().Get("q")] {
		resp.Hits = append(resp.Hits, hit{Path: p})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// TestMatchesPythonEvaluate runs the reference script against a fake
// server and checks that Evaluate over the same rankings agrees.
func TestMatchesPythonEvaluate(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping: python3 not found")
	}
	dir := testcorpus.EvalDir(t)
	queriesPath := filepath.Join(dir, "dev.jsonl")
	queries, err := LoadQueries(queriesPath)
	if err != nil {
		t.Fatal(err)
	}
	ranker := newFakeRanker(queries)
	srv := httptest.NewServer(ranker)
	defer srv.Close()

	for _, k := range []int{10, 3} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, python, filepath.Join(dir, "evaluate"),
				"--queries", queriesPath,
				"--url", srv.URL+"/api/search?q={q}&size={k}",
				"--k", fmt.Sprint(k), "--json")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("evaluate failed: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 2 {
				t.Fatalf("unexpected evaluate output:\n%s", out)
			}
			pyLast := lines[len(lines)-1]
			if !regexp.MustCompile(`^nDCG@\d+ \d\.\d{3} recall@\d+ \d\.\d{3} mrr \d\.\d{3} queries \d+$`).MatchString(pyLast) {
				t.Fatalf("unexpected final line %q", pyLast)
			}
			var py struct {
				Total struct{ NDCG, Recall, RR, P1 float64 } `json:"total"`
				// Intent keys map to {n, ndcg, recall, rr, p1}.
				ByIntent map[string]struct {
					N                    int
					NDCG, Recall, RR, P1 float64
				} `json:"by_intent"`
				PerQuery []struct {
					ID                   string
					NDCG, Recall, RR, P1 float64
				} `json:"per_query"`
			}
			if err := json.Unmarshal([]byte(lines[len(lines)-2]), &py); err != nil {
				t.Fatalf("parse the --json line: %v", err)
			}

			report, err := Evaluate(queries, k, func(q string) ([]string, error) { return ranker[q], nil })
			if err != nil {
				t.Fatal(err)
			}
			if got := report.SummaryLine(); got != pyLast {
				t.Errorf("final line:\n go     %s\n python %s", got, pyLast)
			}
			if len(py.PerQuery) != len(report.PerQuery) {
				t.Fatalf("python scored %d queries, Go %d", len(py.PerQuery), len(report.PerQuery))
			}
			for i, p := range py.PerQuery {
				g := report.PerQuery[i]
				if p.ID != g.ID || !near(p.NDCG, g.NDCG) || !near(p.Recall, g.Recall) || !near(p.RR, g.MRR) || !near(p.P1, g.P1) {
					t.Errorf("query %s: python %+v, Go %+v", p.ID, p, g.Scores)
				}
			}
			if len(py.ByIntent) != len(report.ByIntent) {
				t.Errorf("python has %d intents, Go %d", len(py.ByIntent), len(report.ByIntent))
			}
			for _, im := range report.ByIntent {
				p := py.ByIntent[im.Intent]
				if p.N != im.N || !near(p.NDCG, im.NDCG) || !near(p.Recall, im.Recall) || !near(p.RR, im.MRR) || !near(p.P1, im.P1) {
					t.Errorf("intent %s: python %+v, Go %+v", im.Intent, p, im.Means)
				}
			}
			// The fake ranking must exercise the metric, not sit at 0 or 1.
			if report.Total.NDCG < 0.1 || report.Total.NDCG > 0.95 {
				t.Errorf("fake ranking is degenerate: nDCG %.3f", report.Total.NDCG)
			}
			t.Logf("go and python agree: %s", pyLast)
		})
	}
}
