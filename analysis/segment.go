package analysis

// This file segments text the way gse's Segmenter.Segment does, on the dict
// copy of its dictionary: the same units, the same shortest path with the
// same float32 costs and the same tie-breaking, so the words are identical
// (equivalence_test.go checks this on the whole corpus). It is several times
// faster because it allocates nothing per unit or word and looks units up in
// an integer trie.

// segment is one word of the segmentation: norm[start:end], and the index of
// the dictionary word, or -1 for a unit that is in no word (gse's pseudo
// token, of cost pseudoDist).
type segment struct {
	start, end int32
	word       int32
}

// pseudoDist is the cost gse gives a unit that is not a dictionary word.
const pseudoDist float32 = 32

// segScratch holds the per-unit arrays of one segmentation, reused through
// the analyzer pool.
type segScratch struct {
	ends  []int32   // ends[i] is the byte end of unit i
	syms  []uint32  // the unit's symbol
	dist  []float32 // cost of the best path through unit i (gse's jumper)
	jlen  []int32   // units of the last word on that path
	jword []int32   // that word, or -1 for a pseudo word
	segs  []segment
}

// grow makes the per-unit arrays at least n long, keeping the units found so
// far.
func (sc *segScratch) grow(n int) {
	if len(sc.ends) < n {
		n = max(n, 2*len(sc.ends))
		sc.ends = append(sc.ends, make([]int32, n-len(sc.ends))...)
		sc.syms = append(sc.syms, make([]uint32, n-len(sc.syms))...)
		sc.dist = make([]float32, n)
		sc.jlen = make([]int32, n)
		sc.jword = make([]int32, n)
	}
}

// segmentText segments norm and returns its words in order, in sc.segs.
func (d *dict) segmentText(norm string, sc *segScratch) []segment {
	sc.segs = sc.segs[:0]
	if len(norm) == 0 {
		return sc.segs
	}
	// Units and their symbols. A text has at most one unit per byte.
	sc.grow(min(len(norm), 1<<16))
	n := 0
	for i := 0; i < len(norm); {
		end, alnum := unitEnd(norm, i)
		if n == len(sc.ends) {
			sc.grow(n + 1)
		}
		var s uint32
		switch {
		case !alnum && end-i == 3 && norm[i] >= 0xE0:
			// The common case: a character of the Basic Multilingual Plane.
			r := rune(norm[i]&0x0F)<<12 | rune(norm[i+1]&0x3F)<<6 | rune(norm[i+2]&0x3F)
			s = d.runeSym[r]
		case end-i == 1 && norm[i] < 0x80:
			s = d.runeSym[norm[i]]
		default:
			s = d.sym(norm[i:end])
		}
		sc.ends[n] = int32(end)
		sc.syms[n] = s
		n++
		i = end
	}
	ends, syms := sc.ends[:n], sc.syms[:n]
	dist, jlen, jword := sc.dist[:n], sc.jlen[:n], sc.jword[:n]
	clear(dist)

	// Shortest path, as in gse's segmentWords: for every unit, every word
	// that starts there updates the path at its last unit; a unit that is not
	// a one-unit word is a pseudo word of its own.
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = dist[cur-1]
		}
		single := false
		cells := d.cells
		p := int32(0) // the root
		for k := cur; k < n && syms[k] != 0; k++ {
			t := cells[p].base + int32(syms[k])
			c := &cells[t]
			if c.check != p {
				break
			}
			if c.word >= 0 {
				if k == cur {
					single = true
				}
				nd := base + c.dist
				if dist[k] == 0 || dist[k] > nd {
					dist[k] = nd
					jlen[k] = int32(k - cur + 1)
					jword[k] = c.word
				}
			}
			if c.base < 0 {
				break
			}
			p = t
		}
		if !single {
			nd := base + pseudoDist
			if dist[cur] == 0 || dist[cur] > nd {
				dist[cur] = nd
				jlen[cur] = 1
				jword[cur] = -1
			}
		}
	}

	// Walk the path back from the end, then reverse it.
	for i := n - 1; i >= 0; {
		first := i - int(jlen[i]) + 1
		var start int32
		if first > 0 {
			start = ends[first-1]
		}
		sc.segs = append(sc.segs, segment{start: start, end: ends[i], word: jword[i]})
		i = first - 1
	}
	segs := sc.segs
	for i, j := 0, len(segs)-1; i < j; i, j = i+1, j-1 {
		segs[i], segs[j] = segs[j], segs[i]
	}
	return segs
}
