package engine

import (
	"encoding/binary"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

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
