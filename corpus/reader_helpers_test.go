package corpus

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// wantDoc lists what a reader must produce for one file. Empty strings and
// nil slices are not checked, so a test states only what the file states.
type wantDoc struct {
	Title     string
	Published string
	DocNumber string // compared with sameDocNumber
	Agencies  []string
	Status    string
	Level     string
	SourceURL string
	Header    string // a substring the header must hold

	BodyStart, BodyEnd string   // the body's first and last text
	BodyHas            []string // text the body must keep
	BodyNot            []string // furniture the body must not keep
}

// readOne reads a file that must yield exactly one document.
func readOne(t *testing.T, fsys fs.FS, path string) *Document {
	t.Helper()
	docs, err := ReadFile(fsys, path, Options{})
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	if len(docs) != 1 {
		t.Fatalf("ReadFile(%s) = %d documents, want 1", path, len(docs))
	}
	return docs[0]
}

// checkDoc compares a document with what the test expects.
func checkDoc(t *testing.T, doc *Document, want wantDoc) {
	t.Helper()
	if doc.ID != DocID(doc.Path) {
		t.Errorf("ID = %q, want DocID(Path) %q", doc.ID, DocID(doc.Path))
	}
	field := func(name, got, want string) {
		t.Helper()
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	field("Title", doc.Title, want.Title)
	field("Published", doc.Published, want.Published)
	field("Status", doc.Status, want.Status)
	field("Level", doc.Level, want.Level)
	field("SourceURL", doc.SourceURL, want.SourceURL)
	if want.DocNumber != "" && !sameDocNumber(doc.DocNumber, want.DocNumber) {
		t.Errorf("DocNumber = %q, want %q", doc.DocNumber, want.DocNumber)
	}
	if want.Agencies != nil && !slices.Equal(doc.Agencies, want.Agencies) {
		t.Errorf("Agencies = %q, want %q", doc.Agencies, want.Agencies)
	}
	if !strings.Contains(doc.Header, want.Header) {
		t.Errorf("Header = %q, want it to contain %q", doc.Header, want.Header)
	}
	if !strings.HasPrefix(doc.Body, want.BodyStart) {
		t.Errorf("Body starts %q, want %q", head(doc.Body, 60), want.BodyStart)
	}
	if !strings.HasSuffix(doc.Body, want.BodyEnd) {
		t.Errorf("Body ends %q, want %q", tail(doc.Body, 60), want.BodyEnd)
	}
	for _, s := range want.BodyHas {
		if !strings.Contains(doc.Body, s) {
			t.Errorf("Body lost %q", s)
		}
	}
	for _, s := range want.BodyNot {
		if strings.Contains(doc.Body, s) {
			t.Errorf("Body keeps furniture %q", s)
		}
	}
	if strings.Contains(doc.Body, "\r") {
		t.Errorf("Body has a carriage return")
	}
}

// sameDocNumber compares document numbers the way enrich normalizes
// them: the bracket styles 〔〕[]［］()（） and spaces do not matter.
func sameDocNumber(a, b string) bool {
	fold := strings.NewReplacer("〔", "(", "〕", ")", "[", "(", "]", ")", "［", "(", "］", ")",
		"（", "(", "）", ")", " ", "", "\u3000", "")
	return fold.Replace(a) == fold.Replace(b)
}

// head returns the first n runes of s.
func head(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// tail returns the last n runes of s.
func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}
