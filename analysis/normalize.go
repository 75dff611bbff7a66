package analysis

import (
	"unicode"
	"unicode/utf8"

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
	var buf []byte // stays nil until the first rune that changes
	for i, r := range s {
		if r >= utf8.RuneSelf && isTraditional(r) {
			hasTrad = true
		}
		f := foldRune(r)
		if buf == nil && f == r {
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(s))
			buf = append(buf, s[:i]...)
		}
		buf = utf8.AppendRune(buf, f)
	}
	if buf == nil {
		return s, hasTrad
	}
	return string(buf), hasTrad
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
