package engine

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"slices"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// matchOrder is the order matches are ranked in.
type matchOrder int

const (
	// byRelevance ranks by score, highest first.
	byRelevance matchOrder = iota
	// byDate ranks by publication date, latest first and undated last,
	// then by score: the sort Search asks bleve for with sort=date.
	byDate
)

// topMatches returns the first size matches in order as bleve's collector
// would rank them, ties in index order, each named from the table. byDate
// needs the table's dates (see facetTable.published).
func (t *facetTable) topMatches(m docMatches, size int, order matchOrder) bsearch.DocumentMatchCollection {
	better := m.better
	if order == byDate {
		// An undated document is indexed with an empty date, which sorts
		// below every date, in the table as in bleve.
		better = func(a, b int) int {
			return cmp.Or(strings.Compare(t.published[m.docs[b]], t.published[m.docs[a]]), m.better(a, b))
		}
	}
	best := &worstFirst{better: better, at: make([]int, 0, size+1)}
	for i := range m.docs {
		if best.Len() < size {
			heap.Push(best, i)
		} else if size > 0 && better(i, best.at[0]) < 0 {
			best.at[0] = i
			heap.Fix(best, 0)
		}
	}
	slices.SortFunc(best.at, better)
	hits := make(bsearch.DocumentMatchCollection, len(best.at))
	for i, o := range best.at {
		d := m.docs[o]
		iid := make(bleveindex.IndexInternalID, 8)
		binary.BigEndian.PutUint64(iid, uint64(d))
		hits[i] = &bsearch.DocumentMatch{ID: t.ids[d], IndexInternalID: iid, Score: m.scores[o], HitNumber: uint64(d) + 1}
	}
	return hits
}

// better orders two matches (positions in m) best first: the higher score,
// then the earlier document.
func (m *docMatches) better(a, b int) int {
	if c := cmp.Compare(m.scores[b], m.scores[a]); c != 0 {
		return c
	}
	return cmp.Compare(m.docs[a], m.docs[b])
}

// worstFirst is a heap of positions of matches with the worst at the root:
// the best matches so far, the root the first to leave.
type worstFirst struct {
	better func(a, b int) int
	at     []int
}

func (h *worstFirst) Len() int           { return len(h.at) }
func (h *worstFirst) Less(i, j int) bool { return h.better(h.at[i], h.at[j]) > 0 }
func (h *worstFirst) Swap(i, j int)      { h.at[i], h.at[j] = h.at[j], h.at[i] }
func (h *worstFirst) Push(x any)         { h.at = append(h.at, x.(int)) }
func (h *worstFirst) Pop() any {
	last := h.at[len(h.at)-1]
	h.at = h.at[:len(h.at)-1]
	return last
}
