// Command indexer builds the search index from a corpus of policy files.
//
//	indexer -corpus DIR -index DIR
//
// Progress goes to stderr; the last line on stdout is the summary. The new
// index becomes visible atomically when the build has succeeded.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"policysearch/analysis"
	"policysearch/corpus"
	"policysearch/engine"
)

func main() {
	// A flag set of its own: flag.CommandLine also holds flags that imported
	// packages register at init (opencc's -dir), which are not this command's.
	flags := flag.NewFlagSet("indexer", flag.ExitOnError)
	corpusDir := flags.String("corpus", "", "directory of policy files to index (required)")
	indexDir := flags.String("index", "", "index directory to build into (required)")
	maxSize := flags.Int64("max-file-size", corpus.DefaultMaxFileSize, "skip files larger than this many bytes")
	verbose := flags.Bool("v", false, "print the full build report (skipped files, metadata coverage) to stderr")
	analyzer := flags.String("analyzer", analysis.AnalyzerName, "text analyzer: "+analysis.AnalyzerName+" (gse words), or "+engine.BaselineAnalyzer+" (bleve's bigrams, the baseline benchmarks compare against)")
	batch := flags.Int("batch", 0, "documents per index batch (0: the engine's default)")
	force := flags.Bool("force", false, "rebuild even when the corpus and the program are unchanged since the current index")
	_ = flags.Parse(os.Args[1:]) // ExitOnError: a bad flag exits
	limitMemory()

	if *analyzer != analysis.AnalyzerName && *analyzer != engine.BaselineAnalyzer {
		fmt.Fprintf(os.Stderr, "indexer: -analyzer must be %s or %s\n", analysis.AnalyzerName, engine.BaselineAnalyzer)
		os.Exit(2)
	}
	if err := run(*corpusDir, *indexDir, *maxSize, *analyzer, *batch, *force, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "indexer:", err)
		os.Exit(1)
	}
}

func run(corpusDir, indexDir string, maxSize int64, analyzer string, batch int, force, verbose bool) error {
	if corpusDir == "" || indexDir == "" {
		return errors.New("both -corpus DIR and -index DIR are required")
	}
	if fi, err := os.Stat(corpusDir); err != nil || !fi.IsDir() {
		return fmt.Errorf("corpus directory %s does not exist or is not a directory", corpusDir)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	progress := newProgress(os.Stderr)
	sum, err := engine.Build(ctx, engine.BuildOptions{
		Corpus:    os.DirFS(corpusDir),
		IndexDir:  indexDir,
		Read:      corpus.Options{MaxFileSize: maxSize},
		Progress:  progress.update,
		Analyzer:  analyzer,
		BatchSize: batch,
		Force:     force,
	})
	progress.finish()
	if err != nil {
		return err
	}
	if sum.Reused {
		fmt.Fprintf(os.Stderr, "corpus and indexer unchanged since %s: kept it (-force rebuilds)\n", sum.Generation)
	}
	printSkipped(os.Stderr, sum, verbose)
	fmt.Println(sum.String())
	return nil
}

// Left to itself, Go lets the heap grow to twice its live size between
// collections, and the build's live heap (the corpus text, the batches being
// analyzed) is some 300 MB at first: the full corpus peaks near 470 MiB.
// A soft limit makes the collector work harder only as the heap nears it,
// which keeps the peak near 400 MiB for no measurable time (two alternating
// pairs: 5.87/5.90 s and 398/409 MiB, against 5.82/5.96 s and 466/472 MiB
// without it). The limit is soft: a larger corpus only makes the collector
// work harder. GOMEMLIMIT in the environment takes precedence.
const buildMemoryLimit = 400 << 20

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}

// printSkipped lists every skipped file with its reason; -v prints the whole report.
func printSkipped(w io.Writer, sum *engine.Summary, verbose bool) {
	if verbose {
		fmt.Fprint(w, sum.Report())
		return
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", s.Path, s.Reason)
	}
}
