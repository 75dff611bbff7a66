package analysis

import (
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// dict is a read-only copy of the gse segmenter's dictionary, laid out for
// fast segmentation (see segment.go): a trie over text units with integer
// symbols instead of gse's byte-level cedar trie, the path cost of every word,
// and every word's search-mode sub-words already filtered by the rules of
// Tokens. It is built from a loaded gse segmenter (buildDict), or decoded from
// the pre-built copy embedded in the binary (see dictdata.go), which is much
// cheaper than loading gse's dictionary.
//
// A text unit is what gse's SplitTextToWords makes of text: a maximal run of
// letters and digits encoded in one or two UTF-8 bytes (Latin, Greek,
// Cyrillic…), or else a single rune (every Chinese character is a unit of its
// own), or a single invalid byte. gse looks words up unit by unit, so a word
// matches at a unit boundary when its bytes equal the bytes of the units it
// spans; the trie here matches the same words because units with the same
// bytes get the same symbol.
type dict struct {
	// units lists the text of every unit symbol; symbol 0 is "a unit that
	// is in no word", units[0] is empty.
	units []string
	// runeSym maps a unit that is one valid rune of the Basic Multilingual
	// Plane to its symbol; wideSym the other one-rune units, strSym the rest
	// (letter and digit runs of several runes, invalid bytes).
	runeSym []uint32
	wideSym map[rune]uint32
	strSym  map[string]uint32
	// maxStrUnit is the byte length of the longest unit in strSym: longer
	// runs of the text need no lookup.
	maxStrUnit int

	// The trie over unit symbols, as a double array: the child of node p
	// for symbol s (s > 0) is cell t = cells[p].base + s if cells[t].check
	// is p. Cell 0 is the root; a free cell has check -1, a node without
	// children base -1.
	cells []trieCell

	// Per word: the path cost gse gives it (Token.distance), whether it is
	// worth indexing (isWord), and its sub-words subs[subOff[w]:subOff[w+1]],
	// in the order Tokens emits them.
	dist    []float32
	isWord  []bool
	subOff  []uint32
	subs    []subword
	maxUnit int // the most units in a word
}

// trieCell is a node of the dictionary trie (see dict.cells), with the word
// that ends at it (word is -1 if none) and the word's path cost, so that a
// step down the trie reads one cell.
type trieCell struct {
	base, check int32
	word        int32
	dist        float32
}

// subword is a sub-word's byte span relative to the start of its word.
type subword struct {
	start, end uint16
}

// unitEnd returns the end of the text unit that starts at byte i of s, and
// whether the unit is a run of letters and digits (see dict).
func unitEnd(s string, i int) (end int, alnum bool) {
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z') {
				j++
				continue
			}
			break
		}
		if c >= 0xE0 { // three or four bytes: never in a run
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if size != 2 || !(unicode.IsLetter(r) || unicode.IsNumber(r)) {
			break
		}
		j += size
	}
	if j > i {
		return j, true
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size, false
}

// sym returns the symbol of the unit u, 0 if no word holds it.
func (d *dict) sym(u string) uint32 {
	if u[0] < utf8.RuneSelf {
		if len(u) == 1 {
			return d.runeSym[u[0]]
		}
	} else if r, size := utf8.DecodeRuneInString(u); size == len(u) && !(r == utf8.RuneError && size == 1) {
		if r < 0x10000 {
			return d.runeSym[r]
		}
		return d.wideSym[r]
	}
	if len(u) > d.maxStrUnit {
		return 0
	}
	return d.strSym[u]
}

// indexUnits builds the symbol lookup tables from d.units.
func (d *dict) indexUnits() {
	d.runeSym = make([]uint32, 0x10000)
	d.wideSym = make(map[rune]uint32)
	d.strSym = make(map[string]uint32)
	d.maxStrUnit = 0
	for i, u := range d.units {
		if i == 0 {
			continue
		}
		sym := uint32(i)
		r, size := utf8.DecodeRuneInString(u)
		switch {
		case size == len(u) && !(r == utf8.RuneError && size == 1) && r < 0x10000:
			d.runeSym[r] = sym
		case size == len(u) && !(r == utf8.RuneError && size == 1):
			d.wideSym[r] = sym
		default:
			d.strSym[u] = sym
			d.maxStrUnit = max(d.maxStrUnit, len(u))
		}
	}
}

