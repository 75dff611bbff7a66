package engine

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch/analysis"
	"policysearch/corpus"
	"policysearch/corpus/sample"
)

// A generation is merged into one segment, with no replaced segment files
// left on disk: searches and the facet table count on it.
func TestBuildLeavesOneSegment(t *testing.T) {
	dir := t.TempDir()
	// Batches of one document give the merge many segments to fold.
	if _, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: dir, BatchSize: 1}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := adv.(*scorch.Scorch).StatsMap()["TotFileSegmentsAtRoot"].(uint64); n != 1 {
		t.Errorf("the generation has %d segments, want 1", n)
	}
	gen, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(gen, bleveSubdir, "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Errorf("%d segment files on disk, want 1: %v", len(files), files)
	}
	if ix.facets == nil {
		t.Error("no facet table for a merged generation")
	}
}

// The averages BM25 divides by are the exact means over the indexed
// documents of the field lengths the analysis gives, for the body too,
// whose lengths the build counts rather than measures again.
func TestBuildRecordsExactAverageLengths(t *testing.T) {
	dir := t.TempDir()
	if _, err := Build(context.Background(), optionsFor(sample.FS(), dir)); err != nil {
		t.Fatal(err)
	}
	gen, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readFieldStats(gen)
	if err != nil {
		t.Fatal(err)
	}
	paths, _, err := corpus.ListFiles(sample.FS())
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, f := range readAll(context.Background(), optionsFor(sample.FS(), dir), paths) {
		docs = append(docs, f.docs...)
	}
	indexed := withoutDuplicates(docs, corpus.Group(docs))
	sums := map[string]int{}
	for _, d := range indexed {
		sums[fieldTitle] += analysis.TokenCount(d.Title)
		sums[fieldTitleBigram] += analysis.BigramCount(d.Title)
		sums[fieldBody] += analysis.TokenCount(d.Body)
		sums[fieldBodyBigram] += analysis.BigramCount(d.Body)
	}
	if got.Docs != len(indexed) {
		t.Errorf("stats count %d documents, want %d", got.Docs, len(indexed))
	}
	for field, sum := range sums {
		want := float64(sum) / float64(len(indexed))
		if math.Abs(got.AvgTokens[field]-want) > 1e-9 {
			t.Errorf("average %s length %v, want %v", field, got.AvgTokens[field], want)
		}
	}
}
