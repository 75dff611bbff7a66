package engine

import (
	"context"
	"math"
	"sync/atomic"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The re-rank candidates of a relevance page are scored here, term at a
// time, from the postings, instead of by bleve's searcher tree. bleve walks
// the query's 30-odd words and bigrams document at a time through nested
// disjunctions, allocating and merging a match per searcher per document:
// 2.4 ms of a 4.5 ms query on the full corpus, where reading the same
// postings once takes 0.7 ms. Here each term's postings are read once and
// added into dense per-document sums, node by node. The scores are bleve's
// own (BM25 with the index's statistics, each disjunction's coord factor,
// one query norm), summed in the order bleve's searchers sum them, so the
// candidates, their scores, the totals and the facet counts are the same
// (candidates_test.go and the relevance test compare the two).
//
// matchtree.go turns the bleve query into a tree of match nodes,
// evaluate.go evaluates it, and topmatches.go picks the best matches.
//
// Only the query shapes buildQuery and similarQuery make are evaluated here:
// term, phrase (phrase.go), disjunction (with a minimum), conjunction, a
// boolean of must with should and must-not, the range of publication dates
// (from the dates in memory) and a list of document ids. Other shapes (a
// fuzzy phrase), and indexes without the in-memory tables, go to bleve.
// The postings are zap's, or for the body's words and bigrams the postings
// files of their own (bodypostings.go).

// matchNode is one node of a query evaluated term at a time.
type matchNode struct {
	// A leaf scores a term's postings in a field, or matches documents
	// found in memory (a date range, listed ids) with no score; others
	// combine children.
	postings *termPostings // nil for a compound node
	fixed    []uint32      // the documents of a leaf found in memory, ascending
	boost    float64
	children []*matchNode
	// all: every child must match (conjunction); otherwise at least
	// minMatch children (disjunction; bleve takes a minimum of 0 as 1).
	all      bool
	minMatch int
	exclude  *matchNode   // documents matching it are dropped (boolean must-not)
	optional *matchNode   // its score is added where the children match (boolean should)
	phrase   *phraseCheck // the children's matches are kept where they form the phrase
	// count and weight are bleve's Count() and Weight() of the searcher:
	// children are summed in ascending count, and the query norm is one
	// over the square root of the root's weight.
	count  uint64
	weight float64
	// queryWeight multiplies a leaf's scores: boost × idf × query norm.
	queryWeight float64
}

// termPostings is a term of one field, read once per query however many
// leaves name it (a word's bigram may also be a word of another group).
type termPostings struct {
	source postingSource // opened when the tree is built
	count  uint64        // documents holding the term
	uses   int           // leaves naming it
	// BM25 constants, as bleve's scorer.TermQueryScorer computes them.
	idf, avgLength float64
	// lengthParts caches the field's length part of BM25 per document
	// (see Index.lengthParts); nil when avgLength is 0 (no BM25).
	lengthParts []atomic.Uint64
	// scored holds the postings with their scores before the query
	// weight, once read, when more than one leaf uses them.
	scored *docMatches
}

// termKey names a term of a field.
type termKey struct{ field, term string }

// docMatches are the documents a node matches, ascending, with scores.
type docMatches struct {
	docs   []uint32
	scores []float64
}

// candidateRanker evaluates one query over an index of n documents.
type candidateRanker struct {
	postings  *snapshotReader
	stats     *bsearch.BM25Stats
	lengths   *lengthParts
	published []string // by document number; nil leaves date ranges to bleve
	// fieldText returns the text a document was indexed with in a field,
	// which the phrase test reads between a phrase's words (see
	// keepPhrases); nil reads none.
	fieldText fieldTextFunc
	n         int
	leaves    []*matchNode
	terms     map[termKey]*termPostings
	*rankBuffers
}

// rankBuffers are the memory a ranker reuses from one query to the next
// (Index.rankBuffers pools them): some 70 KB per nesting level.
type rankBuffers struct {
	// scratch holds, per nesting depth, the dense sums and counts a
	// compound node adds its children into, and the bitmap of the
	// documents touched; all are left zeroed after use.
	scratch []*denseScratch
	// free are match lists whose nodes have been added into their parent.
	free []docMatches
}

type denseScratch struct {
	sums    []float64
	counts  []int32
	touched []uint64
}

// rankCandidates scores q over snap and returns its first size matches in
// order (see topMatches), how many documents match in all, and the facet
// counts of all of them. ok is false when q holds a query this evaluator
// does not know, or the index lacks the tables it needs; the caller then
// asks bleve.
func (ix *Index) rankCandidates(ctx context.Context, snap *snapshotReader, q query.Query, size int, order matchOrder) (hits bsearch.DocumentMatchCollection, total uint64, facets map[string][]Facet, ok bool, err error) {
	if ix.facets == nil || ix.bm25 == nil || (order == byDate && ix.facets.published == nil) {
		return nil, 0, nil, false, nil
	}
	buffers, _ := ix.rankBuffers.Get().(*rankBuffers)
	if buffers == nil {
		buffers = &rankBuffers{}
	}
	cr := &candidateRanker{postings: snap, stats: ix.bm25, n: len(ix.facets.ids), published: ix.facets.published,
		rankBuffers: buffers, terms: map[termKey]*termPostings{}, lengths: &ix.lengthParts}
	if !phrasesByPositionOnly {
		cr.fieldText = func(field string, doc uint64) (string, func(), error) { return ix.fieldText(snap, field, doc) }
	}
	// An evaluation stopped part way (a client gone, a failed read) leaves
	// sums and counts in the scratch arrays; such buffers are dropped, not
	// pooled, or the next search would add its matches to them.
	clean := true
	defer func() {
		cr.close()
		if clean {
			ix.rankBuffers.Put(buffers)
		}
	}()
	root, ok, err := cr.build(ctx, q)
	if err != nil || !ok {
		return nil, 0, nil, ok, err
	}
	norm := 1 / math.Sqrt(root.weight)
	for _, l := range cr.leaves {
		l.queryWeight = l.boost * l.postings.idf * norm
	}
	matches, err := cr.eval(ctx, root, 0)
	if err != nil {
		clean = false
		return nil, 0, nil, false, err
	}
	defer cr.release(matches)
	counter := ix.facets.newCounter()
	for _, d := range matches.docs {
		counter.count(uint64(d))
	}
	return ix.facets.topMatches(matches, size, order), uint64(len(matches.docs)), counter.result(), true, nil
}
