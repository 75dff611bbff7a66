package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"policysearch/corpus"
)

// titlesFile holds every indexed title inside a generation, beside the bleve
// directory, so that Open can build the suggestion table without a query.
const titlesFile = "titles.json"

// titleEntry is one indexed document as title suggestions need it, with the
// paths of its exact duplicates, whose ids are aliases of its own.
type titleEntry struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Status     string   `json:"status,omitempty"`
	Current    bool     `json:"current,omitempty"`
	Duplicates []string `json:"duplicates,omitempty"`
	// Facets are nil in generations built before facets were counted in
	// memory; searches then ask bleve for them, and re-ranking does without
	// the kind of text.
	Facets *facetValues `json:"facets,omitempty"`
	// Published is the publication date as indexed in fieldPublished,
	// which date-ordered pages sort by (see facetTable.published).
	Published string `json:"published,omitempty"`
}

// writeTitles records the title of every indexed document (exact duplicates
// are not indexed, so they are left out). It runs after corpus.Group, whose
// version grouping settles Status and the current flag.
func writeTitles(path string, docs []*corpus.Document, groups *corpus.Grouping) error {
	entries := make([]titleEntry, 0, len(docs))
	for _, d := range docs {
		if _, dup := groups.DuplicateOf[d.Path]; dup {
			continue
		}
		entries = append(entries, titleEntry{
			ID: d.ID, Title: d.Title, Status: d.Status,
			Current: groups.IsCurrent(d.Path), Duplicates: groups.Duplicates[d.Path],
			Facets:    facetValuesOf(d.Agencies, d.Category, d.Status, d.DocType, d.Region, d.Published),
			Published: d.Published,
		})
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return fmt.Errorf("encode titles: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write titles: %w", err)
	}
	return nil
}

// readTitlesFile reads the titles of a generation; the error wraps
// os.ErrNotExist for a generation built before titles.json existed, whose
// titles must be read from the index itself (titlesFromIndex).
func readTitlesFile(gen string) ([]titleEntry, error) {
	data, err := os.ReadFile(filepath.Join(gen, titlesFile))
	if err != nil {
		return nil, fmt.Errorf("read titles: %w", err)
	}
	var entries []titleEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("decode %s: %w", titlesFile, err)
	}
	return entries, nil
}

// titlesFromIndex lists the titles of every indexed document.
func titlesFromIndex(b bleve.Index) ([]titleEntry, error) {
	n, err := b.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	sr.Fields = []string{fieldStored}
	res, err := b.SearchInContext(context.Background(), sr)
	if err != nil {
		return nil, fmt.Errorf("list titles: %w", err)
	}
	entries := make([]titleEntry, 0, len(res.Hits))
	for _, dm := range res.Hits {
		sd, err := decodeMeta(dm)
		if err != nil {
			return nil, err
		}
		entries = append(entries, titleEntry{ID: dm.ID, Title: sd.Title, Status: sd.Status,
			Current: sd.Current, Duplicates: sd.Duplicates,
			Facets:    facetValuesOf(sd.Agencies, sd.Category, sd.Status, sd.DocType, sd.Region, sd.Published),
			Published: sd.Published})
	}
	return entries, nil
}

// duplicateAliases maps the id of every exact duplicate to the id of the
// document indexed in its stead, so that a link to either path works.
func duplicateAliases(entries []titleEntry) map[string]string {
	aliases := make(map[string]string)
	for _, e := range entries {
		for _, p := range e.Duplicates {
			aliases[corpus.DocID(p)] = e.ID
		}
	}
	return aliases
}
