package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Paging limits: a page holds at most MaxPageSize hits, and no request may
// reach past the MaxResultWindow-th hit (deep pages cost the engine a full
// sort and serve no reader).
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
	MaxResultWindow = 1000
)

// Request is one search.
type Request struct {
	Query   string
	Page    int    // 1-based; 0 means 1
	Size    int    // hits per page; 0 means DefaultPageSize
	Sort    string // "relevance" (default) or "date"
	Filters Filters
}

// Filters narrow a search; values within one field are ORed, fields ANDed.
type Filters struct {
	Agency, Category, Status, DocType, Region []string
	From, To                                  string // YYYY or YYYY-MM-DD, inclusive
}

// Result is one page of hits with facet counts over the whole filtered result.
type Result struct {
	Query  string             `json:"query"`
	Total  uint64             `json:"total"`
	Page   int                `json:"page"`
	Size   int                `json:"size"`
	TookMS float64            `json:"took_ms"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
}

// Metadata is what a search hit and the document API say about a
// document; empty fields are omitted, never guessed.
type Metadata struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	DocNumber string `json:"doc_number,omitempty"`
	Agency    string `json:"agency,omitempty"` // joint issuers joined with 、
	Published string `json:"published,omitempty"`
	Status    string `json:"status,omitempty"`
	Category  string `json:"category,omitempty"`
	DocType   string `json:"doc_type,omitempty"`
	Region    string `json:"region,omitempty"`
}

// metadataOf builds the Metadata of an indexed document from its stored fields.
func metadataOf(id string, sd storedMeta) Metadata {
	return Metadata{
		ID: id, Path: sd.Path, Title: sd.Title, DocNumber: sd.DocNumber,
		Agency: strings.Join(sd.Agencies, "、"), Published: sd.Published,
		Status: sd.Status, Category: sd.Category, DocType: sd.DocType, Region: sd.Region,
	}
}

// Hit is one matching document with its highlighted parts. The *_html fields
// and snippets hold escaped text with <mark> tags only.
type Hit struct {
	Metadata
	TitleHTML  string      `json:"title_html"`
	Score      float64     `json:"score"`
	Snippets   []string    `json:"snippets"`
	Clauses    []ClauseHit `json:"clauses,omitempty"`
	Duplicates []string    `json:"duplicates,omitempty"`
}

// ClauseHit is a clause of a hit that matched the query.
type ClauseHit struct {
	Label  string `json:"label"`
	Anchor string `json:"anchor"`
	HTML   string `json:"html"`
}

// Facet is one value of a facet field and how many results carry it.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// facetNames maps index fields to the names the API reports them under.
var facetNames = map[string]string{
	fieldAgency: "agency", fieldCategory: "category", fieldStatus: "status",
	fieldDocType: "doc_type", fieldRegion: "region", fieldYear: "year",
}

// Search runs a request and returns one page of highlighted hits.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	page, size, err := checkPaging(req.Page, req.Size)
	if err != nil {
		return nil, err
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	var intent queryIntent
	if !ix.baseline {
		pq, intent = splitIntent(pq)
	}
	intent.keepVersions = intent.keepVersions || req.Filters.From != "" || req.Filters.To != ""
	req.Page, req.Size = page, size
	key := ix.cache.key(req)
	if r, ok := ix.cache.get(key, start); ok {
		return r, nil
	}
	release, err := ix.slots.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	q, err := ix.buildQuery(pq, req)
	if err != nil {
		return nil, err
	}
	// Relevance-sorted pages within the re-rank window come from the top
	// candidates re-ranked. Later pages and date order are the first
	// page×size matches in order, scored the same way and located only for
	// the page. bleve answers for the baseline and for a generation without
	// the in-memory tables, the same matches in the same order.
	rerankPage := !ix.baseline && (req.Sort == "" || req.Sort == "relevance") && page*size <= rerankWindow
	sr := bleve.NewSearchRequestOptions(q, size, (page-1)*size, false)
	sr.IncludeLocations = true
	sr.Fields = hitFields
	if rerankPage {
		sr.Size, sr.From = rerankWindow, 0
		sr.Fields = nil
		sr.IncludeLocations = false // read for the candidates only, below
	}
	order := byRelevance
	switch req.Sort {
	case "", "relevance":
	case "date":
		order = byDate
		sr.SortByCustom(dateOrder())
	default:
		return nil, badQuery("bad_parameter", fmt.Sprintf("sort must be relevance or date, not %q", req.Sort))
	}
	var (
		hits   bsearch.DocumentMatchCollection
		total  uint64
		facets map[string][]Facet
		ranked bool
	)
	// A page reads one snapshot of the index throughout: candidates, their
	// matches, the words' weights and the page's fields.
	var snap *snapshotReader
	if !ix.baseline {
		if snap, err = ix.openSnapshot(); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
		defer snap.close()
		want := page * size
		if rerankPage {
			want = rerankWindow
		}
		if hits, total, facets, ranked, err = ix.rankCandidates(ctx, snap, q, want, order); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
	}
	if !ranked {
		res, f, err := ix.searchWithFacets(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
		hits, total, facets = res.Hits, res.Total, f
	}
	if rerankPage || ranked {
		groups, phrases := ix.termGroups(pq)
		runs, free := ix.quotedRuns(pq)
		place := func(field string, hits bsearch.DocumentMatchCollection) error {
			if err := locate(ctx, snap, field, groups, hits); err != nil {
				return err
			}
			return keepRuns(field, runs, free, hits, func(field string, doc uint64) (string, func(), error) {
				return ix.fieldText(snap, field, doc)
			})
		}
		if rerankPage {
			r := reranking{groups: groups, phrases: phrases, weights: groupWeights(ctx, snap, groups),
				standings: ix.standings, intent: intent,
				locateBody: func(hits bsearch.DocumentMatchCollection) error {
					return place(fieldBody, hits)
				}}
			if hits, err = r.rerank(hits, page*size); err != nil {
				return nil, err
			}
		}
		// Only the page is highlighted: its titles, and the bodies
		// re-ranking did not locate.
		hits = pageOf(hits, page, size)
		for _, field := range []string{fieldTitle, fieldBody} {
			if err := place(field, hits); err != nil {
				return nil, err
			}
		}
	}
	pageHits, err := ix.pageHits(snap, hits)
	if err != nil {
		return nil, err
	}
	out := &Result{Query: req.Query, Total: total, Page: page, Size: size, Hits: pageHits, Facets: facets}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	ix.cache.add(key, out)
	return out, nil
}

// dateOrder is the sort=date order as bleve sorts: latest publication date
// first, undated last, then by score.
func dateOrder() bsearch.SortOrder {
	return bsearch.SortOrder{
		&bsearch.SortField{Field: fieldPublished, Desc: true, Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast},
		&bsearch.SortScore{Desc: true},
	}
}

// pageOf returns the hits of a page from the first page×size in order.
func pageOf(hits bsearch.DocumentMatchCollection, page, size int) bsearch.DocumentMatchCollection {
	return hits[min((page-1)*size, len(hits)):min(page*size, len(hits))]
}

// checkPaging applies the defaults and limits to page and size.
func checkPaging(page, size int) (int, int, error) {
	if page == 0 {
		page = 1
	}
	if size == 0 {
		size = DefaultPageSize
	}
	if page < 1 {
		return 0, 0, badQuery("bad_parameter", "page must be a whole number from 1")
	}
	if size < 1 || size > MaxPageSize {
		return 0, 0, badQuery("bad_parameter", fmt.Sprintf("size must be a whole number from 1 to %d", MaxPageSize))
	}
	if page*size > MaxResultWindow {
		return 0, 0, badQuery("page_too_deep", fmt.Sprintf("results past the first %d cannot be paged to; narrow the query or add filters", MaxResultWindow))
	}
	return page, size, nil
}

// hitFields are the stored fields makeHit reads: the body for snippets (or
// where it lies in the bodies file), the metadata, and the clauses its
// matches fall in (not the relations, which only the document API shows).
var hitFields = []string{fieldBody, fieldBodyAt, fieldStored, fieldClauses}

// pageHits turns the matches of a page into highlighted hits, a hit per
// work item (see forEach). Matches without stored fields (the re-ranked
// candidates, searched without them) have hitFields loaded from snap first;
// snap may be nil when every match has them.
func (ix *Index) pageHits(snap *snapshotReader, page bsearch.DocumentMatchCollection) ([]Hit, error) {
	hits := make([]Hit, len(page))
	err := ix.forEach(len(page), func(i int) error {
		dm := page[i]
		if dm.Fields == nil {
			// A document gone from the index leaves its hit what the
			// match holds.
			fields, err := snap.storedText(dm, hitFields)
			if err != nil {
				return fmt.Errorf("load document %s: %w", dm.ID, err)
			}
			dm.Fields = fields
		}
		sd, err := ix.decodeStored(dm)
		if err != nil {
			return err
		}
		body, release, err := ix.borrowBody(dm)
		if err != nil {
			return err
		}
		defer release()
		hits[i] = makeHit(dm, sd, body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return hits, nil
}

// makeHit turns a bleve match, its stored fields and its body into a
// highlighted hit. Nothing of the hit shares memory with body.
func makeHit(dm *bsearch.DocumentMatch, sd storedDoc, body string) Hit {
	hit := Hit{Metadata: metadataOf(dm.ID, sd.storedMeta), Score: dm.Score, Duplicates: sd.Duplicates}
	hit.TitleHTML = markHTML(sd.Title, spansOf(dm.Locations[fieldTitle]))
	bodySpans := spansOf(dm.Locations[fieldBody])
	hit.Snippets = snippets(body, bodySpans, snippetCount, snippetRunes)
	hit.Clauses = clauseHits(body, sd.Clauses, bodySpans, maxClauseHits)
	return hit
}