// buildDict copies the dictionary of the loaded segmenter seg.
func buildDict(seg *gse.Segmenter) *dict {
	gd := seg.Dict
	logTotalFreq := float32(math.Log2(gd.TotalFreq()))

	// Split every word into units; number the units by decreasing number of
	// words that hold them, so that frequent units have small symbols and
	// their trie nodes lie close together.
	keys := make([][]string, len(gd.Tokens))
	unitCount := map[string]int{}
	for i := range gd.Tokens {
		key := gd.Tokens[i].Text()
		for j := 0; j < len(key); {
			end, _ := unitEnd(key, j)
			keys[i] = append(keys[i], key[j:end])
			unitCount[key[j:end]]++
			j = end
		}
	}
	d := &dict{units: []string{""}}
	for u := range unitCount {
		d.units = append(d.units, u)
	}
	slices.SortFunc(d.units[1:], func(a, b string) int {
		if unitCount[a] != unitCount[b] {
			return unitCount[b] - unitCount[a]
		}
		return strings.Compare(a, b)
	})
	symOf := make(map[string]uint32, len(d.units))
	for i, u := range d.units {
		symOf[u] = uint32(i)
	}

	// A trie with map children first, then renumbered breadth first.
	type tmpNode struct {
		children map[uint32]int
		word     int32
	}
	tmp := []tmpNode{{word: -1}}
	for i, key := range keys {
		if len(key) == 0 {
			continue // gse never looks up an empty word
		}
		d.maxUnit = max(d.maxUnit, len(key))
		n := 0
		for _, u := range key {
			s := symOf[u]
			c, ok := tmp[n].children[s]
			if !ok {
				c = len(tmp)
				tmp = append(tmp, tmpNode{word: -1})
				if tmp[n].children == nil {
					tmp[n].children = map[uint32]int{}
				}
				tmp[n].children[s] = c
			}
			n = c
		}
		if tmp[n].word >= 0 {
			continue // gse keeps the first of duplicated words
		}
		tok := &gd.Tokens[i]
		word := strings.Join(key, "")
		if len(word) > math.MaxUint16 {
			panic("analysis: dictionary word too long: " + word)
		}
		tmp[n].word = int32(len(d.isWord))
		d.dist = append(d.dist, logTotalFreq-float32(math.Log2(tok.Freq())))
		d.isWord = append(d.isWord, isWord(word))
		d.subOff = append(d.subOff, uint32(len(d.subs)))
		d.subs = appendDictSubwords(d.subs, tok, word, 0)
	}
	d.subOff = append(d.subOff, uint32(len(d.subs)))

	// Lay the trie out as a double array, breadth first: each node gets the
	// smallest base at which the cells of all its children are free.
	// nextFree[i] leads to the first free cell at or after i (with path
	// compression), so that the search skips filled stretches quickly.
	cells := []trieCell{{base: 0, check: -1, word: tmp[0].word}}
	nextFree := []int32{1} // the root's cell is taken
	ensure := func(n int) {
		for len(cells) < n {
			cells = append(cells, trieCell{base: -1, check: -1, word: -1})
			nextFree = append(nextFree, int32(len(nextFree)))
		}
	}
	var find func(i int32) int32
	find = func(i int32) int32 {
		ensure(int(i) + 1)
		if nextFree[i] == i {
			return i
		}
		r := find(nextFree[i])
		nextFree[i] = r
		return r
	}
	take := func(i int32) {
		ensure(int(i) + 2)
		nextFree[i] = i + 1
	}
	// Bases are chosen breadth first; the cell of a node follows from its
	// parent's base and is filled in afterwards.
	order := []int{0}
	for i := 0; i < len(order); i++ {
		for _, s := range slices.Sorted(maps.Keys(tmp[order[i]].children)) {
			order = append(order, tmp[order[i]].children[s])
		}
	}
	order = slices.DeleteFunc(order, func(n int) bool { return len(tmp[n].children) == 0 })
	bases := make([]int32, len(tmp))
	for i := range bases {
		bases[i] = -1
	}
	lo := int32(1) // searches start here; the free cells before it are sparse
	for _, n := range order {
		syms := slices.Sorted(maps.Keys(tmp[n].children))
		first := int32(syms[0])
		var base int32
		if len(syms) == 1 { // fits in any free cell
			bases[n] = find(max(1, first)) - first
			take(bases[n] + first)
			continue
		}
		tries := 0
		for p := find(lo); ; p = find(p + 1) {
			if tries++; tries%(1<<16) == 0 {
				lo = p
			}
			base = p - first
			if base < 0 {
				continue
			}
			fits := true
			for _, s := range syms[1:] {
				t := base + int32(s)
				ensure(int(t) + 1)
				if nextFree[t] != t {
					fits = false
					break
				}
			}
			if fits {
				break
			}
		}
		bases[n] = base
		for _, s := range syms {
			take(base + int32(s))
		}
	}
	type queued struct {
		old  int
		cell int32
	}
	queue := []queued{{0, 0}}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		base := bases[q.old]
		cells[q.cell].base = base
		for s, child := range tmp[q.old].children {
			t := base + int32(s)
			c := trieCell{base: -1, check: q.cell, word: tmp[child].word}
			if c.word >= 0 {
				c.dist = d.dist[c.word]
			}
			cells[t] = c
			queue = append(queue, queued{child, t})
		}
	}
	// Room for the largest symbol after any base, so that a lookup never
	// indexes past the end.
	maxBase := int32(0)
	for _, c := range cells {
		maxBase = max(maxBase, c.base)
	}
	ensure(int(maxBase) + len(d.units) + 1)
	d.cells = cells
	d.indexUnits()
	return d
}

// appendDictSubwords appends the sub-words that Tokens emits for the word
// tok, whose text word starts at byte base of its top-level word: gse's tree
// of search-mode sub-segments, depth first, without the sub-words that are
// not words and without single characters of two-character words.
func appendDictSubwords(subs []subword, tok *gse.Token, word string, base int) []subword {
	parentRunes := utf8.RuneCountInString(word)
	for _, sub := range tok.Segments() {
		term := word[sub.Start():sub.End()]
		if !isWord(term) {
			continue
		}
		if utf8.RuneCountInString(term) == 1 && parentRunes < 3 {
			continue
		}
		start, end := base+sub.Start(), base+sub.End()
		subs = append(subs, subword{uint16(start), uint16(end)})
		subs = appendDictSubwords(subs, sub.Token(), term, start)
	}
	return subs
}
