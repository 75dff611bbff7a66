package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

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
	bodies    *bodyFile   // nil for a generation that keeps bodies in the index
	// postingsFiles hold the postings of the fields kept outside bleve's
	// index, by field (see bodypostings.go); empty for a generation that
	// keeps every field in the index.
	postingsFiles map[string]*postingsFile
	metas         *metaTable // documents' stored metadata, decoded once
	cache         *resultCache
	slots         searchSlots // searches running at once
	// rankBuffers pools the memory rankCandidates reuses between queries.
	rankBuffers sync.Pool
	lengthParts lengthParts // BM25 length parts, filled as searches read postings
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
	if synonyms == nil {
		synonyms = analysis.DefaultSynonyms()
	}
	// Opening bleve waits for the segmentation dictionary (about 100 ms);
	// the tables kept in memory are read from titles.json meanwhile.
	tablesReady := make(chan docTables, 1)
	go func() { tablesReady <- readDocTables(gen) }()
	b, err := bleve.OpenUsing(filepath.Join(gen, bleveSubdir), map[string]any{"read_only": true})
	tables := <-tablesReady
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	if errors.Is(tables.err, os.ErrNotExist) {
		// A generation built before titles.json existed.
		entries, err := titlesFromIndex(b)
		tables = docTables{entries: entries, err: err}
		if err == nil {
			tables.fill()
		}
	}
	if tables.err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("open index %s: %w", gen, tables.err)
	}
	stats, err := readFieldStats(gen)
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	bodies, err := openBodies(gen)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	files, err := openPostingsFiles(gen, len(tables.entries))
	if err != nil {
		_ = b.Close()
		_ = bodies.close()
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	ix := &Index{bleve: b, synonyms: synonyms, bodies: bodies, postingsFiles: files, metas: newMetaTable(len(tables.entries)), titles: tables.titles, aliases: duplicateAliases(tables.entries),
		bm25: stats.bm25Stats(), standings: tables.standings, facets: newFacetTable(b, tables.entries, stats.TitleDates),
		cache: newResultCache(DefaultResultCache), slots: defaultSearchSlots()}
	if m, ok := b.Mapping().(*mapping.IndexMappingImpl); ok {
		ix.baseline = m.DefaultAnalyzer == BaselineAnalyzer
	}
	return ix, nil
}

// docTables are what an Index keeps in memory of every indexed document,
// built from the generation's titles.json.
type docTables struct {
	entries   []titleEntry
	titles    *titleTable         // title suggestions
	standings map[string]standing // version, status and kind for re-ranking
	err       error
}

// readDocTables reads titles.json of the generation and builds the tables.
func readDocTables(gen string) docTables {
	entries, err := readTitlesFile(gen)
	t := docTables{entries: entries, err: err}
	if err == nil {
		t.fill()
	}
	return t
}

func (t *docTables) fill() {
	t.titles = newTitleTable(t.entries)
	t.standings = make(map[string]standing, len(t.entries))
	for _, e := range t.entries {
		sd := standing{current: e.Current, status: e.Status, title: analysis.Normalize(e.Title)}
		if e.Facets != nil {
			sd.category, sd.docType = e.Facets.Category, e.Facets.DocType
		}
		t.standings[e.ID] = sd
	}
}

// Close releases the index files.
func (ix *Index) Close() error {
	errs := []error{ix.bleve.Close(), ix.bodies.close()}
	for _, f := range ix.postingsFiles {
		errs = append(errs, f.close())
	}
	return errors.Join(errs...)
}
