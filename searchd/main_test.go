package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"policysearch/analysis"
	"policysearch/corpus/sample"
	"policysearch/engine"
)

func TestSIGHUPReloadsSynonyms(t *testing.T) {
	dir := t.TempDir()
	if _, err := engine.Build(context.Background(), engine.BuildOptions{Corpus: sample.FS(), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "synonyms.txt")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("户口,户籍\n")
	syn, err := analysis.LoadSynonyms(file)
	if err != nil {
		t.Fatal(err)
	}
	expander := analysis.NewReloadable(syn)
	ix, err := engine.Open(dir, expander)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	total := func() uint64 {
		t.Helper()
		res, err := ix.Search(context.Background(), engine.Request{Query: "阿尔法"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := total(); n != 0 {
		t.Fatalf("阿尔法 found %d documents before any synonym names it", n)
	}

	write("阿尔法 => 人才 => 补贴\n") // two arrows: a parse error
	reloadSynonyms(expander, file, ix, log)
	if got := expander.Expand("户口"); len(got) != 1 || got[0] != "户籍" {
		t.Errorf("a broken file replaced the running synonyms: 户口 expands to %q", got)
	}

	write("阿尔法 => 人才\n")
	reloadSynonyms(expander, file, ix, log)
	if n := total(); n == 0 {
		t.Error("after reloading 阿尔法 => 人才, 阿尔法 still finds nothing (stale cache?)")
	}
}

func TestPprofOnlyOnItsOwnHandler(t *testing.T) {
	profiles := httptest.NewServer(pprofHandler())
	defer profiles.Close()
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?debug=1", "/debug/pprof/cmdline", "/debug/pprof/profile?seconds=1"} {
		res, err := http.Get(profiles.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s on the profile address: %d, %d bytes", path, res.StatusCode, len(body))
		}
	}

	// The public routes must not expose them, even though importing
	// net/http/pprof registers them on http.DefaultServeMux.
	public := httptest.NewServer(newServer(slog.New(slog.NewTextHandler(io.Discard, nil))).routes())
	defer public.Close()
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap"} {
		res, err := http.Get(public.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			t.Errorf("GET %s on the public address: %d, want it not served", path, res.StatusCode)
		}
	}
}
