package engine

import (
	"cmp"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// textMerge reads the locations of several runs in text order (by start;
// the longer first where two start together), each with the tag its run
// was added with. Highlighting and re-ranking both read a document's
// matches this way. Each term's locations come in text order, so the runs
// are merged rather than sorted: a long law holds thousands of matches,
// and sorting them cost a loaded searchd 2.4% of its CPU for the hits'
// highlights and about 2% for re-ranking's passages. A run out of order is
// sorted first.
type textMerge struct {
	heads []mergeHead
}

type mergeHead struct {
	locs bsearch.Locations // what is left of the run
	tag  int
}

// add adds a run of locations, tagged for next to report.
func (m *textMerge) add(locs bsearch.Locations, tag int) {
	if len(locs) == 0 {
		return
	}
	if !startsIncrease(locs) {
		locs = slices.Clone(locs)
		slices.SortStableFunc(locs, textOrder)
	}
	m.heads = append(m.heads, mergeHead{locs, tag})
}

// next returns the next location and the tag of its run; ok is false when
// all have been read.
func (m *textMerge) next() (tag int, l *bsearch.Location, ok bool) {
	if len(m.heads) == 0 {
		return 0, nil, false
	}
	first := 0
	for i := 1; i < len(m.heads); i++ {
		if textOrder(m.heads[i].locs[0], m.heads[first].locs[0]) < 0 {
			first = i
		}
	}
	h := &m.heads[first]
	tag, l = h.tag, h.locs[0]
	if h.locs = h.locs[1:]; len(h.locs) == 0 {
		m.heads[first] = m.heads[len(m.heads)-1]
		m.heads = m.heads[:len(m.heads)-1]
	}
	return tag, l, true
}

// textOrder orders locations by start, the longer first where two start
// together.
func textOrder(a, b *bsearch.Location) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
}

// startsIncrease reports whether each location starts after the one before.
func startsIncrease(locs bsearch.Locations) bool {
	for i := 1; i < len(locs); i++ {
		if locs[i-1].Start >= locs[i].Start {
			return false
		}
	}
	return true
}
