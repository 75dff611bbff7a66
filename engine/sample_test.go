package engine

import (
	"context"
	"testing"

	"policysearch/corpus/sample"
)

// openSample builds the built-in sample corpus into a temporary directory
// and opens it with synonyms (nil: the built-in ones) for the test.
func openSample(t *testing.T, synonyms Expander) *Index {
	t.Helper()
	dir := t.TempDir()
	if _, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, synonyms)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}
