// Package testcorpus locates the real policy corpus and the relevance dev set
// for tests and benchmarks, which skip with a clear message when they are absent.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the real corpus directory: $CORPUS_DIR, or ../shared/corpus
// beside the module root. It skips the test when the corpus is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	return find(tb, "CORPUS_DIR", "corpus")
}

// EvalDir returns the relevance evaluation directory (holding dev.jsonl):
// $EVAL_DIR, or ../shared/eval beside the module root. It skips the test when
// the directory is absent.
func EvalDir(tb testing.TB) string {
	tb.Helper()
	return find(tb, "EVAL_DIR", "eval")
}

func find(tb testing.TB, env, name string) string {
	tb.Helper()
	dir := os.Getenv(env)
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			tb.Skipf("skipping: cannot find module root to locate ../shared/%s: %v", name, err)
		}
		dir = filepath.Join(root, "..", "shared", name)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		tb.Skipf("skipping: %s not found at %s (set $%s to run this test on the real data)", name, dir, env)
	}
	return dir
}

// moduleRoot walks up from the working directory to the directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
