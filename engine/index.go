package engine

import (
	"fmt"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/analysis"
)

// Index is an open, read-only index generation ready for queries. It is safe
// for concurrent use.
type Index struct {
	bleve    bleve.Index
	synonyms Expander
	baseline bool              // built with BaselineAnalyzer: search it the straightforward way
	titles   *titleTable       // title suggestions, answered from memory
	aliases  map[string]string // id of an exact duplicate → id of the indexed document
	bm25     *bsearch.BM25Stats
	// standings hold each indexed document's version and status for re-ranking.
	standings map[string]standing
	facets    *facetTable // nil: ask bleve for facet counts
	cache     *resultCache
}

// Expander gives the equivalents of a normalized query term (synonyms,
// abbreviations); analysis.Synonyms and its reloadable wrapper satisfy it.
type Expander interface {
	Expand(term string) []string
}

// Open opens the generation that dir/current names. Synonyms expand query
// words; nil means the built-in defaults.
func Open(dir string, synonyms Expander) (*Index, error) {
	gen, err := currentGeneration(dir)
	if err != nil {
		return nil, err
	}
	b, err := bleve.OpenUsing(filepath.Join(gen, bleveSubdir), map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	if synonyms == nil {
		synonyms = analysis.DefaultSynonyms()
	}
	entries, err := loadTitles(gen, b)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	stats, err := readFieldStats(gen)
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	ix := &Index{bleve: b, synonyms: synonyms, titles: newTitleTable(entries), aliases: duplicateAliases(entries),
		bm25: stats.bm25Stats(), standings: make(map[string]standing, len(entries)),
		cache: newResultCache(DefaultResultCache)}
	ix.facets = newFacetTable(b, entries)
	for _, e := range entries {
		ix.standings[e.ID] = standing{current: e.Current, status: e.Status, title: analysis.Normalize(e.Title),
			category: e.Category, docType: e.DocType}
	}
	if m, ok := b.Mapping().(*mapping.IndexMappingImpl); ok {
		ix.baseline = m.DefaultAnalyzer == BaselineAnalyzer
	}
	return ix, nil
}

// Close releases the index files.
func (ix *Index) Close() error { return ix.bleve.Close() }
