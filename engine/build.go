package engine

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch/analysis"
	"policysearch/corpus"
)

// defaultBatchSize: measured on the full corpus, 64-document batches peak at
// about 900 MiB against 1.2 GiB for 256 and 2.2 GiB for 1,024, at the same
// speed.
const defaultBatchSize = 64

// BuildOptions configure one index build.
type BuildOptions struct {
	// Corpus is the tree of policy files; paths in the index are relative to it.
	Corpus fs.FS
	// IndexDir receives a new generation and, when the build succeeds, serves it.
	IndexDir string
	// Read tunes the corpus readers (file size limit).
	Read corpus.Options
	// BatchSize is how many documents go into one index batch (default 64).
	BatchSize int
	// Progress, when set, is called as files are read and documents indexed.
	Progress func(Progress)
	// Analyzer segments the text fields: analysis.AnalyzerName (default), or
	// BaselineAnalyzer to build the comparison index of bleve's bigrams.
	Analyzer string
	// Force builds a new generation even when the corpus, the options and
	// the program are unchanged since the current one (see fingerprint).
	Force bool
}

// BaselineAnalyzer is bleve's built-in CJK bigram analyzer. An index built
// with it is searched the straightforward way (words ORed, no boosts); it is
// the yardstick that relevance and load tests hold this engine against.
const BaselineAnalyzer = cjk.AnalyzerName

// Progress reports how far a build has come.
type Progress struct {
	Phase string // "read" or "index"
	Done  int
	Total int
	Bytes int64 // bytes of source files read so far
}

// Build reads every supported file of the corpus, groups duplicates and
// versions, and indexes the result into a new generation of IndexDir, which
// it then publishes atomically. Unreadable files are skipped and reported in
// the summary; only an unusable corpus or index directory is an error.
func Build(ctx context.Context, opt BuildOptions) (*Summary, error) {
	start := time.Now()
	if opt.BatchSize <= 0 {
		opt.BatchSize = defaultBatchSize
	}
	if opt.Analyzer == "" {
		opt.Analyzer = analysis.AnalyzerName
	}
	fp, err := fingerprint(opt)
	if err != nil {
		return nil, err
	}
	if !opt.Force {
		if sum := reusable(opt.IndexDir, fp); sum != nil {
			sum.Elapsed = time.Since(start)
			return sum, nil
		}
	}
	paths, skipped, err := corpus.ListFiles(opt.Corpus)
	if err != nil {
		return nil, fmt.Errorf("list corpus: %w", err)
	}
	sum := &Summary{Skipped: skipped}

	files := readAll(ctx, opt, paths)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var docs []*corpus.Document
	for _, f := range files {
		if f.err != nil {
			sum.Skipped = append(sum.Skipped, corpus.Skip{Path: f.path, Reason: f.err.Error()})
		}
		if len(f.docs) == 0 {
			continue
		}
		sum.Files++
		sum.Bytes += f.size
		docs = append(docs, f.docs...)
	}
	sum.Documents = len(docs)
	groups := corpus.Group(docs)
	sum.Duplicates = len(groups.DuplicateOf)
	sum.VersionGroups = countVersionGroups(groups)
	var cov strings.Builder
	writeCoverage(&cov, docs)
	sum.coverage = cov.String()

	gen, err := newGeneration(opt.IndexDir)
	if err != nil {
		return nil, err
	}
	if err := measureFieldStats(docs, groups).write(gen); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	if err := writeTitles(filepath.Join(gen, titlesFile), docs, groups); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	// Last, because it releases the documents as it indexes them.
	if err := writeIndex(ctx, opt, filepath.Join(gen, bleveSubdir), docs, groups); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	sum.Elapsed = time.Since(start)
	if err := os.WriteFile(filepath.Join(gen, reportFile), []byte(sum.Report()), 0o644); err != nil {
		_ = os.RemoveAll(gen)
		return nil, fmt.Errorf("write build report: %w", err)
	}
	if err := writeReuseInfo(gen, fp, sum); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	if err := publishGeneration(opt.IndexDir, gen); err != nil {
		return nil, err
	}
	sum.Generation = gen
	return sum, nil
}

// fileResult is what reading one corpus file gave.
type fileResult struct {
	path string
	size int64
	docs []*corpus.Document
	err  error
}

