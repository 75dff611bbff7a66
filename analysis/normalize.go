package analysis

import (
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/width"
)

// Normalize returns the form of s used for matching: full-width letters,
// digits, punctuation and the ideographic space folded to their ASCII forms,
// letters lowercased, and traditional Chinese converted to simplified
// (Ａ１ → a1, 戶籍 → 户籍). Use it for query strings and keyword fields.
//
// The result has exactly as many runes as s, and rune i of the result is the
// normalized form of rune i of s; the tokenizer relies on this to map token
// offsets back to the original text. Normalize is idempotent.
func Normalize(s string) string {
	if err := loadT2S(); err != nil {
		panic(err)
	}
	folded, hasTrad := foldString(s)
	if hasTrad {
		folded = toSimplified(folded)
	}
	return folded
}

// foldString applies foldRune to every rune of s and reports whether s holds
// a traditional character. It returns s itself when nothing changes, which
// is the common case for lowercase ASCII and already-simplified text without
// full-width forms.
func foldString(s string) (folded string, hasTrad bool) {
	folded, hasTrad, _ = foldBreaks(s, nil)
	return folded, hasTrad
}

// lengthBreak records where folding changed a rune's byte length: from byte
// n of the folded text on (until the next break), original offsets are
// folded offsets plus delta.
type lengthBreak struct {
	n, delta int
}

// Bits of foldInfo.
const (
	foldChanges = 1 << iota // foldRune changes the rune
	foldTrad                // the rune is a traditional character
)

// foldInfo caches, for each rune of the Basic Multilingual Plane, whether
// foldRune changes it and whether it is traditional. It is built with the
// t2s tables (see loadT2S); until then it is nil and folding asks foldRune
// and isTraditional for every non-ASCII rune.
var foldInfo atomic.Pointer[[0x10000]uint8]

// buildFoldInfo computes foldInfo; it needs t2sChar.
func buildFoldInfo() *[0x10000]uint8 {
	info := new([0x10000]uint8)
	for r := rune(0); r < 0x10000; r++ {
		if foldRune(r) != r {
			info[r] |= foldChanges
		}
		if isTraditional(r) {
			info[r] |= foldTrad
		}
	}
	return info
}

// foldBreaks is foldString that also appends to breaks every place where the
// folded text's byte offsets start to differ from those of s by a new amount
// (see lengthBreak), and returns breaks.
func foldBreaks(s string, breaks []lengthBreak) (folded string, hasTrad bool, _ []lengthBreak) {
	info := foldInfo.Load()
	var buf []byte // stays nil until the first rune that changes
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if buf == nil {
					buf = make([]byte, 0, len(s))
					buf = append(buf, s[:i]...)
				}
				c += 'a' - 'A'
			}
			if buf != nil {
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f := r
		if info != nil && r < 0x10000 {
			fl := info[r]
			if fl&foldTrad != 0 {
				hasTrad = true
			}
			if fl&foldChanges != 0 {
				f = foldRune(r)
			}
		} else {
			if isTraditional(r) {
				hasTrad = true
			}
			f = foldRune(r)
		}
		if buf == nil && f == r {
			i += size
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(s))
			buf = append(buf, s[:i]...)
		}
		before := len(buf)
		buf = utf8.AppendRune(buf, f)
		i += size
		if len(buf)-before != size {
			breaks = append(breaks, lengthBreak{n: len(buf), delta: i - len(buf)})
		}
	}
	if buf == nil {
		return s, hasTrad, breaks
	}
	// buf is not used after this, so the string can share its bytes.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), hasTrad, breaks
}

// foldRune maps one rune to its half-width, lowercase form. It always returns
// exactly one rune, which keeps normalized text rune-aligned with the original.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	return unicode.ToLower(r)
}
