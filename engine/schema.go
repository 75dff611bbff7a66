// Package engine holds the search index: its schema (the bleve mapping), how
// a corpus is built into it, and how it is queried, filtered, faceted and
// highlighted. It knows nothing of HTTP; searchd turns its results into JSON.
package engine

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"policysearch/analysis"
	"policysearch/corpus"
)

// Field names of the index. Text fields are segmented with the Chinese
// analyzer; the others are exact keywords used for filters, facets and sort.
const (
	fieldTitle       = "title"
	fieldBody        = "body"
	fieldBodyAt      = "body_at" // where the body lies in the bodies file
	fieldDocNumber   = "doc_number"
	fieldDocNumKey   = "doc_number_key"
	fieldAgency      = "agency"
	fieldCategory    = "category"
	fieldStatus      = "status"
	fieldDocType     = "doc_type"
	fieldRegion      = "region"
	fieldYear        = "year"
	fieldPublished   = "published"
	fieldCurrent     = "current"
	fieldPath        = "path"
	fieldTitleBigram = "title_bigram"
	fieldBodyBigram  = "body_bigram"
	fieldStored      = "stored"
	fieldDetail      = "detail"
	fieldClauses     = "clauses"
	docTypeName      = "policy"
	currentVersion   = "1"
	earlierVersion   = "0"
	facetMaxResults  = 20
)

// facetFields are the keyword fields the API reports counts for, in order.
var facetFields = []string{fieldAgency, fieldCategory, fieldStatus, fieldDocType, fieldRegion, fieldYear}

// storedDoc is what a hit and the document API need beyond the searchable
// fields, kept as a few blobs per document so that a hit costs a few
// stored-field reads, not one per metadata field: the metadata (JSON), the
// clauses (see storedclauses.go) that hits shown need, and the relations
// (JSON), which for a much cited law run to tens of kilobytes and only the
// document API needs.
type storedDoc struct {
	storedMeta
	storedDetail
}

// storedMeta is the metadata of a document, in the fieldStored blob.
type storedMeta struct {
	Path       string   `json:"path"`
	Title      string   `json:"title"`
	DocNumber  string   `json:"doc_number,omitempty"`
	Agencies   []string `json:"agencies,omitempty"`
	Published  string   `json:"published,omitempty"`
	Effective  string   `json:"effective,omitempty"`
	Status     string   `json:"status,omitempty"`
	Category   string   `json:"category,omitempty"`
	DocType    string   `json:"doc_type,omitempty"`
	Region     string   `json:"region,omitempty"`
	Level      string   `json:"level,omitempty"`
	SourceURL  string   `json:"source_url,omitempty"`
	Duplicates []string `json:"duplicates,omitempty"`
	Current    bool     `json:"current"`
	// VersionDate tells versions apart where Published repeats the first
	// promulgation date (see corpus.VersionDate).
	VersionDate string `json:"version_date,omitempty"`
}

// storedDetail is the structure and relations of a document: the clauses
// from the fieldClauses blob, the rest from the fieldDetail blob.
type storedDetail struct {
	Clauses  []storedClause `json:"-"`
	Versions []string       `json:"versions,omitempty"`
	Cites    []string       `json:"cites,omitempty"`
	CitedBy  []string       `json:"cited_by,omitempty"`
}

// storedClause is a clause with byte offsets into the stored body.
type storedClause struct {
	Label  string `json:"l,omitempty"`
	Anchor string `json:"a"`
	Start  int    `json:"s"`
	End    int    `json:"e"`
}

// newMapping builds the index mapping. Term vectors are kept only on the two
// text fields, because highlighting reads match offsets from them; keyword
// fields keep none, and nothing goes into bleve's _all field. This engine's
// body words and bigrams have postings files of their own (see
// bodypostings.go); the baseline's body is in bleve's index.
//
// textAnalyzer is analysis.AnalyzerName, or bleve's "cjk" bigram analyzer for
// the baseline that relevance and load tests compare against.
func newMapping(textAnalyzer string) (mapping.IndexMapping, error) {
	doc := bleve.NewDocumentStaticMapping()
	// The body is stored in the bodies file (see bodies.go), the title here.
	doc.AddFieldMappingsAt(fieldTitle, fieldMapping{analyzer: textAnalyzer, store: true, termVectors: true}.build())
	if textAnalyzer != analysis.AnalyzerName || bodyFieldsInBleve {
		doc.AddFieldMappingsAt(fieldBody, fieldMapping{analyzer: textAnalyzer, termVectors: true}.build())
	}
	for _, name := range []string{fieldDocNumber, fieldDocNumKey, fieldAgency, fieldCategory, fieldStatus,
		fieldDocType, fieldRegion, fieldYear, fieldPublished, fieldCurrent} {
		doc.AddFieldMappingsAt(name, fieldMapping{analyzer: keyword.Name, docValues: true}.build())
	}
	if textAnalyzer == analysis.AnalyzerName {
		bigrams := fieldMapping{analyzer: analysis.BigramAnalyzerName}
		doc.AddFieldMappingsAt(fieldTitleBigram, bigrams.build())
		if bodyFieldsInBleve {
			doc.AddFieldMappingsAt(fieldBodyBigram, bigrams.build())
		}
	}
	storedOnly := fieldMapping{store: true}
	doc.AddFieldMappingsAt(fieldStored, storedOnly.build())
	doc.AddFieldMappingsAt(fieldDetail, storedOnly.build())
	doc.AddFieldMappingsAt(fieldClauses, storedOnly.build())
	doc.AddFieldMappingsAt(fieldBodyAt, storedOnly.build())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.TypeField = "_type"
	m.DefaultType = docTypeName
	m.DefaultAnalyzer = textAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.ScoringModel = bleveindex.BM25Scoring
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate index mapping: %w", err)
	}
	return m, nil
}

