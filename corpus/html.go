package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"strings"

	"golang.org/x/net/html"
)

// pageSidecar is the JSON file saved next to a crawled page, recording the
// fetch. Only the fields the reader uses are declared.
type pageSidecar struct {
	RequestedURL string `json:"requested_url"`
	FinalURL     string `json:"final_url"`
	ContentType  string `json:"content_type"`
}

// readHTML reads a saved web page: it decodes the page's charset, takes the
// title and metadata from <meta> tags and the page's info table, and the
// body from the main content container.
func readHTML(fsys fs.FS, p string, data []byte) ([]*Document, error) {
	side, err := readSidecar(fsys, p)
	if err != nil {
		return nil, err
	}
	if mt, _, err := mime.ParseMediaType(side.ContentType); err == nil &&
		mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, fmt.Errorf("not an HTML page: the server sent %s", mt)
	}
	text, err := decodeHTML(data, side.ContentType)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	page := newHTMLPage(root)
	doc := newDocument(p)
	doc.Title = page.title()
	doc.Published = page.published()
	// A number the page fills in by script is left as "〔〕号"; it needs digits.
	if n := page.info("发文字号", "文号"); strings.ContainsAny(n, "0123456789") {
		doc.DocNumber = n
	}
	if a := page.info("发布机构", "发文机关", "发文单位"); a != "" {
		doc.Agencies = splitAgencies(a)
	}
	doc.SourceURL = side.FinalURL
	if doc.SourceURL == "" {
		doc.SourceURL = side.RequestedURL
	}
	doc.Body = mainText(root)
	if doc.Body == "" {
		return nil, errors.New(noDocumentText)
	}
	if err := finish(doc); err != nil {
		return nil, err
	}
	return []*Document{doc}, nil
}

// noDocumentText is the reason given for home and column pages: once menus,
// link lists and the footer are gone, nothing is left.
const noDocumentText = "no document text in the page (only menus, link lists and footer)"

// readSidecar reads the page's metadata sidecar; a page without one gets a
// zero sidecar.
func readSidecar(fsys fs.FS, p string) (pageSidecar, error) {
	var side pageSidecar
	data, err := fs.ReadFile(fsys, p+sidecarSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return side, nil
	}
	if err != nil {
		return side, fmt.Errorf("read sidecar: %w", err)
	}
	if err := json.Unmarshal(data, &side); err != nil {
		return side, fmt.Errorf("read sidecar %s: %w", p+sidecarSuffix, err)
	}
	return side, nil
}
