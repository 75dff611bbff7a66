package engine

import (
	"cmp"
	"context"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
)

// Facet counts are taken from memory. bleve computes a facet by reading the
// field's doc values of every matching document, which cost about 40% of a
// query's time on the full corpus: a common word matches thousands of
// documents. The facet values of each document are small and fixed per
// generation, so Open loads them into a table keyed by bleve's internal
// document id, and a search counts them while bleve's own collector ranks
// the hits.

// facetValues are a document's values of the facet fields: indexFields puts
// them into the index, titles.json keeps them for the facet table.
type facetValues struct {
	Agencies []string `json:"agencies,omitempty"`
	Category string   `json:"category,omitempty"`
	Status   string   `json:"status,omitempty"`
	DocType  string   `json:"doc_type,omitempty"`
	Region   string   `json:"region,omitempty"`
	Year     string   `json:"year,omitempty"`
}

// facetValuesOf returns a document's facet values: trimmed, agencies without
// repeats, the year of its publication date.
func facetValuesOf(agencies []string, category, status, docType, region, published string) *facetValues {
	fv := &facetValues{
		Category: strings.TrimSpace(category), Status: strings.TrimSpace(status),
		DocType: strings.TrimSpace(docType), Region: strings.TrimSpace(region),
	}
	for _, a := range agencies {
		if a != "" && !slices.Contains(fv.Agencies, a) {
			fv.Agencies = append(fv.Agencies, a)
		}
	}
	if len(published) >= 4 {
		fv.Year = published[:4]
	}
	return fv
}

// of returns the values of one facet field.
func (fv *facetValues) of(field string) []string {
	switch field {
	case fieldAgency:
		return fv.Agencies
	case fieldCategory:
		return []string{fv.Category}
	case fieldStatus:
		return []string{fv.Status}
	case fieldDocType:
		return []string{fv.DocType}
	case fieldRegion:
		return []string{fv.Region}
	case fieldYear:
		return []string{fv.Year}
	}
	return nil
}

// facetTable maps bleve's internal id of every indexed document to the codes
// of its facet values. Internal ids are 8-byte big-endian document numbers,
// counted from 0 in a merged index, so the table is indexed by that number;
// the codes of all documents lie in one array (document n's in
// codes[offsets[n]:offsets[n+1]]), which a search reads in a few cache lines
// per match. A code is the field's index in facetFields << 16 | the value's
// number within the field.
//
// It also holds each document's external id: bleve would otherwise read it
// from the stored fields (decompressing a chunk) for every ranked hit; and
// its publication date, which pages in date order are ranked by.
type facetTable struct {
	values  [][]string // per field: value number → value
	offsets []uint32
	codes   []uint32
	ids     []string // document number → external id
	// published maps a document number to its publication date ("" for
	// none); nil for generations built before titles.json recorded dates:
	// date order is then left to bleve.
	published []string
}

// docNumber decodes an internal id; ok is false for an id of another form.
func docNumber(iid []byte) (uint64, bool) {
	if len(iid) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(iid), true
}

// newFacetTable loads the facet values of the entries; it returns nil when
// the generation predates stored facet values (or an id cannot be resolved),
// and searches then ask bleve for facets. titleDates says the entries record
// every document's date (see fieldStats.TitleDates).
func newFacetTable(b bleve.Index, entries []titleEntry, titleDates bool) *facetTable {
	adv, err := b.Advanced()
	if err != nil {
		return nil
	}
	r, err := adv.Reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	t := &facetTable{values: make([][]string, len(facetFields))}
	numbers := make([]map[string]uint32, len(facetFields))
	for f := range numbers {
		numbers[f] = map[string]uint32{}
	}
	rows := make([][]uint32, len(entries))
	t.ids = make([]string, len(entries))
	published := make([]string, len(entries))
	dated := false
	for _, e := range entries {
		if e.Facets == nil {
			return nil
		}
		iid, err := r.InternalID(e.ID)
		if err != nil {
			return nil
		}
		n, ok := docNumber(iid)
		if !ok || n >= uint64(len(entries)) || rows[n] != nil {
			return nil // not a merged index of these entries: let bleve count
		}
		row := []uint32{}
		for f, field := range facetFields {
			for _, v := range e.Facets.of(field) {
				if v == "" {
					continue
				}
				num, ok := numbers[f][v]
				if !ok {
					if len(t.values[f]) > 0xffff {
						return nil // more values than a code holds: let bleve count
					}
					num = uint32(len(t.values[f]))
					numbers[f][v] = num
					t.values[f] = append(t.values[f], v)
				}
				row = append(row, uint32(f)<<16|num)
			}
		}
		rows[n] = row
		t.ids[n] = e.ID
		published[n] = e.Published
		dated = dated || e.Published != ""
	}
	// Without the stats' word, entries without a single date come from a
	// generation that did not record them.
	if dated || titleDates {
		t.published = published
	}
	t.offsets = make([]uint32, 0, len(rows)+1)
	for _, row := range rows {
		t.offsets = append(t.offsets, uint32(len(t.codes)))
		t.codes = append(t.codes, row...)
	}
	t.offsets = append(t.offsets, uint32(len(t.codes)))
	return t
}

