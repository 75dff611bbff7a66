package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"

	"policysearch/analysis"
	"policysearch/corpus"
)

// defaultBatchSize is the number of documents per batch, and so per segment
// until the final merge. The analyzed documents of the batches being built
// are most of the build's heap (most of a megabyte for a document of average
// length), so batches are small. Larger ones save some work, since bleve
// handles each term once per segment, but measured on the full corpus, 64
// documents gave no clear gain in time for about 50 MiB more at peak.
const defaultBatchSize = 32

// indexWorkers is how many batches are built at once: one is analyzed while
// the other is turned into a segment, which bleve does on a single core.
const indexWorkers = 2

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
	if err := writeTitles(filepath.Join(gen, titlesFile), docs, groups); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	indexed := withoutDuplicates(docs, groups)
	bodies, err := writeBodies(filepath.Join(gen, bodiesFile), indexed)
	if err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	ids := make([]string, len(indexed))
	for i, d := range indexed {
		ids[i] = d.ID
	}
	var counters *bodyCounters
	if opt.Analyzer == analysis.AnalyzerName {
		counters = &bodyCounters{bigrams: newBigramCounter(len(indexed)), words: newWordCounter(len(indexed))}
	}
	stats := measureFieldStats(indexed, counters == nil)
	// Last, because it releases the documents as it indexes them.
	if err := writeIndex(ctx, opt, filepath.Join(gen, bleveSubdir), indexed, groups, bodies, counters); err != nil {
		_ = os.RemoveAll(gen)
		return nil, err
	}
	if counters != nil {
		if err := writeBodyPostings(gen, ids, counters.bigrams, counters.words); err != nil {
			_ = os.RemoveAll(gen)
			return nil, err
		}
		stats.setBodyAverages(counters)
	}
	if err := stats.write(gen); err != nil {
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
	for _, d := range r.docs {
		detach(d)
	}
	return r
}

// detach copies the strings of a document that may share memory with the
// text of its file, so that the file is not kept in memory (about 90 MB of
// the corpus) while the document waits to be indexed.
func detach(d *corpus.Document) {
	c := strings.Clone
	d.Path, d.ID, d.Title, d.Body, d.Header = c(d.Path), c(d.ID), c(d.Title), c(d.Body), c(d.Header)
	d.DocNumber, d.Published, d.Effective, d.Status = c(d.DocNumber), c(d.Published), c(d.Effective), c(d.Status)
	d.Category, d.DocType, d.Region, d.Level, d.SourceURL = c(d.Category), c(d.DocType), c(d.Region), c(d.Level), c(d.SourceURL)
	for i := range d.Agencies {
		d.Agencies[i] = c(d.Agencies[i])
	}
	for i := range d.Cites {
		d.Cites[i] = c(d.Cites[i])
	}
	for i := range d.Events {
		d.Events[i].Date, d.Events[i].Text = c(d.Events[i].Date), c(d.Events[i].Text)
	}
	for i := range d.Clauses {
		d.Clauses[i].Label, d.Clauses[i].Anchor = c(d.Clauses[i].Label), c(d.Clauses[i].Anchor)
	}
}

// withoutDuplicates returns the documents that are not exact duplicates of
// an earlier one: those that are indexed.
func withoutDuplicates(docs []*corpus.Document, groups *corpus.Grouping) []*corpus.Document {
	out := make([]*corpus.Document, 0, len(docs)-len(groups.DuplicateOf))
	for _, d := range docs {
		if _, dup := groups.DuplicateOf[d.Path]; !dup {
			out = append(out, d)
		}
	}
	return out
}

// buildConfig is the scorch configuration while a generation is built. By
// default scorch merges segments in the background as batches come in, so
// that a document is merged again and again as its segment grows: that was
// over a third of the build's work. While building, no segment is small
// enough to be merged (a segment is eligible below half MaxSegmentSize
// documents), and mergeSegments merges them all at once at the end.
var buildConfig = map[string]any{
	"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": 1},
}

