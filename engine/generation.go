package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// An index directory holds generations of the index, each a complete build,
// and a symbolic link "current" naming the one to serve:
//
//	DIR/current -> gen-20261128T001502.123456789
//	DIR/gen-20261128T001502.123456789/index   (bleve)
//	DIR/gen-20261128T001502.123456789/report.txt
//	DIR/gen-20261128T001502.123456789/titles.json (title suggestions)
//
// A build writes a new generation and then replaces the link with rename(2),
// which is atomic: a crash or kill at any moment leaves the previous
// generation intact, and a reader always sees a whole index.
const (
	currentLink      = "current"
	generationPrefix = "gen-"
	bleveSubdir      = "index"
	reportFile       = "report.txt"
	keepGenerations  = 2 // the current one and the one before, which a running searchd may still have open
)

// newGeneration creates a fresh, empty generation directory inside dir.
func newGeneration(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create index directory: %w", err)
	}
	name := generationPrefix + time.Now().UTC().Format("20060102T150405.000000000")
	path := filepath.Join(dir, name)
	if err := os.Mkdir(path, 0o755); err != nil {
		return "", fmt.Errorf("create index generation: %w", err)
	}
	return path, nil
}

// publishGeneration points dir/current at gen atomically and removes
// generations older than the last keepGenerations, including the debris of
// interrupted builds.
func publishGeneration(dir, gen string) error {
	tmp := filepath.Join(dir, currentLink+".tmp")
	_ = os.Remove(tmp)
	if err := os.Symlink(filepath.Base(gen), tmp); err != nil {
		return fmt.Errorf("link new index generation: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentLink)); err != nil {
		return fmt.Errorf("switch to new index generation: %w", err)
	}
	syncDir(dir)
	removeOldGenerations(dir, filepath.Base(gen))
	return nil
}

// removeOldGenerations deletes all generations but the newest keepGenerations
// that are older than or equal to current; a failure only wastes disk space.
func removeOldGenerations(dir, current string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var gens []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), generationPrefix) && e.Name() <= current {
			gens = append(gens, e.Name())
		}
	}
	sort.Strings(gens)
	for i := 0; i < len(gens)-keepGenerations; i++ {
		_ = os.RemoveAll(filepath.Join(dir, gens[i]))
	}
}

// currentGeneration resolves dir/current to the generation directory it names.
func currentGeneration(dir string) (string, error) {
	target, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("no index in %s (build one with: indexer -corpus DIR -index %s)", dir, dir)
		}
		return "", fmt.Errorf("read index link: %w", err)
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	return target, nil
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}
