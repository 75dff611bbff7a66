package engine

import (
	"context"
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync/atomic"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
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
// Only the query shapes buildQuery makes of words are evaluated here: term,
// disjunction (with a minimum), conjunction and a boolean of must and
// must-not. Phrases and date ranges, and indexes without the in-memory
// tables, go to bleve.

// matchNode is one node of a query evaluated term at a time.
type matchNode struct {
	// A leaf scores a term's postings in a field; others combine children.
	postings *termPostings // nil for a compound node
	boost    float64
	children []*matchNode
	// all: every child must match (conjunction); otherwise at least
	// minMatch children (disjunction; bleve takes a minimum of 0 as 1).
	all      bool
	minMatch int
	exclude  *matchNode // documents matching it are dropped (boolean must-not)
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
	postings *snapshotReader
	stats    *bsearch.BM25Stats
	lengths  *lengthParts
	n        int
	leaves   []*matchNode
	terms    map[termKey]*termPostings
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

// rankCandidates scores q and returns its best size matches (score
// descending, then index order, as bleve ranks them), how many documents
// match in all, and the facet counts of all of them. ok is false when q
// holds a query this evaluator does not know, or the index lacks the
// tables it needs; the caller then asks bleve.
func (ix *Index) rankCandidates(ctx context.Context, q query.Query, size int) (hits bsearch.DocumentMatchCollection, total uint64, facets map[string][]Facet, ok bool, err error) {
	if ix.facets == nil || ix.bm25 == nil || !evaluable(q) {
		return nil, 0, nil, false, nil
	}
	snap, err := ix.openSnapshot()
	if err != nil {
		return nil, 0, nil, false, err
	}
	defer snap.close()
	buffers, _ := ix.rankBuffers.Get().(*rankBuffers)
	if buffers == nil {
		buffers = &rankBuffers{}
	}
	cr := &candidateRanker{postings: snap, stats: ix.bm25, n: len(ix.facets.ids),
		rankBuffers: buffers, terms: map[termKey]*termPostings{}, lengths: &ix.lengthParts}
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
	return ix.facets.topMatches(matches, size), uint64(len(matches.docs)), counter.result(), true, nil
}

// evaluable reports whether every node of q is of a kind eval knows.
func evaluable(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return true
	case *query.DisjunctionQuery:
		return len(q.Disjuncts) > 0 && allEvaluable(q.Disjuncts)
	case *query.ConjunctionQuery:
		return len(q.Conjuncts) > 0 && allEvaluable(q.Conjuncts)
	case *query.BooleanQuery:
		if q.Should != nil || q.Filter != nil || q.Must == nil {
			return false
		}
		return evaluable(q.Must) && (q.MustNot == nil || evaluable(q.MustNot))
	}
	return false
}

func allEvaluable(qs []query.Query) bool {
	for _, q := range qs {
		if !evaluable(q) {
			return false
		}
	}
	return true
}

// build turns q into a tree of match nodes, opening each leaf's postings
// and ordering each node's children the way bleve's searchers order theirs.
func (cr *candidateRanker) build(ctx context.Context, q query.Query) (*matchNode, bool, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return cr.buildLeaf(ctx, q)
	case *query.DisjunctionQuery:
		return cr.buildCompound(ctx, q.Disjuncts, false, int(q.Min))
	case *query.ConjunctionQuery:
		return cr.buildCompound(ctx, q.Conjuncts, true, 0)
	case *query.BooleanQuery:
		must, ok, err := cr.build(ctx, q.Must)
		if err != nil || !ok || q.MustNot == nil {
			return must, ok, err
		}
		// The must-not side only removes documents: like bleve's boolean
		// searcher, it adds nothing to the weight or the score.
		not, ok, err := cr.build(ctx, q.MustNot)
		if err != nil || !ok {
			return nil, ok, err
		}
		return &matchNode{all: true, children: []*matchNode{must}, exclude: not,
			count: must.count, weight: must.weight}, true, nil
	}
	return nil, false, nil
}

func (cr *candidateRanker) buildCompound(ctx context.Context, qs []query.Query, all bool, minMatch int) (*matchNode, bool, error) {
	n := &matchNode{all: all, minMatch: minMatch}
	for _, q := range qs {
		c, ok, err := cr.build(ctx, q)
		if err != nil || !ok {
			return nil, ok, err
		}
		n.children = append(n.children, c)
		n.count += c.count
		n.weight += c.weight
	}
	// bleve sorts its searchers by count with sort.Sort, which is not
	// stable; the same call on the same counts gives the same order, and so
	// the same order of floating-point additions.
	sort.Sort(byCount(n.children))
	return n, true, nil
}

// byCount orders nodes as bleve's OrderedSearcherList orders searchers.
type byCount []*matchNode

