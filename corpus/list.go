package corpus

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// sidecarSuffix ends the name of the JSON file that records how a saved web
// page was fetched; it belongs to the page beside it.
const sidecarSuffix = ".metadata.json"

// readers maps a lower-case file extension to the reader for that format.
var readers = map[string]func(fsys fs.FS, path string, data []byte) ([]*Document, error){
	".md":       readMarkdown,
	".markdown": readMarkdown,
	".txt":      readText,
	".jsonl":    readJSONLines,
	".html":     readHTML,
	".htm":      readHTML,
}

// ListFiles returns, in corpus order (lexical order of slash paths, walking
// fsys from "."), the files ReadFile can read. Files it cannot read (unknown
// extensions, unreadable directories, sidecars without a page) come back as
// Skips with a reason. Page sidecars (*.html.metadata.json) belong to their
// page and are neither listed nor skipped. Hidden files and directories
// (starting with ".") and the corpus's own README.md at the root are ignored.
func ListFiles(fsys fs.FS) (paths []string, skipped []Skip, err error) {
	var sidecars []string
	seen := map[string]bool{}
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			// One unreadable folder should not hide the rest of the corpus.
			skipped = append(skipped, Skip{Path: p, Reason: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if p == "README.md" {
			return nil // documentation of the corpus, not a document
		}
		seen[p] = true
		switch {
		case strings.HasSuffix(p, sidecarSuffix):
			sidecars = append(sidecars, p)
		case !d.Type().IsRegular():
			skipped = append(skipped, Skip{Path: p, Reason: "not a regular file"})
		case readerFor(p) == nil:
			skipped = append(skipped, Skip{Path: p, Reason: unsupportedReason(p)})
		default:
			paths = append(paths, p)
		}
		return nil
	})
	if walkErr != nil {
		return nil, nil, fmt.Errorf("list corpus: %w", walkErr)
	}
	for _, s := range sidecars {
		if !seen[strings.TrimSuffix(s, sidecarSuffix)] {
			skipped = append(skipped, Skip{Path: s, Reason: "metadata sidecar without its page"})
		}
	}
	// WalkDir sorts by name within each folder, which differs from sorting
	// whole paths when a name sorts before "/" (as "a.b" vs "a/x").
	sort.Strings(paths)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	return paths, skipped, nil
}

// readerFor returns the reader for a path's extension, or nil.
func readerFor(p string) func(fs.FS, string, []byte) ([]*Document, error) {
	return readers[strings.ToLower(path.Ext(p))]
}

// unsupportedReason explains why a file type is not read.
func unsupportedReason(p string) string {
	ext := path.Ext(p)
	if ext == "" {
		return "unsupported file type (no extension)"
	}
	return "unsupported file type " + ext
}
