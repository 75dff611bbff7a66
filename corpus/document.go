// Package corpus turns policy files on disk into Documents: it reads every
// supported format, detects encodings, strips page furniture, extracts
// metadata and splits bodies into clauses.
package corpus

import (
	"crypto/sha256"
	"encoding/base64"
)

// Document is one policy text with the metadata its file states.
// Empty strings mean "the file does not say"; nothing is guessed.
type Document struct {
	// Path is the file's path relative to the corpus root with "/"
	// separators; a record of a JSON Lines file is "path#N" (N 1-based).
	Path string
	// ID is a URL-safe identifier derived from Path alone (see DocID).
	ID string

	Title string
	// Body is the clean text: UTF-8, "\n" line endings, no page furniture.
	Body string
	// Header holds the lines between the title and the body, such as dated
	// promulgation lines and document numbers; enrich reads metadata from it.
	Header string

	DocNumber string   // normalized, e.g. 国发〔2019〕5号 or 国务院令第697号
	Agencies  []string // issuing bodies; several for joint documents
	Published string   // YYYY-MM-DD, or YYYY / YYYY-MM where only that is known
	Effective string   // same format as Published
	Status    string   // 现行有效, 已修改, 已废止, 失效, 试行, 有效
	Category  string   // 法律, 行政法规, 部门规章, 司法解释, 地方性法规, 规范性文件, 政府工作报告, …
	DocType   string   // 条例, 办法, 规定, 通知, 意见, … (from the title)
	Region    string   // 全国, or a province / city / district
	Level     string   // 国家, 省级, 市级, 区级 where stated
	SourceURL string

	// Events are the dated lines of a law's header (公布, 修订, 施行 …),
	// oldest first, as the file states them.
	Events []Event

	// Clauses split Body into chapters, articles and numbered items, or
	// paragraphs when the body has no recognizable structure.
	Clauses []Clause

	// Cites are the titles the body cites in 《…》, in order of first use.
	Cites []string
}

// Event is one dated line of a document's history.
type Event struct {
	Date string // YYYY-MM-DD
	Text string // the whole line, e.g. "2018年3月2日 中华人民共和国国务院令第697号公布"
}

// Clause is one addressable unit of a body.
type Clause struct {
	Label  string // 第一章, 第十二条, 一、, （二）, or "" for a paragraph
	Anchor string // stable within the document: ch-1, art-12, p-3 …
	Start  int    // byte offset of the clause in Document.Body
	End    int    // byte offset just past the clause
}

// Text returns the clause's text within body.
func (c Clause) Text(body string) string { return body[c.Start:c.End] }

// DocID derives the stable, URL-safe document identifier from a path.
func DocID(path string) string {
	sum := sha256.Sum256([]byte(path))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}
