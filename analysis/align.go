package analysis

import "unicode/utf8"

// aligner maps byte offsets in normalized text back to byte offsets in the
// original text. Both texts have the same number of runes (see Normalize), so
// rune i of one pairs up with rune i of the other. Width folding changes byte
// lengths (， is 3 bytes, its folded , is 1), so the offsets differ and must
// be mapped.
//
// When folding alone made the normalized text, the aligner knows where byte
// lengths changed (the breaks recorded by foldBreaks), and an offset maps by
// adding the delta of the last break before it. After a traditional to
// simplified conversion it walks both texts rune by rune instead.
//
// Offsets are asked for in increasing order of word start, so the aligner
// keeps a cursor and the whole mapping costs one pass over the text.
type aligner struct {
	orig, norm string
	walk       bool          // map by walking the texts rune by rune
	breaks     []lengthBreak // if !walk: where the delta changes
	b          int           // if !walk: breaks[:b] are at or before the cursor
	n, o       int           // cursor: norm[:n] corresponds to orig[:o]
}

// seek moves the cursor to normalized offset n, which must be a rune boundary
// at or after the cursor, and returns the matching original offset.
func (a *aligner) seek(n int) int {
	if !a.walk {
		for a.b < len(a.breaks) && a.breaks[a.b].n <= n {
			a.b++
		}
		a.n, a.o = n, n
		if a.b > 0 {
			a.o += a.breaks[a.b-1].delta
		}
		return a.o
	}
	for a.n < n {
		_, ns := utf8.DecodeRuneInString(a.norm[a.n:])
		_, os := utf8.DecodeRuneInString(a.orig[a.o:])
		a.n += ns
		a.o += os
	}
	return a.o
}

// word returns the mapping of normalized offsets inside the word
// norm[start:end] to original offsets. It moves the cursor to start; the
// mapping can then be asked for sub-word offsets in any order. Most words are
// mapped by a plain shift: Chinese characters keep their length under
// folding.
func (a *aligner) word(start, end int) wordMap {
	origStart := a.seek(start)
	shift := origStart - start
	if !a.walk {
		if a.b == len(a.breaks) || a.breaks[a.b].n > end {
			return wordMap{shifted: true, shift: shift}
		}
	} else if end+shift <= len(a.orig) && a.orig[origStart:end+shift] == a.norm[start:end] {
		return wordMap{shifted: true, shift: shift}
	}
	return wordMap{a: a, start: start, origStart: origStart}
}

// wordMap maps the normalized offsets inside one word; see aligner.word.
type wordMap struct {
	shifted          bool // offsets map by adding shift
	shift            int
	a                *aligner
	start, origStart int
}

// at returns the original offset of normalized offset n.
func (w wordMap) at(n int) int {
	if w.shifted {
		return n + w.shift
	}
	a := w.a
	if !a.walk {
		b := a.b
		for b < len(a.breaks) && a.breaks[b].n <= n {
			b++
		}
		if b == 0 {
			return n
		}
		return n + a.breaks[b-1].delta
	}
	i, o := w.start, w.origStart
	for i < n {
		_, ns := utf8.DecodeRuneInString(a.norm[i:])
		_, os := utf8.DecodeRuneInString(a.orig[o:])
		i += ns
		o += os
	}
	return o
}
