package corpus

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"policysearch/internal/testcorpus"
)

// knownBadFiles are the real corpus files that cannot give a document, with
// the reason ReadFile must report. Each is justified:
//   - a7f5f906…: a Word document saved with a .html name (the sidecar says
//     application/msword);
//   - the others: a site's home page or column pages, whose text is only
//     menus, lists of links and the footer.
var knownBadFiles = map[string]string{
	pagesDir + "a7f5f906e1eeef600127efeb5a1ed010b26e5b783d26b81ad4dc63249f26f6eb.html": "not an HTML page: the server sent application/msword",
	pagesDir + "0830f47a03c9adc9aa9013011062a7abc884fe435d00d92ef4799eb886e27a12.html": noDocumentText, // 政策解读 column
	pagesDir + "35797d82597cc1dc10d4414f8545bc8a05ce7abba6c2643c8c0958c557df38ab.html": noDocumentText, // 义安区 home page
	pagesDir + "8463d3f03ef0563ebd23d653141e384cdda841f05463ec1414af1bdf95cf07bb.html": noDocumentText, // 国务院文件 column
	pagesDir + "90abd508fe401463160716972282ca4e5a78ff4027f9f22e0b5fe3ae17e11411.html": noDocumentText, // 政策发布 column
	pagesDir + "e456a1c67b5108535ac27a2d980db4503452d5e9a7e7ff96fc21e2dc3be886a5.html": noDocumentText, // CSRC home page
	pagesDir + "fc6c888ca5efee6640629c26a70032ddd08e3332c09f008c25beb4f724208af9.html": noDocumentText, // 义安区 home page
}

// TestReadWholeCorpus lists and reads every file of the real corpus: no
// panics, no unexpected errors, a title for every document and a body for
// every document whose file has one.
func TestReadWholeCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the whole corpus in -short mode")
	}
	fsys := os.DirFS(testcorpus.Dir(t))
	paths, skipped, err := ListFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// Every file is readable by type; sidecars and README.md are not listed.
	for _, s := range skipped {
		t.Errorf("skipped %s: %s", s.Path, s.Reason)
	}
	results := readAllParallel(fsys, paths)
	docs, failed := 0, 0
	for i, p := range paths {
		got, err := results[i].docs, results[i].err
		if err != nil {
			failed++
			if want, ok := knownBadFiles[p]; !ok || err.Error() != want {
				t.Errorf("%s: %v", p, err)
			} else {
				t.Logf("expected skip %s: %v", p, err)
			}
			var pe *PartialError
			if !errors.As(err, &pe) {
				continue
			}
		}
		for _, d := range got {
			docs++
			if d.Title == "" {
				t.Errorf("%s: empty title", d.Path)
			}
			if d.Body == "" && !fileHasNoBody(t, fsys, p) {
				t.Errorf("%s: empty body", d.Path)
			}
		}
	}
	if failed != len(knownBadFiles) {
		t.Errorf("%d files failed, want the %d known bad files", failed, len(knownBadFiles))
	}
	t.Logf("%d files listed, %d documents read, %d files skipped", len(paths), docs, failed)
	// README: 5,631 documents, of which the files above give none.
	if want := 5631 - len(knownBadFiles); docs != want {
		t.Errorf("%d documents, want %d", docs, want)
	}
}

// fileHasNoBody reports whether a Markdown file truly has no text after
// its title (and header block): a few source files are only a title and
// dates.
func fileHasNoBody(t *testing.T, fsys fs.FS, path string) bool {
	t.Helper()
	if !strings.HasSuffix(path, ".md") {
		return false
	}
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if i := strings.Index(text, infoEndMarker); i >= 0 {
		return strings.TrimSpace(text[i+len(infoEndMarker):]) == ""
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	return strings.HasPrefix(lines[len(lines)-1], "# ") // the title is the last line
}

// readResult is ReadFile's answer for one path.
type readResult struct {
	docs []*Document
	err  error
}

// readAllParallel reads paths on all CPUs, keeping the results in order,
// so that the whole-corpus test takes seconds.
func readAllParallel(fsys fs.FS, paths []string) []readResult {
	results := make([]readResult, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i].docs, results[i].err = ReadFile(fsys, paths[i], Options{})
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}
