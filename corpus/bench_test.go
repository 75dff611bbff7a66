package corpus_test

import (
	"io/fs"
	"os"
	"testing"

	"policysearch/corpus"
	"policysearch/internal/testcorpus"
)

// BenchmarkReadCorpus lists and reads every file of the real corpus on one
// goroutine, so MB/s is the readers' throughput per core (the indexer reads on
// all cores; BenchmarkBuild in engine measures that). It skips when the
// corpus is absent.
//
//	go test -run '^$' -bench ReadCorpus -benchmem ./corpus
func BenchmarkReadCorpus(b *testing.B) {
	fsys := os.DirFS(testcorpus.Dir(b))
	paths, _, err := corpus.ListFiles(fsys)
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, p := range paths {
		fi, err := fs.Stat(fsys, p)
		if err != nil {
			b.Fatal(err)
		}
		total += fi.Size()
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()

	var docs, failed int
	for i := 0; i < b.N; i++ {
		docs, failed = 0, 0
		listed, _, err := corpus.ListFiles(fsys)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range listed {
			ds, err := corpus.ReadFile(fsys, p, corpus.Options{})
			if err != nil {
				// Skipped files (and partly read JSON Lines files) are part
				// of a real run: count them, do not stop.
				failed++
			}
			docs += len(ds)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(paths)), "files")
	b.ReportMetric(float64(docs), "docs")
	b.ReportMetric(float64(failed), "skipped-files")
}
