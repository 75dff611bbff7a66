package corpus

import (
	"slices"
	"testing"
	"testing/fstest"
)

// mapFS builds an in-memory file system from file contents.
func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestListFiles checks order, skips and what is ignored.
func TestListFiles(t *testing.T) {
	fsys := mapFS(map[string][]byte{
		"README.md":                     []byte("# corpus docs"),
		"a.b/x.md":                      []byte("# x"),
		"a/README.md":                   []byte("# a nested README is a document"),
		"a/z.txt":                       []byte("z"),
		"pages/p.html":                  []byte("<p>x</p>"),
		"pages/p.html.metadata.json":    []byte("{}"),
		"pages/gone.html.metadata.json": []byte("{}"),
		"reports.jsonl":                 []byte("{}"),
		"notes.xyz":                     []byte("?"),
		"Makefile":                      []byte("all:"),
		".git/config":                   []byte("x"),
		"a/.hidden.md":                  []byte("# hidden"),
		"UPPER.HTM":                     []byte("<p>x</p>"),
	})
	paths, skipped, err := ListFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	wantPaths := []string{"UPPER.HTM", "a.b/x.md", "a/README.md", "a/z.txt", "pages/p.html", "reports.jsonl"}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("paths = %q\nwant %q", paths, wantPaths)
	}
	wantSkips := []Skip{
		{Path: "Makefile", Reason: "unsupported file type (no extension)"},
		{Path: "notes.xyz", Reason: "unsupported file type .xyz"},
		{Path: "pages/gone.html.metadata.json", Reason: "metadata sidecar without its page"},
	}
	if !slices.Equal(skipped, wantSkips) {
		t.Errorf("skipped = %q\nwant %q", skipped, wantSkips)
	}
}