// fieldMapping describes one field of the schema. Nothing goes into bleve's
// _all field; an empty analyzer means stored only, not searchable.
type fieldMapping struct {
	analyzer                      string
	store, termVectors, docValues bool
}

func (f fieldMapping) build() *mapping.FieldMapping {
	m := bleve.NewTextFieldMapping()
	m.Analyzer = f.analyzer
	m.Index = f.analyzer != ""
	m.Store = f.store
	m.IncludeTermVectors = f.termVectors
	m.IncludeInAll = false
	m.DocValues = f.docValues
	return m
}

// indexFields turns a document and what the corpus grouping says of it into
// the field map bleve indexes; body says where its body lies in the bodies
// file.
func indexFields(doc *corpus.Document, rel relations, body bodyRef) (map[string]any, error) {
	meta := storedMeta{
		Path:       doc.Path,
		Title:      doc.Title,
		DocNumber:  doc.DocNumber,
		Agencies:   doc.Agencies,
		Published:  doc.Published,
		Effective:  doc.Effective,
		Status:     doc.Status,
		Category:   doc.Category,
		DocType:    doc.DocType,
		Region:     doc.Region,
		Level:      doc.Level,
		SourceURL:  doc.SourceURL,
		Duplicates: rel.duplicates,
		Current:    rel.current,
	}
	if len(rel.versions) > 0 {
		meta.VersionDate = corpus.VersionDate(doc)
	}
	detail := storedDetail{Versions: rel.versions, Cites: rel.cites, CitedBy: rel.citedBy}
	clauses := make([]storedClause, len(doc.Clauses))
	for i, c := range doc.Clauses {
		clauses[i] = storedClause{Label: c.Label, Anchor: c.Anchor, Start: c.Start, End: c.End}
	}
	metaBlob, err := json.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("encode stored fields of %s: %w", doc.Path, err)
	}
	detailBlob, err := json.Marshal(detail)
	if err != nil {
		return nil, fmt.Errorf("encode stored detail of %s: %w", doc.Path, err)
	}
	current := earlierVersion
	if rel.current {
		current = currentVersion
	}
	fields := map[string]any{
		"_type":          docTypeName,
		fieldTitle:       doc.Title,
		fieldBody:        doc.Body,
		fieldTitleBigram: doc.Title,
		fieldStored:      string(metaBlob),
		fieldDetail:      string(detailBlob),
		fieldBodyAt:      body.encode(),
		fieldCurrent:     current,
		fieldPublished:   doc.Published,
	}
	if bodyFieldsInBleve {
		fields[fieldBodyBigram] = doc.Body
	}
	if len(clauses) > 0 {
		fields[fieldClauses] = encodeClauses(clauses)
	}
	setKeyword(fields, fieldDocNumber, doc.DocNumber)
	if keys := corpus.DocNumberKeys(doc.DocNumber); len(keys) > 0 {
		fields[fieldDocNumKey] = keys
	}
	fv := facetValuesOf(doc.Agencies, doc.Category, doc.Status, doc.DocType, doc.Region, doc.Published)
	if len(fv.Agencies) > 0 {
		fields[fieldAgency] = fv.Agencies
	}
	setKeyword(fields, fieldCategory, fv.Category)
	setKeyword(fields, fieldStatus, fv.Status)
	setKeyword(fields, fieldDocType, fv.DocType)
	setKeyword(fields, fieldRegion, fv.Region)
	setKeyword(fields, fieldYear, fv.Year)
	return fields, nil
}

func setKeyword(fields map[string]any, name, value string) {
	if value = strings.TrimSpace(value); value != "" {
		fields[name] = value
	}
}

// relations is what the corpus-wide grouping says about one indexed document.
type relations struct {
	duplicates []string // other paths with the same body
	versions   []string // paths of every version, newest first (empty when none)
	cites      []string // paths of documents this one cites
	citedBy    []string // paths of documents citing this one
	current    bool     // newest of its version group
}

// textField is a text field analyzed by this engine's own analyzers straight
// into the term frequencies bleve indexes (see analysis.Frequencies): the
// same terms, counts and locations as the registered analyzers give through
// bleve's token streams, for a fraction of the allocations. It is used only
// when indexing; the index holds the same as with document.TextField.
type textField struct {
	*document.TextField
	bigrams bool
	length  int
	freqs   bleveindex.TokenFrequencies
}

// useTextFields replaces the mapped text fields of doc by textFields.
func useTextFields(doc *document.Document) {
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok {
			continue
		}
		switch f.Name() {
		case fieldTitle, fieldBody:
			doc.Fields[i] = &textField{TextField: tf}
		case fieldTitleBigram, fieldBodyBigram:
			doc.Fields[i] = &textField{TextField: tf, bigrams: true}
		}
	}
}

// Analyze implements bleve's document.Field.
func (f *textField) Analyze() {
	analyze := analysis.Frequencies
	if f.bigrams {
		analyze = analysis.BigramFrequencies
	}
	f.length, f.freqs = analyze(string(f.Value()), f.ArrayPositions(), f.Options())
}

// AnalyzedLength implements bleve's document.Field.
func (f *textField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies implements bleve's document.Field.
func (f *textField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies { return f.freqs }
