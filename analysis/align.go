package analysis

import "unicode/utf8"

// aligner maps byte offsets in normalized text back to byte offsets in the
// original text. Both texts have the same number of runes (see Normalize), so
// walking them rune by rune in step pairs up their offsets. Width folding
// changes byte lengths (， is 3 bytes, its folded , is 1), so the offsets
// differ and must be mapped.
//
// Offsets are asked for in increasing order of word start, so the aligner
// keeps a cursor and the whole mapping costs one pass over the text.
type aligner struct {
	orig, norm string
	same       bool // the texts are identical: offsets need no mapping
	n, o       int  // cursor: norm[:n] corresponds to orig[:o]
}

func newAligner(orig, norm string) *aligner {
	return &aligner{orig: orig, norm: norm, same: orig == norm}
}

// seek moves the cursor to normalized offset n, which must be a rune boundary
// at or after the cursor, and returns the matching original offset.
func (a *aligner) seek(n int) int {
	if a.same {
		return n
	}
	for a.n < n {
		_, ns := utf8.DecodeRuneInString(a.norm[a.n:])
		_, os := utf8.DecodeRuneInString(a.orig[a.o:])
		a.n += ns
		a.o += os
	}
	return a.o
}

// wordOffsets returns a function mapping normalized offsets inside the word
// norm[start:end] to original offsets. It does not move the cursor, so it can
// be called for sub-words in any order. Most words are byte-identical in both
// texts (Chinese characters are not changed by folding), and then the mapping
// is a plain shift.
func (a *aligner) wordOffsets(start, end int) func(n int) int {
	origStart := a.seek(start)
	if a.same {
		return func(n int) int { return n }
	}
	shift := origStart - start
	if end+shift <= len(a.orig) && a.orig[origStart:end+shift] == a.norm[start:end] {
		return func(n int) int { return n + shift }
	}
	return func(n int) int {
		i, o := start, origStart
		for i < n {
			_, ns := utf8.DecodeRuneInString(a.norm[i:])
			_, os := utf8.DecodeRuneInString(a.orig[o:])
			i += ns
			o += os
		}
		return o
	}
}
