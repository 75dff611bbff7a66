package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysearch/corpus"
	"policysearch/corpus/sample"
)

func TestBodyRefRoundTrip(t *testing.T) {
	for _, ref := range []bodyRef{{0, 0}, {0, 1}, {127, 128}, {1 << 40, 500_000}} {
		got, err := decodeBodyRef(ref.encode())
		if err != nil || got != ref {
			t.Errorf("decodeBodyRef(%v.encode()) = %v, %v", ref, got, err)
		}
	}
	for _, bad := range []string{"", "\x80", "\x05", "\x05\x80", "\x05\x06\x07"} {
		if ref, err := decodeBodyRef(bad); err == nil {
			t.Errorf("decodeBodyRef(%q) = %v, want an error", bad, ref)
		}
	}
}

func TestBodiesFile(t *testing.T) {
	gen := t.TempDir()
	if b, err := openBodies(gen); b != nil || err != nil {
		t.Fatalf("openBodies without a file = %v, %v; want nil, nil", b, err)
	}
	docs := []*corpus.Document{
		{ID: "a", Body: "第一条 为了规范人才引进工作，制定本办法。"},
		{ID: "empty", Body: ""},
		{ID: "b", Body: "short"},
		{ID: "last", Body: strings.Repeat("落户", 1000)},
	}
	refs, err := writeBodies(filepath.Join(gen, bodiesFile), docs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBodies(gen)
	if err != nil || b == nil {
		t.Fatalf("openBodies = %v, %v", b, err)
	}
	defer b.close()
	// Borrowed buffers go back to the pool and serve the next reads: each
	// read must still see its own body, and an owned copy must survive.
	owned := map[string]string{}
	for _, d := range docs {
		body, release, err := b.borrow(refs[d.ID])
		if err != nil || body != d.Body {
			t.Errorf("borrow(%s) = %q, %v; want %q", d.ID, body, err, d.Body)
		}
		release()
		if owned[d.ID], err = b.read(refs[d.ID]); err != nil {
			t.Errorf("read(%s): %v", d.ID, err)
		}
	}
	for _, d := range docs {
		if owned[d.ID] != d.Body {
			t.Errorf("read(%s) = %q after later reads; want %q", d.ID, owned[d.ID], d.Body)
		}
	}
	past := bodyRef{offset: refs["last"].offset, length: refs["last"].length + 1}
	if _, err := b.read(past); err == nil || !strings.Contains(err.Error(), "past the end") {
		t.Errorf("read past the end: err = %v", err)
	}
}

// The bodies an index serves are the bodies the corpus readers gave, and a
// generation whose bodies file went missing answers with an error, not with
// empty snippets.
func TestIndexServesBodiesFromFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Build(ctx, BuildOptions{Corpus: sample.FS(), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	paths, _, err := corpus.ListFiles(sample.FS())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range readAll(ctx, BuildOptions{Corpus: sample.FS()}, paths) {
		for _, d := range f.docs {
			doc, err := ix.Document(ctx, d.ID)
			if err != nil {
				t.Fatalf("Document(%s): %v", d.ID, err)
			}
			if doc.Body != d.Body {
				t.Errorf("Document(%s).Body differs from the corpus: %d bytes, want %d", d.ID, len(doc.Body), len(d.Body))
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("the sample corpus gave no documents")
	}
	res, err := ix.Search(ctx, Request{Query: "人才"})
	if err != nil || len(res.Hits) == 0 || len(res.Hits[0].Snippets) == 0 {
		t.Fatalf("Search(人才) = %+v, %v; want hits with snippets", res, err)
	}
	_ = ix.Close()

	gen, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(gen, bodiesFile)); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = ix.Search(ctx, Request{Query: "人才"})
	if err == nil || !strings.Contains(err.Error(), bodiesFile) {
		t.Errorf("Search without the bodies file: err = %v, want one naming %q", err, bodiesFile)
	}
	var bad *QueryError
	if errors.As(err, &bad) {
		t.Errorf("a missing bodies file is reported as a bad query: %v", err)
	}
}
