package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// reportRecord is one line of a JSON Lines file of reports:
// {"title": …, "url": …, "content": …, "year": "2025" or null}.
type reportRecord struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Content string `json:"content"`
	// Year is kept raw: the file writes it as a string, other files may
	// write a number.
	Year json.RawMessage `json:"year"`
}

// readJSONLines reads a JSON Lines file into one document per record, with
// Path "file#N" where N is the 1-based line number. Blank lines are
// ignored. Bad records do not spoil the good ones: their lines come back in
// a *PartialError alongside the documents that were read.
func readJSONLines(_ fs.FS, p string, data []byte) ([]*Document, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	var docs []*Document
	partial := &PartialError{Path: p}
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		doc, err := readReportRecord(fmt.Sprintf("%s#%d", p, i+1), line)
		if err != nil {
			partial.Bad = append(partial.Bad, RecordError{Line: i + 1, Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	switch {
	case len(docs) == 0 && len(partial.Bad) == 0:
		return nil, errors.New("empty file")
	case len(partial.Bad) > 0:
		return docs, partial
	}
	return docs, nil
}

// readReportRecord decodes one JSON Lines record into a document.
func readReportRecord(docPath, line string) (*Document, error) {
	var rec reportRecord
	dec := json.NewDecoder(strings.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: extra data after the record")
	}
	doc := newDocument(docPath)
	doc.Title = rec.Title
	doc.Body = cleanWikisourceText(rec.Content)
	doc.SourceURL = strings.TrimSpace(rec.URL)
	doc.Published = recordYear(rec.Year)
	// The file is a collection of government work reports; the approving
	// resolutions among them (关于政府工作报告的决议) are not reports.
	if strings.Contains(rec.Title, "政府工作报告") && !strings.Contains(rec.Title, "决议") {
		doc.Category = "政府工作报告"
	}
	if err := finish(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// recordYear returns a record's year as "YYYY", or "" when it is null or
// not a year.
func recordYear(raw json.RawMessage) string {
	v := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if yearOnly.MatchString(v) {
		return v
	}
	return ""
}

// paragraphBreak separates paragraphs: a line break with blank lines.
var paragraphBreak = regexp.MustCompile(`\n[ \t\p{Zs}]*\n\s*`)

// cleanWikisourceText tidies text scraped from Wikisource: it drops the
// licence notice the site appends after the document (本作品… Public
// domain), and rejoins sentences that the site's inline links broke over
// several lines (paragraphs are separated by blank lines, so a single line
// break inside a paragraph is an artefact).
func cleanWikisourceText(s string) string {
	s = normalizeNewlines(s)
	if i := strings.LastIndex(s, "\n\n\n本作品"); i >= 0 && strings.Contains(s[i:], "Public domain") {
		s = s[:i]
	}
	var paras []string
	for _, p := range paragraphBreak.Split(s, -1) {
		var b strings.Builder
		for _, l := range strings.Split(p, "\n") {
			b.WriteString(trimLine(l))
		}
		if b.Len() > 0 {
			paras = append(paras, b.String())
		}
	}
	return strings.Join(paras, "\n\n")
}