func (s byCount) Len() int           { return len(s) }
func (s byCount) Less(i, j int) bool { return s[i].count < s[j].count }
func (s byCount) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// buildLeaf opens a term's postings (once per query) and computes its BM25
// constants as bleve's term searcher does, from the statistics in cr.stats.
func (cr *candidateRanker) buildLeaf(ctx context.Context, q *query.TermQuery) (*matchNode, bool, error) {
	card, ok := cr.stats.FieldCardinality[q.FieldVal]
	if !ok || q.FieldVal == "" {
		return nil, false, nil
	}
	key := termKey{q.FieldVal, q.Term}
	p := cr.terms[key]
	if p == nil {
		src, err := cr.postings.scored(ctx, q.FieldVal, q.Term)
		if err != nil {
			return nil, false, err
		}
		p = &termPostings{source: src, count: src.count()}
		cr.terms[key] = p
		docTotal := uint64(cr.stats.DocCount)
		if docTotal != 0 || card != 0 {
			p.avgLength = math.Ceil(float64(card) / float64(docTotal))
		}
		if p.avgLength > 0 {
			p.idf = math.Log(1 + (float64(docTotal)-float64(p.count)+0.5)/(float64(p.count)+0.5))
			p.lengthParts = cr.lengths.field(q.FieldVal, cr.n)
		} else {
			p.idf = 1 + math.Log(float64(docTotal)/float64(p.count+1))
		}
	}
	p.uses++
	l := &matchNode{postings: p, boost: q.BoostVal.Value(), count: p.count}
	w := l.boost * p.idf
	l.weight = w * w
	cr.leaves = append(cr.leaves, l)
	return l, true, nil
}

func (cr *candidateRanker) close() {
	for _, p := range cr.terms {
		p.source.close()
		if p.scored != nil {
			cr.release(*p.scored)
		}
	}
}

// eval returns the documents node matches with their scores; depth picks
// the scratch arrays its children are added into.
func (cr *candidateRanker) eval(ctx context.Context, node *matchNode, depth int) (docMatches, error) {
	if err := ctx.Err(); err != nil {
		return docMatches{}, err
	}
	if node.postings != nil {
		return cr.evalLeaf(node)
	}
	s := cr.scratchAt(depth)
	for _, c := range node.children {
		m, err := cr.eval(ctx, c, depth+1)
		if err != nil {
			return docMatches{}, err
		}
		for i, d := range m.docs {
			s.touched[d>>6] |= 1 << (d & 63)
			s.sums[d] += m.scores[i]
			s.counts[d]++
		}
		cr.release(m)
	}
	var excluded docMatches
	if node.exclude != nil {
		var err error
		if excluded, err = cr.eval(ctx, node.exclude, depth+1); err != nil {
			return docMatches{}, err
		}
		defer cr.release(excluded)
	}
	touched := 0
	for _, word := range s.touched {
		touched += bits.OnesCount64(word)
	}
	need := int32(len(node.children))
	if !node.all {
		need = int32(max(node.minMatch, 1))
	}
	// bleve's disjunction scorer multiplies the sum by the share of its
	// searchers that matched, coord; the shares are divided out once.
	var coord []float64
	if !node.all {
		coord = make([]float64, len(node.children)+1)
		for count := range coord {
			coord[count] = float64(count) / float64(len(node.children))
		}
	}
	out := cr.alloc(touched)
	next := 0 // into excluded.docs
	for w, word := range s.touched {
		for word != 0 {
			d := uint32(w<<6 + bits.TrailingZeros64(word))
			word &= word - 1
			sum, count := s.sums[d], s.counts[d]
			s.sums[d], s.counts[d] = 0, 0
			if count < need {
				continue
			}
			for next < len(excluded.docs) && excluded.docs[next] < d {
				next++
			}
			if next < len(excluded.docs) && excluded.docs[next] == d {
				continue
			}
			if coord != nil {
				sum *= coord[count]
			}
			out.docs = append(out.docs, d)
			out.scores = append(out.scores, sum)
		}
		s.touched[w] = 0
	}
	return out, nil
}

// evalLeaf scores a term's postings as bleve's TermQueryScorer does
// under BM25, times the leaf's query weight.
func (cr *candidateRanker) evalLeaf(l *matchNode) (docMatches, error) {
	p := l.postings
	if p.uses == 1 {
		return cr.readPostings(p, l.queryWeight)
	}
	if p.scored == nil {
		m, err := cr.readPostings(p, 1)
		if err != nil {
			return docMatches{}, err
		}
		p.scored = &m
	}
	out := cr.alloc(len(p.scored.docs))
	out.docs = append(out.docs, p.scored.docs...)
	for _, score := range p.scored.scores {
		if l.queryWeight != 1 {
			score *= l.queryWeight
		}
		out.scores = append(out.scores, score)
	}
	return out, nil
}

