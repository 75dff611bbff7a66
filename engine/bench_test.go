package engine_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"policysearch/engine"
	"policysearch/internal/testcorpus"
	"policysearch/relevance"
)

// Full-corpus benchmarks. They skip when ../shared/corpus (or $CORPUS_DIR) is
// absent, and build nothing unless selected with -bench:
//
//	go test -run '^$' -bench . -benchmem ./engine
//	go test -run '^$' -bench 'Search' ./engine -bench.index /tmp/idx -bench.baseline-index /tmp/idx-cjk
//
// BenchmarkSearch and BenchmarkSearchBaseline run the same queries the same
// way, so their ns/op, p50-ms and p99-ms give the ratio ours/baseline from one
// run. One iteration is one query; the default -benchtime of 1s covers less
// than one pass over the dev set, so for stable percentiles give whole passes,
// e.g. -benchtime 880x (ten passes over the 88 dev queries).
var (
	benchIndexDir    = flag.String("bench.index", "", "reuse this index directory (built by indexer from the full corpus) in BenchmarkSearch instead of building one")
	benchBaselineDir = flag.String("bench.baseline-index", "", "reuse this index directory (built by indexer -analyzer cjk) in BenchmarkSearchBaseline instead of building one")
)

// BenchmarkBuild builds the whole corpus into a fresh directory once per
// iteration; MB/s is over the bytes of the files that gave documents, as in
// the indexer's summary line.
func BenchmarkBuild(b *testing.B) {
	corpusDir := testcorpus.Dir(b)
	b.ReportAllocs()
	var sum *engine.Summary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), fmt.Sprintf("idx%d", i))
		b.StartTimer()
		var err error
		sum, err = engine.Build(context.Background(), engine.BuildOptions{Corpus: os.DirFS(corpusDir), IndexDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(sum.Bytes)
		b.StopTimer()
		// Keep at most one index on disk at a time.
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(sum.Documents), "docs")
}

// BenchmarkSearch runs the dev queries round-robin through Search (page 1,
// size 10, facets and highlighting as served) on an index of the full corpus.
func BenchmarkSearch(b *testing.B) {
	benchSearch(b, "", *benchIndexDir)
}

// BenchmarkSearchBaseline is BenchmarkSearch over bleve's cjk bigram index.
func BenchmarkSearchBaseline(b *testing.B) {
	benchSearch(b, engine.BaselineAnalyzer, *benchBaselineDir)
}

func benchSearch(b *testing.B, analyzer, dir string) {
	queries := benchQueries(b)
	ix := benchIndex(b, analyzer, dir)
	ctx := context.Background()
	took := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		if _, err := ix.Search(ctx, engine.Request{Query: q, Size: 10}); err != nil {
			b.Fatalf("query %q: %v", q, err)
		}
		took[i] = time.Since(start)
	}
	b.StopTimer()
	reportLatencies(b, took)
}

// BenchmarkSuggest asks for completions of every prefix of one to six
// characters of the dev queries, round-robin, as a search box does while one
// types.
func BenchmarkSuggest(b *testing.B) {
	var prefixes []string
	seen := map[string]bool{}
	for _, q := range benchQueries(b) {
		runes := []rune(strings.TrimSpace(q))
		for n := 1; n <= min(len(runes), 6); n++ {
			if p := string(runes[:n]); !seen[p] {
				seen[p] = true
				prefixes = append(prefixes, p)
			}
		}
	}
	ix := benchIndex(b, "", *benchIndexDir)
	took := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := prefixes[i%len(prefixes)]
		start := time.Now()
		if _, err := ix.Suggest(p, 0); err != nil {
			b.Fatalf("suggest %q: %v", p, err)
		}
		took[i] = time.Since(start)
	}
	b.StopTimer()
	reportLatencies(b, took)
}

// reportLatencies reports the median and the 99th percentile of took.
func reportLatencies(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	b.ReportMetric(percentileMS(took, 0.50), "p50-ms")
	b.ReportMetric(percentileMS(took, 0.99), "p99-ms")
}

// percentileMS is the nearest-rank percentile of sorted durations, in ms.
func percentileMS(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	i = max(0, min(i, len(sorted)-1))
	return float64(sorted[i]) / float64(time.Millisecond)
}

var (
	benchQueriesOnce sync.Once
	benchQueryList   []string
	benchQueriesErr  error
)

// benchQueries returns the query strings of the dev set, skipping when it is absent.
func benchQueries(b *testing.B) []string {
	b.Helper()
	path := filepath.Join(testcorpus.EvalDir(b), "dev.jsonl")
	benchQueriesOnce.Do(func() {
		qs, err := relevance.LoadQueries(path)
		if err == nil && len(qs) == 0 {
			err = fmt.Errorf("%s holds no queries", path)
		}
		for _, q := range qs {
			benchQueryList = append(benchQueryList, q.Query)
		}
		benchQueriesErr = err
	})
	if benchQueriesErr != nil {
		b.Fatal(benchQueriesErr)
	}
	return benchQueryList
}

// A benchmark function runs several times (b.N = 1, then more), so each
// index is opened, or built and opened, once per test binary.
type sharedIndex struct {
	once sync.Once
	ix   *engine.Index
	err  error
}

var (
	sharedMu      sync.Mutex
	sharedIndexes = map[string]*sharedIndex{}
)

// benchIndex opens dir, or builds the full corpus with analyzer ("" for this
// engine's) into a temporary directory and opens that. The index stays open
// until the test binary exits.
func benchIndex(b *testing.B, analyzer, dir string) *engine.Index {
	b.Helper()
	corpusDir := ""
	if dir == "" {
		corpusDir = testcorpus.Dir(b)
	}
	sharedMu.Lock()
	key := analyzer + "\x00" + dir
	s := sharedIndexes[key]
	if s == nil {
		s = &sharedIndex{}
		sharedIndexes[key] = s
	}
	sharedMu.Unlock()
	s.once.Do(func() {
		if dir != "" {
			s.ix, s.err = engine.Open(dir, nil)
			return
		}
		s.ix, s.err = buildAndOpen(b, corpusDir, analyzer)
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	// Measure the search itself: the round-robin query mix would otherwise be
	// answered from the result cache after its first pass.
	s.ix.SetResultCache(0)
	return s.ix
}

// buildAndOpen builds into a fresh temporary directory and opens the result.
// The directory is removed as soon as the index is open: the read-only index
// keeps its files open (and mapped), so it stays searchable, and the disk
// space comes back when the test binary exits instead of lingering in /tmp.
func buildAndOpen(b *testing.B, corpusDir, analyzer string) (*engine.Index, error) {
	tmp, err := os.MkdirTemp("", "policysearch-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	sum, err := engine.Build(context.Background(), engine.BuildOptions{Corpus: os.DirFS(corpusDir), IndexDir: tmp, Analyzer: analyzer})
	if err != nil {
		return nil, fmt.Errorf("build %q index: %w", analyzer, err)
	}
	b.Logf("built %q index for the search benchmarks: %s (wall %s)", analyzer, sum, time.Since(start).Round(time.Millisecond))
	return engine.Open(tmp, nil)
}
