package engine

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// topMatches returns the best size matches as bleve's collector would:
// score descending, ties in index order, each named from the table.
func (t *facetTable) topMatches(m docMatches, size int) bsearch.DocumentMatchCollection {
	best := &worstFirst{m: &m, at: make([]int, 0, size+1)}
	for i := range m.docs {
		if best.Len() < size {
			heap.Push(best, i)
		} else if size > 0 && m.better(i, best.at[0]) < 0 {
			best.at[0] = i
			heap.Fix(best, 0)
		}
	}
	slices.SortFunc(best.at, m.better)
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

// worstFirst is a heap of positions in m with the worst match at the root:
// the best matches so far, the root the first to leave.
type worstFirst struct {
	m  *docMatches
	at []int
}

func (h *worstFirst) Len() int           { return len(h.at) }
func (h *worstFirst) Less(i, j int) bool { return h.m.better(h.at[i], h.at[j]) > 0 }
func (h *worstFirst) Swap(i, j int)      { h.at[i], h.at[j] = h.at[j], h.at[i] }
func (h *worstFirst) Push(x any)         { h.at = append(h.at, x.(int)) }
func (h *worstFirst) Pop() any {
	last := h.at[len(h.at)-1]
	h.at = h.at[:len(h.at)-1]
	return last
}
