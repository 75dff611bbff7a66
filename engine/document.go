package engine

import (
	"context"

	"policysearch/corpus"
)

// Document is one indexed document in full: the metadata of a hit, the
// clauses with their text, and its relations to other documents.
type Document struct {
	Metadata
	Effective  string       `json:"effective,omitempty"`
	Level      string       `json:"level,omitempty"`
	SourceURL  string       `json:"source_url,omitempty"`
	Clauses    []ClauseText `json:"clauses"`
	Duplicates []string     `json:"duplicates"`
	Versions   []Version    `json:"versions"`
	Cites      []DocRef     `json:"cites"`
	CitedBy    []DocRef     `json:"cited_by"`
	Body       string       `json:"body"`
}

// ClauseText is one clause of a document with its plain text.
type ClauseText struct {
	Label  string `json:"label"`
	Anchor string `json:"anchor"`
	Text   string `json:"text"`
}

// Version is one version of a document's version group. Published is the
// date of that version (the revision date where the source says so), which
// may differ from the document's own published date, its first promulgation.
type Version struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Status    string `json:"status,omitempty"`
	Current   bool   `json:"current"`
}

// DocRef names another document: one this document cites or one citing it.
type DocRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Document returns the document with the given id, or ErrNotFound. Its
// versions and citations, stored as paths, are resolved to ids and titles
// with one more index lookup.
func (ix *Index) Document(ctx context.Context, id string) (*Document, error) {
	rec, err := ix.lookupOne(ctx, id)
	if err != nil {
		return nil, err
	}
	sd := rec.doc
	doc := &Document{
		Metadata:  metadataOf(rec.id, sd.storedMeta),
		Effective: sd.Effective, Level: sd.Level, SourceURL: sd.SourceURL, Body: rec.body,
		Clauses: clauseTexts(rec.body, sd.Clauses), Duplicates: nonNil(sd.Duplicates),
		Versions: []Version{}, Cites: []DocRef{}, CitedBy: []DocRef{},
	}

	related, err := ix.lookup(ctx, pathIDs(sd.Versions, sd.Cites, sd.CitedBy), false)
	if err != nil {
		return nil, err
	}
	for _, p := range sd.Versions {
		if r, ok := related[corpus.DocID(p)]; ok {
			published := r.doc.VersionDate
			if published == "" {
				published = r.doc.Published // an index built before version dates were stored
			}
			doc.Versions = append(doc.Versions, Version{
				ID: r.id, Path: r.doc.Path, Title: r.doc.Title,
				Published: published, Status: r.doc.Status, Current: r.doc.Current,
			})
		}
	}
	doc.Cites = docRefs(sd.Cites, related)
	doc.CitedBy = docRefs(sd.CitedBy, related)
	return doc, nil
}

// clauseTexts cuts the clauses out of the body. Offsets outside the body
// (which a consistent index never holds) drop the clause rather than panic.
func clauseTexts(body string, clauses []storedClause) []ClauseText {
	out := make([]ClauseText, 0, len(clauses))
	for _, c := range clauses {
		if c.Start < 0 || c.End > len(body) || c.Start >= c.End {
			continue
		}
		out = append(out, ClauseText{Label: c.Label, Anchor: c.Anchor, Text: body[c.Start:c.End]})
	}
	return out
}

// pathIDs turns lists of paths into the distinct ids of those documents.
func pathIDs(lists ...[]string) []string {
	seen := make(map[string]bool)
	var ids []string
	for _, l := range lists {
		for _, p := range l {
			if id := corpus.DocID(p); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// docRefs names the documents at the given paths, in the stored order,
// skipping any the index does not hold.
func docRefs(paths []string, related map[string]storedRecord) []DocRef {
	out := make([]DocRef, 0, len(paths))
	for _, p := range paths {
		if r, ok := related[corpus.DocID(p)]; ok {
			out = append(out, DocRef{ID: r.id, Title: r.doc.Title})
		}
	}
	return out
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