// facetCounter counts the facet values of the documents one search matches.
type facetCounter struct {
	table  *facetTable
	counts [][]int
}

func (t *facetTable) newCounter() *facetCounter {
	if t == nil {
		return nil
	}
	c := &facetCounter{table: t, counts: make([][]int, len(t.values))}
	for f := range c.counts {
		c.counts[f] = make([]int, len(t.values[f]))
	}
	return c
}

// withCounting returns a context under which bleve's top-N collector hands
// every matching document to the counter before ranking it as usual; the
// counter also names the document, which spares bleve the lookup.
func (c *facetCounter) withCounting(ctx context.Context) context.Context {
	maker := bsearch.MakeDocumentMatchHandler(func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		rank, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil || rank == nil {
			return rank, loadID, err
		}
		return func(d *bsearch.DocumentMatch) error {
			if d == nil {
				return rank(d) // the end of the matches
			}
			if n, ok := docNumber(d.IndexInternalID); ok && n < uint64(len(c.table.ids)) {
				d.ID = c.table.ids[n]
				c.count(n)
			}
			return rank(d)
		}, loadID, nil
	})
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, maker)
}

// count counts the facet values of document number n.
func (c *facetCounter) count(n uint64) {
	for _, code := range c.table.codes[c.table.offsets[n]:c.table.offsets[n+1]] {
		c.counts[code>>16][code&0xffff]++
	}
}

// result lists the counted values of each facet field, most frequent first
// (ties by value), at most facetMaxResults each: the order bleve gives.
func (c *facetCounter) result() map[string][]Facet {
	out := make(map[string][]Facet, len(facetFields))
	for f, field := range facetFields {
		facets := []Facet{}
		for code, n := range c.counts[f] {
			if n > 0 {
				facets = append(facets, Facet{Value: c.table.values[f][code], Count: n})
			}
		}
		slices.SortFunc(facets, func(a, b Facet) int {
			if a.Count != b.Count {
				return cmp.Compare(b.Count, a.Count)
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[facetNames[field]] = facets[:min(len(facets), facetMaxResults)]
	}
	return out
}

// searchWithFacets runs sr (with the index's BM25 statistics) and counts the
// facets of every document it matches.
func (ix *Index) searchWithFacets(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, map[string][]Facet, error) {
	ctx = withBM25Stats(ctx, ix.bm25)
	counter := ix.facets.newCounter()
	if counter != nil {
		ctx = counter.withCounting(ctx)
	} else {
		for _, f := range facetFields {
			sr.AddFacet(facetNames[f], bleve.NewFacetRequest(f, facetMaxResults))
		}
	}
	res, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	if counter != nil {
		return res, counter.result(), nil
	}
	return res, facetsOf(res), nil
}

// facetsOf converts the facets bleve computed.
func facetsOf(res *bleve.SearchResult) map[string][]Facet {
	out := make(map[string][]Facet, len(facetFields))
	for _, f := range facetFields {
		name := facetNames[f]
		out[name] = []Facet{}
		if fr, ok := res.Facets[name]; ok && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				out[name] = append(out[name], Facet{Value: t.Term, Count: t.Count})
			}
		}
	}
	return out
}
