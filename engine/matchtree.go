package engine

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The tree of match nodes a bleve query becomes (see candidates.go).

// build turns q into a tree of match nodes, opening each leaf's postings
// and ordering each node's children the way bleve's searchers order theirs.
// ok is false for a query holding a kind of node eval does not know
// (other ranges, fuzzy phrases, booleans with filter or required should
// clauses).
func (cr *candidateRanker) build(ctx context.Context, q query.Query) (*matchNode, bool, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return cr.buildLeaf(ctx, q)
	case *query.TermRangeQuery:
		return cr.buildDateRange(q)
	case *query.DisjunctionQuery:
		return cr.buildCompound(ctx, q.Disjuncts, false, int(q.Min))
	case *query.ConjunctionQuery:
		return cr.buildCompound(ctx, q.Conjuncts, true, 0)
	case *query.DocIDQuery:
		return cr.buildDocIDs(q)
	case *query.MultiPhraseQuery:
		return cr.buildPhrase(ctx, q)
	case *query.BooleanQuery:
		return cr.buildBoolean(ctx, q)
	}
	return nil, false, nil
}

// buildBoolean builds a boolean of must, optionally should (a disjunction
// with no minimum) and must-not, as bleve's boolean searcher scores it: the
// documents of must, not of must-not, each scored must's score plus
// should's where should matches too. Must-not only removes documents; the
// weight is must's and should's, and so is the count bleve reports.
func (cr *candidateRanker) buildBoolean(ctx context.Context, q *query.BooleanQuery) (*matchNode, bool, error) {
	if q.Filter != nil || q.Must == nil {
		return nil, false, nil
	}
	must, ok, err := cr.build(ctx, q.Must)
	if err != nil || !ok || (q.Should == nil && q.MustNot == nil) {
		return must, ok, err // bleve searches a lone must as it is
	}
	n := &matchNode{all: true, children: []*matchNode{must}, count: must.count, weight: must.weight}
	if q.Should != nil {
		if d, ok := q.Should.(*query.DisjunctionQuery); !ok || d.Min != 0 {
			return nil, false, nil // should clauses a document must meet
		}
		if n.optional, ok, err = cr.build(ctx, q.Should); err != nil || !ok {
			return nil, ok, err
		}
		n.count += n.optional.count
		n.weight += n.optional.weight
	}
	if q.MustNot != nil {
		if n.exclude, ok, err = cr.build(ctx, q.MustNot); err != nil || !ok {
			return nil, ok, err
		}
	}
	return n, true, nil
}

func (cr *candidateRanker) buildCompound(ctx context.Context, qs []query.Query, all bool, minMatch int) (*matchNode, bool, error) {
	if len(qs) == 0 {
		return nil, false, nil // bleve matches nothing; leave it to bleve
	}
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

// buildDateRange matches the documents published within an inclusive range
// of dates (filterQueries's only range), from the dates in memory. Its score
// is zero, as bleve's is for the boost of 0 filterQueries gives it: bleve
// scores it as a disjunction of the dates' terms, each weighing
// (0·idf)² = 0, so it adds nothing to a score or to the query norm, and
// its count is how many documents it matches (one date each).
func (cr *candidateRanker) buildDateRange(q *query.TermRangeQuery) (*matchNode, bool, error) {
	inclusive := func(b *bool) bool { return b != nil && *b }
	if cr.published == nil || q.FieldVal != fieldPublished || q.BoostVal.Value() != 0 ||
		!inclusive(q.InclusiveMin) || !inclusive(q.InclusiveMax) {
		return nil, false, nil
	}
	docs := []uint32{} // not nil: a leaf, even matching nothing
	for d, date := range cr.published[:cr.n] {
		if date >= q.Min && (q.Max == "" || date <= q.Max) {
			docs = append(docs, uint32(d))
		}
	}
	return &matchNode{fixed: docs, count: uint64(len(docs))}, true, nil
}

// buildDocIDs matches the listed documents, with no score. It only ever
// excludes documents (similarQuery's must-not), where neither its score
// nor its weight counts.
func (cr *candidateRanker) buildDocIDs(q *query.DocIDQuery) (*matchNode, bool, error) {
	docs := []uint32{} // not nil: a leaf, even matching nothing
	for _, id := range q.IDs {
		iid, err := cr.postings.reader.InternalID(id)
		if err != nil {
			return nil, false, fmt.Errorf("look up %s: %w", id, err)
		}
		if d, ok := docNumber(iid); ok && d < uint64(cr.n) {
			docs = append(docs, uint32(d))
		}
	}
	slices.Sort(docs)
	docs = slices.Compact(docs)
	return &matchNode{fixed: docs, count: uint64(len(docs))}, true, nil
}

func (cr *candidateRanker) close() {
	for _, p := range cr.terms {
		p.source.close()
		if p.scored != nil {
			cr.release(*p.scored)
		}
	}
}