// readPostings reads a term's postings, each scored and multiplied by weight.
func (cr *candidateRanker) readPostings(p *termPostings, weight float64) (docMatches, error) {
	out := cr.alloc(int(p.count))
	for {
		d, freq, ok, err := p.source.next()
		if err != nil {
			cr.release(out)
			return docMatches{}, err
		}
		if !ok {
			return out, nil
		}
		if d >= uint64(cr.n) {
			continue // not a document of the merged index the tables describe
		}
		out.docs = append(out.docs, uint32(d))
		out.scores = append(out.scores, p.score(d, freq, weight))
	}
}

// score is bleve's BM25 score of the posting of document doc the source
// stands on (scorer.TermQueryScorer).
func (p *termPostings) score(doc, termFreq uint64, weight float64) float64 {
	var freq float64
	if termFreq < scorer.MaxSqrtCache {
		freq = scorer.SqrtCache[int(termFreq)]
	} else {
		freq = math.Sqrt(float64(termFreq))
	}
	var score float64
	if p.avgLength > 0 {
		score = p.idf * (freq * bsearch.BM25_k1) / (freq + p.lengthPart(doc))
	} else {
		score = freq * p.source.norm() * p.idf
	}
	if weight != 1 {
		score *= weight
	}
	return score
}

// lengthPart is BM25's k1·(1−b+b·length/average) of the field in doc,
// computed from the posting's norm as bleve does, the first time only.
func (p *termPostings) lengthPart(doc uint64) float64 {
	if doc < uint64(len(p.lengthParts)) {
		if bits := p.lengthParts[doc].Load(); bits != 0 {
			return math.Float64frombits(bits)
		}
	}
	norm := p.source.norm()
	fieldLength := 1 / (norm * norm)
	part := float64(bsearch.BM25_k1 * (1 - bsearch.BM25_b + (bsearch.BM25_b * fieldLength / p.avgLength)))
	if doc < uint64(len(p.lengthParts)) {
		p.lengthParts[doc].Store(math.Float64bits(part))
	}
	return part
}

// alloc returns an empty match list with room for n matches.
func (cr *candidateRanker) alloc(n int) docMatches {
	for i := len(cr.free) - 1; i >= 0; i-- {
		if m := cr.free[i]; cap(m.docs) >= n {
			cr.free[i] = cr.free[len(cr.free)-1]
			cr.free = cr.free[:len(cr.free)-1]
			return m
		}
	}
	return docMatches{docs: make([]uint32, 0, n), scores: make([]float64, 0, n)}
}

// release returns a match list for alloc to hand out again.
func (cr *candidateRanker) release(m docMatches) {
	if cap(m.docs) > 0 {
		cr.free = append(cr.free, docMatches{docs: m.docs[:0], scores: m.scores[:0]})
	}
}

func (cr *candidateRanker) scratchAt(depth int) *denseScratch {
	if len(cr.scratch) > 0 && len(cr.scratch[0].sums) != cr.n {
		cr.scratch = nil // buffers of an index of another size
	}
	for len(cr.scratch) <= depth {
		cr.scratch = append(cr.scratch, &denseScratch{
			sums:    make([]float64, cr.n),
			counts:  make([]int32, cr.n),
			touched: make([]uint64, (cr.n+63)/64),
		})
	}
	return cr.scratch[depth]
}

// topMatches returns the best size matches as bleve's collector would:
// score descending, ties in index order, each named from the table.
func (t *facetTable) topMatches(m docMatches, size int) bsearch.DocumentMatchCollection {
	// worse orders two matches (positions in m) worst first.
	worse := func(a, b int) bool {
		if m.scores[a] != m.scores[b] {
			return m.scores[a] < m.scores[b]
		}
		return m.docs[a] > m.docs[b]
	}
	// best is a heap with the worst of the best so far at its root.
	best := make([]int, 0, size)
	for i := range m.docs {
		if len(best) < size {
			best = append(best, i)
			siftUp(best, len(best)-1, worse)
		} else if size > 0 && worse(best[0], i) {
			best[0] = i
			siftDown(best, 0, worse)
		}
	}
	slices.SortFunc(best, func(a, b int) int {
		if worse(b, a) {
			return -1
		}
		return 1
	})
	hits := make(bsearch.DocumentMatchCollection, len(best))
	for i, o := range best {
		d := m.docs[o]
		iid := make(bleveindex.IndexInternalID, 8)
		binary.BigEndian.PutUint64(iid, uint64(d))
		hits[i] = &bsearch.DocumentMatch{ID: t.ids[d], IndexInternalID: iid, Score: m.scores[o], HitNumber: uint64(d) + 1}
	}
	return hits
}

func siftUp(h []int, i int, less func(a, b int) bool) {
	for i > 0 {
		parent := (i - 1) / 2
		if !less(h[i], h[parent]) {
			return
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func siftDown(h []int, i int, less func(a, b int) bool) {
	for {
		least := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(h) && less(h[c], h[least]) {
				least = c
			}
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}
