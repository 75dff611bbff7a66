package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CollapseSpace trims s and turns each run of white space in it into one
// space (what strings.Join(strings.Fields(s), " ") gives, without splitting
// s into fields or decoding every character).
func CollapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		at, size := NextSpace(s, i)
		if at > i {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[i:at])
		}
		i = at + size
	}
	return b.String()
}

// NextSpace returns the byte offset and length of the first white-space
// character (unicode.IsSpace) of s at or after byte i, or len(s) and 0 when
// there is none. It is fast on Chinese text, where passes that drop or fold
// white space run over whole bodies: no UTF-8 continuation byte can start a
// space, and the non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000–U+205F,
// U+3000) start with 0xC2, 0xE1, 0xE2 or 0xE3, so only those few bytes are
// decoded.
func NextSpace(s string, i int) (at, size int) {
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			return i, 1
		case 0xC2, 0xE1, 0xE2, 0xE3:
			if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return i, size
			}
		}
	}
	return len(s), 0
}
