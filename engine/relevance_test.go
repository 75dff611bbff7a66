package engine

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysearch/internal/testcorpus"
	"policysearch/relevance"
)

// The relevance regression guard: the dev queries of ../shared/eval run
// through the real search code over the full corpus. The floor sits a little
// under the best result measured, so a ranking change that loses relevance
// fails here instead of in front of users.
const (
	ndcgFloor   = 0.80
	recallFloor = 0.82
)

var (
	relevanceIndex = flag.String("relevance.index", "", "reuse this index directory (built by indexer from the full corpus) instead of building one")
	baselineIndex  = flag.String("relevance.baseline-index", "", "reuse this baseline index directory instead of building one")
	weakest        = flag.Int("relevance.weakest", 10, "list this many of the weakest queries")
	withBaseline   = flag.Bool("relevance.baseline", true, "also score the cjk baseline (turn off while iterating on ranking)")
)

func TestRelevanceOnDevSet(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the full-corpus relevance test in -short mode")
	}
	corpusDir := testcorpus.Dir(t)
	queries, err := relevance.LoadQueries(filepath.Join(testcorpus.EvalDir(t), "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}

	ours := openFullIndex(t, corpusDir, *relevanceIndex, "")
	ourReport := evaluate(t, ours, queries)
	// The candidates the dev queries are ranked from are bleve's own, and
	// so are their pages in date order, past the re-rank window, within
	// dates, and with the first word or the whole query as a phrase. An
	// index built by the indexer keeps the body out of bleve: nothing to
	// compare with.
	compared := queries
	if !bodyInBleve(t, ours) {
		t.Log("the index keeps the body out of bleve (built by the indexer): candidates not compared with bleve's")
		compared = nil
	}
	for _, q := range compared {
		words := strings.Fields(q.Query)
		compareCandidates(t, ours, Request{Query: `"` + words[0] + `" ` + strings.Join(words[1:], " ")}, byRelevance, rerankWindow)
		compareCandidates(t, ours, Request{Query: `"` + q.Query + `"`}, byRelevance, rerankWindow)
		compareCandidates(t, ours, Request{Query: q.Query}, byRelevance, rerankWindow)
		compareCandidates(t, ours, Request{Query: q.Query, Filters: Filters{From: "2018", To: "2024-06-30"}}, byRelevance, rerankWindow)
		compareCandidates(t, ours, Request{Query: q.Query}, byDate, rerankWindow)
		compareCandidates(t, ours, Request{Query: q.Query}, byRelevance, 200)
	}

	// A quoted word matches where its text stands, whole or inside a longer
	// word, and nowhere else: by positions alone, 44 of the top 20 hits of
	// these lacked the text (a word's sub-word at the position after
	// another word: "快递条例" in 快递暂行条例).
	for _, q := range queries {
		for _, w := range strings.Fields(q.Query) {
			res, err := ours.Search(context.Background(), Request{Query: `"` + w + `"`, Size: 20})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if !holdsText(t, ours, h, w) {
					t.Errorf("%q: hit %s holds the word neither in its title nor in its body", w, h.Path)
				}
			}
		}
	}

	var out strings.Builder
	out.WriteString("\n== this engine ==\n")
	_ = ourReport.WriteTable(&out)
	var baseReport *relevance.Report
	if *withBaseline {
		base := openFullIndex(t, corpusDir, *baselineIndex, BaselineAnalyzer)
		baseReport = evaluate(t, base, queries)
		out.WriteString("\n== baseline: bleve cjk bigrams, words ORed ==\n")
		_ = baseReport.WriteTable(&out)
	}
	out.WriteString("\n== weakest queries ==\n")
	for _, q := range ourReport.Weakest(*weakest) {
		fmt.Fprintf(&out, "%s %-10s nDCG %.2f recall %.2f  %s\n", q.ID, q.Intent, q.NDCG, q.Recall, q.Query)
	}
	t.Log(out.String())

	if ourReport.Total.NDCG < ndcgFloor {
		t.Errorf("nDCG@10 %.3f fell below the floor %.3f", ourReport.Total.NDCG, ndcgFloor)
	}
	if ourReport.Total.Recall < recallFloor {
		t.Errorf("recall@10 %.3f fell below the floor %.3f", ourReport.Total.Recall, recallFloor)
	}
	if baseReport != nil {
		baseByIntent := map[string]float64{}
		for _, im := range baseReport.ByIntent {
			baseByIntent[im.Intent] = im.NDCG
		}
		for _, im := range ourReport.ByIntent {
			if b, ok := baseByIntent[im.Intent]; ok && im.NDCG < b {
				t.Errorf("intent %s: nDCG@10 %.3f is below the baseline's %.3f", im.Intent, im.NDCG, b)
			}
		}
	}
}

// openFullIndex opens dir, or builds the corpus into a temporary directory
// with the given analyzer.
func openFullIndex(t *testing.T, corpusDir, dir, analyzer string) *Index {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
		start := time.Now()
		sum, err := buildComparable(BuildOptions{Corpus: os.DirFS(corpusDir), IndexDir: dir, Analyzer: analyzer})
		if err != nil {
			t.Fatalf("build %s index: %v", analyzer, err)
		}
		t.Logf("built %q index: %s (wall %s)", analyzer, sum, time.Since(start).Round(time.Millisecond))
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func evaluate(t *testing.T, ix *Index, queries []relevance.Query) *relevance.Report {
	t.Helper()
	report, err := relevance.Evaluate(queries, 10, func(q string) ([]string, error) {
		res, err := ix.Search(context.Background(), Request{Query: q, Size: 10})
		if err != nil {
			return nil, err
		}
		paths := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			paths[i] = h.Path
		}
		return paths, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return report
}