// readAll reads the files on all cores and returns their results in corpus
// order, so that "first path in corpus order" stays well defined.
func readAll(ctx context.Context, opt BuildOptions, paths []string) []fileResult {
	results := make([]fileResult, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var done int
	var bytes int64
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := readOne(opt, paths[i])
				results[i] = r
				mu.Lock()
				done++
				bytes += r.size
				if opt.Progress != nil {
					opt.Progress(Progress{Phase: "read", Done: done, Total: len(paths), Bytes: bytes})
				}
				mu.Unlock()
			}
		}()
	}
	for i := range paths {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// readOne reads one file, turning a reader panic into a skip reason: one bad
// file must never abort a build.
func readOne(opt BuildOptions, path string) (r fileResult) {
	r.path = path
	defer func() {
		if p := recover(); p != nil {
			r.docs, r.err = nil, fmt.Errorf("reader crashed: %v", p)
		}
	}()
	if fi, err := fs.Stat(opt.Corpus, path); err == nil {
		r.size = fi.Size()
	}
	r.docs, r.err = corpus.ReadFile(opt.Corpus, path, opt.Read)
	return r
}

// writeIndex creates the bleve index at dir and indexes every document that
// is not an exact duplicate of an earlier one. bleve's scorch analyzes the
// documents of a batch on all cores. Each entry of docs is set to nil once
// its batch is in, so the corpus text is not held alongside the segments
// built from it: that, and small batches, keep the build's peak memory low.
func writeIndex(ctx context.Context, opt BuildOptions, dir string, docs []*corpus.Document, groups *corpus.Grouping) error {
	m, err := newMapping(opt.Analyzer)
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	batch := idx.NewBatch()
	batchStart := 0
	flush := func(end int) error {
		if batch.Size() == 0 {
			return nil
		}
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		batch.Reset()
		clear(docs[batchStart:end])
		batchStart = end
		return nil
	}
	for i, doc := range docs {
		if err := ctx.Err(); err != nil {
			_ = idx.Close()
			return err
		}
		if _, dup := groups.DuplicateOf[doc.Path]; dup {
			continue
		}
		fields, err := indexFields(doc, relationsOf(doc.Path, groups))
		if err == nil {
			err = batch.Index(doc.ID, fields)
		}
		if err != nil {
			_ = idx.Close()
			return fmt.Errorf("index %s: %w", doc.Path, err)
		}
		if batch.Size() >= opt.BatchSize {
			if err := flush(i + 1); err != nil {
				_ = idx.Close()
				return err
			}
		}
		if opt.Progress != nil && (i%64 == 0 || i == len(docs)-1) {
			opt.Progress(Progress{Phase: "index", Done: i + 1, Total: len(docs)})
		}
	}
	if err := flush(len(docs)); err != nil {
		_ = idx.Close()
		return err
	}
	if err := mergeSegments(ctx, idx); err != nil {
		_ = idx.Close()
		return err
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	// The segments a merge replaced are deleted by a background pass that
	// closing cuts short; opening the index for writing deletes them.
	reopened, err := bleve.Open(dir)
	if err != nil {
		return fmt.Errorf("reopen index to remove merged segments: %w", err)
	}
	if err := reopened.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return nil
}

func relationsOf(path string, g *corpus.Grouping) relations {
	return relations{
		duplicates: g.Duplicates[path],
		versions:   g.Versions[path],
		cites:      g.Cites[path],
		citedBy:    g.CitedBy[path],
		current:    g.IsCurrent(path),
	}
}

// countVersionGroups counts the distinct version groups of the grouping.
func countVersionGroups(g *corpus.Grouping) int {
	seen := map[string]bool{}
	for _, members := range g.Versions {
		if len(members) > 0 {
			seen[members[0]] = true
		}
	}
	return len(seen)
}

// mergeSegments merges the index into one segment. Small batches leave a few
// dozen segments behind, and every query walks every segment: one segment is
// smaller on disk and faster to search, numbers its documents from 0 (which
// the facet table relies on), and an index generation is never written again.
//
// ForceMerge plans over the segments already on disk: a batch the persister
// has not written yet stays a segment of its own, and the files the merge
// replaced may stay behind (one build in a few measured 416 MiB instead of
// 207). So the merge waits for the persister and repeats until one segment is
// left.
func mergeSegments(ctx context.Context, idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("open index for merging: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	for range maxMergeRounds {
		if err := waitPersisted(ctx, s); err != nil {
			return err
		}
		if segments, _ := s.StatsMap()["TotFileSegmentsAtRoot"].(uint64); segments <= 1 {
			return nil
		}
		if err := s.ForceMerge(ctx, nil); err != nil {
			return fmt.Errorf("merge index segments: %w", err)
		}
	}
	return nil // still several segments: slower to search, but complete
}

// maxMergeRounds bounds the merge retries; one round is the rule, two the
// exception.
const maxMergeRounds = 5

// waitPersisted waits until every segment of the index is on disk.
func waitPersisted(ctx context.Context, s *scorch.Scorch) error {
	for {
		m := s.StatsMap()
		root, _ := m["CurRootEpoch"].(uint64)
		persisted, _ := m["LastPersistedEpoch"].(uint64)
		inMemory, _ := m["TotMemorySegmentsAtRoot"].(uint64)
		if inMemory == 0 && persisted >= root {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
