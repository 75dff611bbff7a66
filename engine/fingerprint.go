package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"policysearch/corpus"
)

// A rebuild of an unchanged corpus reuses the current generation: staff run
// the indexer whenever documents may have arrived, and most runs find none.
// "Unchanged" means the same fingerprint: every corpus file's path, size and
// modification time, the options that shape the index, and the indexer
// program itself, so a new reader or analyzer always rebuilds.
const (
	fingerprintFile = "fingerprint"
	summaryFile     = "summary.json"
)

// fingerprint hashes what a build of opt depends on.
func fingerprint(opt BuildOptions) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "analyzer=%s max=%d\n", opt.Analyzer, opt.Read.MaxFileSize)
	err := fs.WalkDir(opt.Corpus, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", path, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("fingerprint corpus: %w", err)
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("fingerprint program: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("fingerprint program: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("fingerprint program: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// savedSummary is the part of a Summary kept in a generation for reuse.
type savedSummary struct {
	Documents     int          `json:"documents"`
	Bytes         int64        `json:"bytes"`
	Files         int          `json:"files"`
	Skipped       []skipRecord `json:"skipped"`
	Duplicates    int          `json:"duplicates"`
	VersionGroups int          `json:"version_groups"`
	Coverage      string       `json:"coverage"`
}

// skipRecord is a corpus.Skip as saved.
type skipRecord struct{ Path, Reason string }

func corpusSkip(s skipRecord) corpus.Skip { return corpus.Skip{Path: s.Path, Reason: s.Reason} }

// writeReuseInfo records the fingerprint and summary of a new generation.
func writeReuseInfo(gen, fp string, sum *Summary) error {
	saved := savedSummary{Documents: sum.Documents, Bytes: sum.Bytes, Files: sum.Files,
		Duplicates: sum.Duplicates, VersionGroups: sum.VersionGroups, Coverage: sum.coverage}
	for _, s := range sum.Skipped {
		saved.Skipped = append(saved.Skipped, skipRecord{s.Path, s.Reason})
	}
	data, err := json.Marshal(saved)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(gen, summaryFile), data, 0o644); err != nil {
		return fmt.Errorf("write build summary: %w", err)
	}
	if err := os.WriteFile(filepath.Join(gen, fingerprintFile), []byte(fp), 0o644); err != nil {
		return fmt.Errorf("write build fingerprint: %w", err)
	}
	return nil
}

// reusable returns the summary of the current generation of dir when it was
// built with fingerprint fp, or nil.
func reusable(dir, fp string) *Summary {
	gen, err := currentGeneration(dir)
	if err != nil {
		return nil
	}
	old, err := os.ReadFile(filepath.Join(gen, fingerprintFile))
	if err != nil || string(old) != fp {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(gen, summaryFile))
	if err != nil {
		return nil
	}
	var saved savedSummary
	if err := json.Unmarshal(data, &saved); err != nil {
		return nil
	}
	sum := &Summary{Documents: saved.Documents, Bytes: saved.Bytes, Files: saved.Files,
		Duplicates: saved.Duplicates, VersionGroups: saved.VersionGroups, coverage: saved.Coverage,
		Generation: gen, Reused: true}
	for _, s := range saved.Skipped {
		sum.Skipped = append(sum.Skipped, corpusSkip(s))
	}
	return sum
}
