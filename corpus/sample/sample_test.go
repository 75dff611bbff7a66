package sample

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Formats the sample must cover, one per real corpus source.
const (
	fmtLaw         = "markdown with INFO END"
	fmtFrontEN     = "front matter, English keys"
	fmtFrontZH     = "front matter, Chinese keys"
	fmtJSONL       = "JSON Lines"
	fmtText        = "scraped text"
	fmtHTMLSidecar = "HTML with sidecar"
)

const sidecarSuffix = ".metadata.json"

// sampleFile is one file of the embedded tree with its bytes.
type sampleFile struct {
	path string
	data []byte
}

func readAll(t *testing.T) []sampleFile {
	t.Helper()
	var files []sampleFile
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		files = append(files, sampleFile{p, data})
		return nil
	})
	if err != nil {
		t.Fatalf("walk sample corpus: %v", err)
	}
	return files
}

// classify names a file's format and counts the documents it holds;
// sidecars hold none.
func classify(t *testing.T, f sampleFile, all map[string][]byte) (string, int) {
	t.Helper()
	text := string(f.data)
	switch {
	case strings.HasSuffix(f.path, sidecarSuffix):
		return "", 0
	case strings.HasSuffix(f.path, ".md") && strings.HasPrefix(text, "---\ntitle:"):
		return fmtFrontEN, 1
	case strings.HasSuffix(f.path, ".md") && strings.HasPrefix(text, "---\n标题:"):
		return fmtFrontZH, 1
	case strings.HasSuffix(f.path, ".md") && strings.HasPrefix(text, "# ") && strings.Contains(text, "\n<!-- INFO END -->\n"):
		return fmtLaw, 1
	case strings.HasSuffix(f.path, ".jsonl"):
		return fmtJSONL, strings.Count(strings.TrimSpace(text), "\n") + 1
	case strings.HasSuffix(f.path, ".txt"):
		return fmtText, 1
	case strings.HasSuffix(f.path, ".html"):
		if _, ok := all[f.path+sidecarSuffix]; !ok {
			t.Errorf("%s: no sidecar %s", f.path, path.Base(f.path)+sidecarSuffix)
		}
		return fmtHTMLSidecar, 1
	}
	t.Errorf("%s: not in any corpus format", f.path)
	return "", 0
}

func TestSampleCoversEveryFormat(t *testing.T) {
	files := readAll(t)
	all := make(map[string][]byte, len(files))
	for _, f := range files {
		all[f.path] = f.data
	}

	docs := 0
	perFormat := make(map[string]int)
	for _, f := range files {
		if strings.HasSuffix(f.path, ".go") {
			t.Errorf("%s: Go source must not be embedded", f.path)
		}
		format, n := classify(t, f, all)
		if format != "" {
			perFormat[format] += n
		}
		docs += n
	}
	if docs < 14 || docs > 18 {
		t.Errorf("sample holds %d documents, want 14 to 18", docs)
	}
	for _, format := range []string{fmtLaw, fmtFrontEN, fmtFrontZH, fmtJSONL, fmtText, fmtHTMLSidecar} {
		if perFormat[format] == 0 {
			t.Errorf("no document in format %q", format)
		}
	}
	t.Logf("%d documents in %d files: %v", docs, len(files), perFormat)
}

// TestSampleIsMarkedFictional checks that every document says 示例, after
// decoding the GB2312 page. Sidecars describe a fetch, not a document.
func TestSampleIsMarkedFictional(t *testing.T) {
	for _, f := range readAll(t) {
		if strings.HasSuffix(f.path, sidecarSuffix) {
			continue
		}
		text := decode(t, f)
		if !strings.Contains(text, "示例") {
			t.Errorf("%s: does not contain 示例", f.path)
		}
		if strings.HasSuffix(f.path, ".jsonl") {
			checkJSONL(t, f.path, text)
		}
	}
}

func checkJSONL(t *testing.T, name, text string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("%s#%d: %v", name, i+1, err)
			continue
		}
		for _, key := range []string{"title", "url", "content", "year"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("%s#%d: no key %q", name, i+1, key)
			}
		}
		title, _ := rec["title"].(string)
		content, _ := rec["content"].(string)
		if !strings.Contains(title, "示例") || !strings.Contains(content, "示例") {
			t.Errorf("%s#%d: title and content must both say 示例", name, i+1)
		}
	}
}

var gbCharset = regexp.MustCompile(`(?i)charset="?(gb2312|gbk)`)

