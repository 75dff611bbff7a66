package engine

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch/analysis"
)

// More-like-this tuning. A document is described by its title's words and
// its most distinctive body words; documents sharing many of them, above
// all in their titles, are on the same matter.
const (
	similarBodyTerms   = 25       // distinctive body words queried
	similarCandidates  = 100      // most frequent body words whose document frequency is looked up
	similarBodyBytes   = 20 << 10 // body prefix read for term frequencies: enough to name the matter
	similarTitleBoost  = 3.0      // a shared title word, in the other document's title
	similarCrossBoost  = 1.5      // a title word in the other document's body
	similarAgencyBoost = 0.3      // same issuing body: a tie-breaker, not a reason
	similarCatBoost    = 0.2      // same category: likewise
	similarMinShould   = 2        // words a result must share, so one common word is not enough
	similarMaxDocShare = 0.1      // words in more documents than this say little and cost the most to match
	similarMinDocLimit = 50       // …but a small corpus keeps words up to this many documents
)

// SimilarRequest asks for documents on the same matter as one document.
type SimilarRequest struct {
	ID   string
	Page int // 1-based; 0 means 1
	Size int // hits per page; 0 means DefaultPageSize
}

// Similar returns documents on the same matter as the given one, in the
// /api/search result shape, highlighted on the words they share with it.
// The document itself and its other versions are never among them (its
// exact duplicates are not indexed apart from it). Result.Query holds the
// words the documents were matched on.
func (ix *Index) Similar(ctx context.Context, req SimilarRequest) (*Result, error) {
	start := time.Now()
	page, size, err := checkPaging(req.Page, req.Size)
	if err != nil {
		return nil, err
	}
	req.Page, req.Size = page, size
	key := ix.cache.key(similarKey{req})
	if r, ok := ix.cache.get(key, start); ok {
		return r, nil
	}
	release, err := ix.slots.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	rec, err := ix.lookupOne(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	// One snapshot of the index throughout: the words' statistics, the
	// matches and the page's fields.
	snap, err := ix.openSnapshot()
	if err != nil {
		return nil, fmt.Errorf("similar to %s: %w", req.ID, err)
	}
	defer snap.close()
	terms, err := ix.likeTerms(ctx, snap, rec)
	if err != nil {
		return nil, err
	}
	out := &Result{
		Query: strings.Join(append(append([]string{}, terms.title...), terms.body...), " "),
		Page:  page, Size: size, Hits: []Hit{}, Facets: map[string][]Facet{},
	}
	for _, f := range facetFields {
		out.Facets[facetNames[f]] = []Facet{}
	}
	if len(terms.title)+len(terms.titleInBody)+len(terms.body) == 0 {
		return out, nil // nothing describes the document (no title, no distinctive words)
	}
	q := similarQuery(rec, terms)

	// Scored term at a time as search pages are (see candidates.go), the
	// words placed for the page only; bleve's searchers, which place them
	// in every matching document, when the index lacks the tables.
	hits, total, facets, ranked, err := ix.rankCandidates(ctx, snap, q, page*size, byRelevance)
	if err != nil {
		return nil, fmt.Errorf("similar to %s: %w", req.ID, err)
	}
	if ranked {
		hits = pageOf(hits, page, size)
		// The words where similarQuery matches them: title words in
		// titles, the others in bodies.
		inBody := map[string]bool{}
		for _, w := range slices.Concat(terms.titleInBody, terms.body) {
			inBody[w] = true
		}
		inTitle := map[string]bool{}
		for _, w := range terms.title {
			inTitle[w] = true
		}
		if err := locate(ctx, snap, fieldTitle, []map[string]bool{inTitle}, hits); err != nil {
			return nil, err
		}
		if err := locate(ctx, snap, fieldBody, []map[string]bool{inBody}, hits); err != nil {
			return nil, err
		}
	} else {
		sr := bleve.NewSearchRequestOptions(q, size, (page-1)*size, false)
		sr.IncludeLocations = true
		sr.Fields = hitFields
		res, f, err := ix.searchWithFacets(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("similar to %s: %w", req.ID, err)
		}
		hits, total, facets = res.Hits, res.Total, f
	}
	out.Total = total
	if out.Hits, err = ix.pageHits(snap, hits); err != nil {
		return nil, err
	}
	out.Facets = facets
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	ix.cache.add(key, out)
	return out, nil
}

// similarKey is a SimilarRequest as a result cache key: its JSON
// ({"Similar":…}) cannot be taken for a search Request's.
type similarKey struct{ Similar SimilarRequest }

// likeTerms are the words that describe a document.
type likeTerms struct {
	title       []string // title words, matched in other titles
	titleInBody []string // the title words rare enough to be matched in bodies as well
	body        []string // the most distinctive body words, matched in bodies
}

// similarQuery matches any of the words (at least similarMinShould of them),
// excludes the document and its versions, and nudges documents from the
// same agency and category up.
func similarQuery(rec storedRecord, terms likeTerms) query.Query {
	var alts []query.Query
	for _, w := range terms.title {
		alts = append(alts, termIn(fieldTitle, w, similarTitleBoost))
	}
	for _, w := range terms.titleInBody {
		alts = append(alts, termIn(fieldBody, w, similarCrossBoost))
	}
	for _, w := range terms.body {
		alts = append(alts, termIn(fieldBody, w, 1))
	}
	words := bleve.NewDisjunctionQuery(alts...)
	if len(alts) >= 2*similarMinShould {
		words.SetMin(similarMinShould)
	}

	bq := bleve.NewBooleanQuery()
	bq.AddMust(words)
	bq.AddMustNot(bleve.NewDocIDQuery(append(pathIDs(rec.doc.Versions), rec.id)))
	for _, a := range rec.doc.Agencies {
		bq.AddShould(termIn(fieldAgency, a, similarAgencyBoost))
	}
	if rec.doc.Category != "" {
		bq.AddShould(termIn(fieldCategory, rec.doc.Category, similarCatBoost))
	}
	return bq
}

// likeTerms picks the words that describe a document: its title's words and
// the body words with the highest tf-idf. Words found in more than
// similarMaxDocShare of the documents (条例, 应当, 本市) are left out: they
// describe nothing and their long posting lists are what makes the query slow.
// Term frequency comes from the start of the body; document frequency is
// looked up only for the most frequent candidates, bounding the cost on long
// laws.
func (ix *Index) likeTerms(ctx context.Context, snap *snapshotReader, rec storedRecord) (likeTerms, error) {
	var terms likeTerms
	stats, err := newTermStats(snap)
	if err != nil {
		return terms, err
	}

	inTitle := titleWords(rec.doc.Title)
	for _, w := range inTitle {
		if !stats.common(ctx, fieldTitle, w) {
			terms.title = append(terms.title, w)
		}
		if !stats.common(ctx, fieldBody, w) {
			terms.titleInBody = append(terms.titleInBody, w)
		}
	}

	tf := make(map[string]int)
	for _, t := range analysis.Words(prefixBytes(rec.body, similarBodyBytes)) {
		if isContentWord(t.Term) {
			tf[t.Term]++
		}
	}
	for _, w := range inTitle {
		delete(tf, w)
	}
	cands := make([]string, 0, len(tf))
	for w := range tf {
		cands = append(cands, w)
	}
	sort.Slice(cands, func(i, j int) bool {
		if tf[cands[i]] != tf[cands[j]] {
			return tf[cands[i]] > tf[cands[j]]
		}
		return cands[i] < cands[j]
	})
	cands = cands[:min(len(cands), similarCandidates)]

	weight := make(map[string]float64, len(cands))
	var kept []string
	for _, w := range cands {
		df := stats.docFreq(ctx, fieldBody, w)
		if df == 0 || stats.tooCommon(df) {
			continue
		}
		weight[w] = float64(tf[w]) * math.Log(float64(stats.docs)/float64(df))
		kept = append(kept, w)
	}
	sort.SliceStable(kept, func(i, j int) bool { return weight[kept[i]] > weight[kept[j]] })
	terms.body = kept[:min(len(kept), similarBodyTerms)]
	return terms, nil
}

// termStats reads document frequencies from one snapshot of the index.
type termStats struct {
	snap *snapshotReader
	docs uint64
}

// newTermStats reads document frequencies from snap, which the caller closes.
func newTermStats(snap *snapshotReader) (*termStats, error) {
	n, err := snap.reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	return &termStats{snap: snap, docs: n}, nil
}

// docFreq is the number of documents holding word in field; a failed
// lookup counts as 0, which leaves the word out rather than fail the request.
func (s *termStats) docFreq(ctx context.Context, field, word string) uint64 {
	n, err := s.snap.docCount(ctx, field, word)
	if err != nil {
		return 0
	}
	return n
}

// common reports whether word is in too many documents' field to tell them apart.
func (s *termStats) common(ctx context.Context, field, word string) bool {
	return s.tooCommon(s.docFreq(ctx, field, word))
}

// tooCommon reports whether a word in df documents is too common to use.
func (s *termStats) tooCommon(df uint64) bool {
	return float64(df) > max(similarMaxDocShare*float64(s.docs), similarMinDocLimit)
}

// titleWords returns the distinct content words of a title, in order.
func titleWords(title string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, t := range analysis.Words(title) {
		if isContentWord(t.Term) && !seen[t.Term] {
			seen[t.Term] = true
			out = append(out, t.Term)
		}
	}
	return out
}

// clauseLabelRE matches the structural words every law repeats (第九条, 第二章).
var clauseLabelRE = regexp.MustCompile(`^第[零〇一二三四五六七八九十百千两0-9]+[编章节条款项]$`)

// isContentWord reports whether a word is worth matching on: two or more
// characters, at least one letter, and not a clause label, so that
// particles, numbers and structure (的, 2019, 第九条) do not make every
// document look alike.
func isContentWord(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && strings.ContainsFunc(w, unicode.IsLetter) && !clauseLabelRE.MatchString(w)
}

// prefixBytes returns at most n bytes of s, cut on a character boundary.
func prefixBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