// writeIndex creates the bleve index at dir and indexes docs. indexWorkers
// goroutines each build a batch at a time: bleve's scorch analyzes the
// documents of a batch on all cores and then makes them into a segment on
// one. Each entry of docs is set to nil once its batch is mapped, so the
// corpus text is not held alongside the segments built from it: that, and
// small batches, keep the build's peak memory low.
func writeIndex(ctx context.Context, opt BuildOptions, dir string, docs []*corpus.Document, groups *corpus.Grouping, bodies map[string]bodyRef, counters *bodyCounters) error {
	m, err := newMapping(opt.Analyzer)
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	// NewUsing would save a configuration with the index, for searchd to
	// apply too: the index is created plain and reopened with the build's.
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close new index: %w", err)
	}
	if idx, err = bleve.OpenUsing(dir, buildConfig); err != nil {
		return fmt.Errorf("open new index: %w", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	type batch struct {
		from int // build number of the first document
		docs []*corpus.Document
	}
	batches := make(chan batch)
	var wg sync.WaitGroup
	var mu sync.Mutex // serializes progress reports
	done := 0
	for range indexWorkers {
		wg.Go(func() {
			for b := range batches {
				if err := indexBatch(idx, m, b.from, b.docs, groups, bodies, counters, opt.Analyzer == analysis.AnalyzerName); err != nil {
					cancel(err)
					continue
				}
				if opt.Progress != nil {
					mu.Lock()
					done += len(b.docs)
					opt.Progress(Progress{Phase: "index", Done: done, Total: len(docs)})
					mu.Unlock()
				}
			}
		})
	}
	for from := 0; from < len(docs) && ctx.Err() == nil; from += opt.BatchSize {
		select {
		case batches <- batch{from: from, docs: docs[from:min(from+opt.BatchSize, len(docs))]}:
		case <-ctx.Done():
		}
	}
	close(batches)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		_ = idx.Close()
		return err
	}
	// The heap the batches used is garbage now; give it back before the
	// merge maps every segment file.
	debug.FreeOSMemory()
	if err := mergeSegments(ctx, idx); err != nil {
		_ = idx.Close()
		return err
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	// The segments a merge replaced are deleted by a background pass that
	// closing cuts short; opening the index for writing starts it again.
	reopened, err := bleve.Open(dir)
	if err != nil {
		return fmt.Errorf("reopen index to remove merged segments: %w", err)
	}
	waitErr := waitRemoved(ctx, reopened)
	if err := reopened.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return waitErr
}

// removeTimeout bounds the wait for replaced segment files to be deleted;
// files left behind only waste disk space.
const removeTimeout = 10 * time.Second

// waitRemoved waits until the index directory holds no segment file but
// those of the index: scorch deletes the others in the background, and with
// well over a hundred of them, closing the index at once often left them
// all behind.
func waitRemoved(ctx context.Context, idx bleve.Index) error {
	s, err := scorchOf(idx)
	if s == nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, removeTimeout)
	defer cancel()
	err = waitFor(ctx, s, func(m map[string]any) bool {
		files, _ := m["CurOnDiskFiles"].(uint64)
		segments, _ := m["TotFileSegmentsAtRoot"].(uint64)
		return files <= segments+1 // and root.bolt
	})
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // the files only waste disk space
	}
	return err
}

// scorchOf returns the scorch index under idx, or nil for another kind.
func scorchOf(idx bleve.Index) (*scorch.Scorch, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index internals: %w", err)
	}
	s, _ := adv.(*scorch.Scorch)
	return s, nil
}

// waitFor polls the statistics of s until done says so or ctx ends.
func waitFor(ctx context.Context, s *scorch.Scorch, done func(stats map[string]any) bool) error {
	for !done(s.StatsMap()) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// bodyCounters gather the postings of the body fields kept outside bleve's
// index (see bodypostings.go).
type bodyCounters struct {
	bigrams *bigramCounter
	words   *wordCounter
}

// indexBatch maps the documents of a batch, counts their body postings
// (unless counters is nil), releases them (their entries become nil) and
// indexes the batch as one segment. from is the build number of docs[0].
// fast selects textField for the text fields, which this engine's analyzers
// allow.
func indexBatch(idx bleve.Index, m mapping.IndexMapping, from int, docs []*corpus.Document, groups *corpus.Grouping, bodies map[string]bodyRef, counters *bodyCounters, fast bool) error {
	batch := idx.NewBatch()
	for i, d := range docs {
		if counters != nil {
			// One analysis of the body for both: its tokens are cut from
			// the normalized text the bigrams are taken from.
			tokens, norm := analysis.TokensAndNorm(d.Body)
			counters.words.add(from+i, tokens)
			counters.bigrams.add(from+i, norm)
		}
		fields, err := indexFields(d, relationsOf(d.Path, groups), bodies[d.ID])
		if err != nil {
			return err
		}
		doc := document.NewDocument(d.ID)
		if err := m.MapDocument(doc, fields); err != nil {
			return fmt.Errorf("index %s: %w", d.Path, err)
		}
		if fast {
			useTextFields(doc)
		}
		if err := batch.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("index %s: %w", d.Path, err)
		}
		docs[i] = nil
	}
	if err := idx.Batch(batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
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

// mergeSegments merges the index into one segment. Small batches leave over
// a hundred segments behind, and every query walks every segment: one
// segment is smaller on disk and faster to search, numbers its documents
// from 0 (which the facet table relies on), and an index generation is never
// written again.
//
// ForceMerge plans over the segments already on disk: a batch the persister
// has not written yet stays a segment of its own, and the files the merge
// replaced may stay behind (one build in a few measured 416 MiB instead of
// 207). So the merge waits for the persister and repeats until one segment is
// left.
func mergeSegments(ctx context.Context, idx bleve.Index) error {
	s, err := scorchOf(idx)
	if s == nil {
		return err
	}
	for range maxMergeRounds {
		if err := waitPersisted(ctx, s); err != nil {
			return err
		}
		if segments, _ := s.StatsMap()["TotFileSegmentsAtRoot"].(uint64); segments <= 1 {
			return nil
		}
		if err := s.ForceMerge(ctx, &allAtOnce); err != nil {
			return fmt.Errorf("merge index segments: %w", err)
		}
	}
	return nil // still several segments: slower to search, but complete
}

// allAtOnce merges every segment in one task: the default merges ten at a
// time and then the results, which merges most documents twice.
var allAtOnce = func() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.SegmentsPerMergeTask = math.MaxInt
	return o
}()

// maxMergeRounds bounds the merge retries; one round is the rule, two the
// exception.
const maxMergeRounds = 5

// waitPersisted waits until every segment of the index is on disk.
func waitPersisted(ctx context.Context, s *scorch.Scorch) error {
	return waitFor(ctx, s, func(m map[string]any) bool {
		root, _ := m["CurRootEpoch"].(uint64)
		persisted, _ := m["LastPersistedEpoch"].(uint64)
		inMemory, _ := m["TotMemorySegmentsAtRoot"].(uint64)
		return inMemory == 0 && persisted >= root
	})
}
