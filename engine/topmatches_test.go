package engine

import (
	"fmt"
	"slices"
	"testing"
)

func TestTopMatches(t *testing.T) {
	table := &facetTable{}
	for d := range 10 {
		table.ids = append(table.ids, fmt.Sprintf("doc%d", d))
	}
	m := docMatches{
		docs:   []uint32{0, 1, 2, 3, 5, 6, 8, 9},
		scores: []float64{1.5, 3, 0.5, 3, 2, 4, 0.5, 2},
	}
	for _, tt := range []struct {
		size int
		want []string
	}{
		// Score descending, equal scores in document order.
		{3, []string{"doc6", "doc1", "doc3"}},
		{5, []string{"doc6", "doc1", "doc3", "doc5", "doc9"}},
		{20, []string{"doc6", "doc1", "doc3", "doc5", "doc9", "doc0", "doc2", "doc8"}},
		{0, []string{}},
	} {
		var got []string
		for _, h := range table.topMatches(m, tt.size, byRelevance) {
			if d, _ := docNumber(h.IndexInternalID); table.ids[d] != h.ID {
				t.Errorf("hit %s has internal number %d", h.ID, d)
			}
			got = append(got, h.ID)
		}
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("top %d = %v, want %v", tt.size, got, tt.want)
		}
	}
}

func TestTopMatchesByDate(t *testing.T) {
	table := &facetTable{published: []string{"2020-01-01", "", "2021-06-30", "2020-01-01", "", "2019-12-31"}}
	for d := range table.published {
		table.ids = append(table.ids, fmt.Sprintf("doc%d", d))
	}
	m := docMatches{
		docs:   []uint32{0, 1, 2, 3, 4, 5},
		scores: []float64{1, 5, 0.5, 2, 5, 9},
	}
	// Latest first; the same date by score; undated last, by score and
	// then in document order.
	want := []string{"doc2", "doc3", "doc0", "doc5", "doc1", "doc4"}
	for size := range len(want) + 2 {
		var got []string
		for _, h := range table.topMatches(m, size, byDate) {
			got = append(got, h.ID)
		}
		if n := min(size, len(want)); !slices.Equal(got, want[:n]) && !(len(got) == 0 && n == 0) {
			t.Errorf("top %d by date = %v, want %v", size, got, want[:n])
		}
	}
}