// decode returns a file's text, converting pages that declare a GB charset.
func decode(t *testing.T, f sampleFile) string {
	t.Helper()
	if !gbCharset.Match(f.data) {
		return string(f.data)
	}
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(f.data)
	if err != nil {
		t.Fatalf("%s: decode GBK: %v", f.path, err)
	}
	return string(out)
}

func TestSampleGBKPageIsReallyGBK(t *testing.T) {
	found := 0
	for _, f := range readAll(t) {
		if !strings.HasSuffix(f.path, ".html") || !gbCharset.Match(f.data) {
			continue
		}
		found++
		if utf8.Valid(f.data) {
			t.Errorf("%s declares a GB charset but is valid UTF-8", f.path)
		}
		if text := decode(t, f); !strings.Contains(text, `name="ArticleTitle"`) || !strings.Contains(text, "发文字号") {
			t.Errorf("%s: decoded page lacks ArticleTitle or the info table", f.path)
		}
	}
	if found != 1 {
		t.Errorf("found %d GB-encoded pages, want 1", found)
	}
}

func TestSampleSidecars(t *testing.T) {
	files := readAll(t)
	all := make(map[string][]byte, len(files))
	for _, f := range files {
		all[f.path] = f.data
	}
	for _, f := range files {
		if !strings.HasSuffix(f.path, sidecarSuffix) {
			continue
		}
		var meta struct {
			RequestedURL   string `json:"requested_url"`
			FinalURL       string `json:"final_url"`
			StatusCode     int    `json:"status_code"`
			ContentType    string `json:"content_type"`
			RetrievedAt    string `json:"retrieved_at"`
			ResponseSHA256 string `json:"response_sha256"`
		}
		if err := json.Unmarshal(f.data, &meta); err != nil {
			t.Errorf("%s: %v", f.path, err)
			continue
		}
		page, ok := all[strings.TrimSuffix(f.path, sidecarSuffix)]
		if !ok {
			t.Errorf("%s: no page beside it", f.path)
			continue
		}
		sum := sha256.Sum256(page)
		want := hex.EncodeToString(sum[:])
		if meta.ResponseSHA256 != want || path.Base(f.path) != want+".html"+sidecarSuffix {
			t.Errorf("%s: response_sha256 %s and file name must both be the page's SHA-256 %s", f.path, meta.ResponseSHA256, want)
		}
		if meta.StatusCode != 200 || meta.RetrievedAt == "" || meta.ContentType == "" ||
			!strings.Contains(meta.RequestedURL, "example.org") || !strings.Contains(meta.FinalURL, "example.org") {
			t.Errorf("%s: incomplete sidecar %+v", f.path, meta)
		}
	}
}

// TestSampleDemoCases checks the documents that exist to demo a feature.
func TestSampleDemoCases(t *testing.T) {
	files := readAll(t)

	var script, cites bool
	byContent := make(map[string][]string)
	versions := make(map[string][]string) // title stem -> dates in file names
	dated := regexp.MustCompile(`^(.+)\((\d{4}-\d{2}-\d{2})\)\.md$`)
	for _, f := range files {
		text := string(f.data)
		script = script || strings.Contains(text, "<script>alert(1)</script>")
		cites = cites || strings.Contains(text, "《示例市")
		byContent[string(f.data)] = append(byContent[string(f.data)], f.path)
		if m := dated.FindStringSubmatch(path.Base(f.path)); m != nil {
			versions[m[1]] = append(versions[m[1]], m[2])
		}
	}
	if !script {
		t.Error("no document holds <script>alert(1)</script> as text")
	}
	if !cites {
		t.Error("no document cites another by 《示例市…》")
	}

	dup := false
	for _, paths := range byContent {
		if len(paths) == 2 && path.Dir(paths[0]) != path.Dir(paths[1]) {
			dup = true
		}
	}
	if !dup {
		t.Error("no document is stored twice, byte for byte, in two folders")
	}

	revised := false
	for _, dates := range versions {
		if len(dates) == 2 && dates[0] != dates[1] {
			revised = true
		}
	}
	if !revised {
		t.Errorf("no regulation in two dated versions: %v", versions)
	}

	// The regulation with chapters and articles.
	for _, f := range files {
		if bytes.Contains(f.data, []byte("## 第一章　总则")) && bytes.Contains(f.data, []byte("\n第一条 ")) {
			return
		}
	}
	t.Error("no document with ## 第一章　总则 and 第一条 articles")
}
