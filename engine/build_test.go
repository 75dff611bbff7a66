package engine

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

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
