package engine

import (
	"context"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"policysearch/corpus/sample"
)

// openSample builds the built-in sample corpus into a temporary directory
// (see buildComparable) and opens it with synonyms (nil: the built-in ones)
// for the test.
func openSample(t *testing.T, synonyms Expander) *Index {
	t.Helper()
	return openComparable(t, sample.FS(), synonyms)
}

// openComparable is openSample for fsys.
func openComparable(t *testing.T, fsys fs.FS, synonyms Expander) *Index {
	t.Helper()
	dir := t.TempDir()
	if _, err := buildComparable(optionsFor(fsys, dir)); err != nil {
		t.Fatal(err)
	}
	return openDir(t, dir, synonyms)
}

// openCorpus builds fsys as the indexer does into a temporary directory and
// opens it for the test.
func openCorpus(t *testing.T, fsys fs.FS) *Index {
	t.Helper()
	dir := t.TempDir()
	if _, err := Build(context.Background(), optionsFor(fsys, dir)); err != nil {
		t.Fatal(err)
	}
	return openDir(t, dir, nil)
}

// openDir opens the index in dir until the test ends.
func openDir(t *testing.T, dir string, synonyms Expander) *Index {
	t.Helper()
	ix, err := Open(dir, synonyms)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// markdownDoc is a corpus file in the Markdown format with front matter:
// a title, a document number (none when empty) and a body.
func markdownDoc(title, number, body string) *fstest.MapFile {
	front := "标题: " + title + "\n"
	if number != "" {
		front += "文号: " + number + "\n"
	}
	return &fstest.MapFile{Data: []byte("---\n" + front + "---\n\n# " + title + "\n\n" + body + "\n")}
}

// buildComparable builds as Build does and also indexes the body fields in
// bleve, which the evaluator reads from postings files of their own, so that
// tests can compare the evaluator with bleve's searchers on the index.
func buildComparable(opt BuildOptions) (*Summary, error) {
	bodyFieldsInBleve = true
	defer func() { bodyFieldsInBleve = false }()
	return Build(context.Background(), opt)
}

// optionsFor gives the options of a build of fsys into dir.
func optionsFor(fsys fs.FS, dir string) BuildOptions {
	return BuildOptions{Corpus: fsys, IndexDir: dir}
}

// bodyInBleve reports whether ix indexes the body fields in bleve too (see
// buildComparable), as the evaluator's comparisons with bleve need. (A
// field mapping's Name is empty however the field is mapped: asking for it
// skipped the full-corpus comparisons without a word.)
func bodyInBleve(t testing.TB, ix *Index) bool {
	t.Helper()
	fields, err := ix.bleve.Fields()
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(fields, fieldBody)
}
