package engine

import (
	"context"
	"math"
	"math/bits"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
)

// Evaluating a tree of match nodes term at a time (see candidates.go).

// eval returns the documents node matches with their scores; depth picks
// the scratch arrays its children are added into.
func (cr *candidateRanker) eval(ctx context.Context, node *matchNode, depth int) (docMatches, error) {
	if err := ctx.Err(); err != nil {
		return docMatches{}, err
	}
	if node.postings != nil {
		return cr.evalLeaf(node)
	}
	if node.fixed != nil {
		out := cr.alloc(len(node.fixed))
		out.docs = append(out.docs, node.fixed...)
		for range node.fixed {
			out.scores = append(out.scores, 0)
		}
		return out, nil
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
	need := int32(len(node.children))
	if !node.all {
		need = int32(max(node.minMatch, 1))
	}
	if node.optional != nil {
		// Added after the children, as bleve's boolean scorer adds should's
		// score after must's, and only where the children match.
		m, err := cr.eval(ctx, node.optional, depth+1)
		if err != nil {
			return docMatches{}, err
		}
		for i, d := range m.docs {
			if s.counts[d] >= need {
				s.sums[d] += m.scores[i]
			}
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
	if node.phrase != nil {
		kept, err := cr.keepPhrases(ctx, node.phrase, out)
		if err != nil {
			cr.release(out)
			return docMatches{}, err
		}
		return kept, nil
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

// lengthPart is BM25's k1·(1−b+b·length/average) of the field in doc (a
// document of the index, which readPostings checks), computed from the
// posting's norm as bleve does, the first time only.
func (p *termPostings) lengthPart(doc uint64) float64 {
	kept := &p.lengthParts[doc]
	if bits := kept.Load(); bits != 0 {
		return math.Float64frombits(bits)
	}
	norm := p.source.norm()
	fieldLength := 1 / (norm * norm)
	part := float64(bsearch.BM25_k1 * (1 - bsearch.BM25_b + (bsearch.BM25_b * fieldLength / p.avgLength)))
	kept.Store(math.Float64bits(part))
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

// scratchAt returns the scratch arrays of a nesting depth, made on first
// use (the buffers are the Index's, so n never changes under them).
func (cr *candidateRanker) scratchAt(depth int) *denseScratch {
	for len(cr.scratch) <= depth {
		cr.scratch = append(cr.scratch, &denseScratch{
			sums:    make([]float64, cr.n),
			counts:  make([]int32, cr.n),
			touched: make([]uint64, (cr.n+63)/64),
		})
	}
	return cr.scratch[depth]
}
