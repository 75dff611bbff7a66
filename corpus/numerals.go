package corpus

import (
	"strings"
	"unicode/utf8"
)

// chineseDigits maps the digit characters of Chinese numerals (and ASCII and
// full-width digits, which documents mix freely) to their values.
var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '○': 0, 'O': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseUnits maps the small multiplier characters to their values.
var chineseUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// ChineseNumber parses a non-negative integer written in Chinese numerals,
// such as 十二, 一百零三, 两千零一十九, or digit by digit as in years (二〇一九).
// ASCII and full-width Arabic digits are accepted too. It reports false when
// s is empty or holds anything else.
func ChineseNumber(s string) (int, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return 0, false
	}
	if isASCIIDigits(s) {
		return atoi(s), true
	}
	hasUnit := strings.ContainsAny(s, "十百千万")
	if !hasUnit {
		// Digit-by-digit form: 二〇一九 → 2019.
		n := 0
		for _, r := range s {
			d, ok := chineseDigits[r]
			if !ok {
				return 0, false
			}
			n = n*10 + d
		}
		return n, true
	}
	total, section, digit := 0, 0, 0
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			digit = d
			continue
		}
		if u, ok := chineseUnits[r]; ok {
			if digit == 0 && u == 10 {
				digit = 1 // 十二 means 一十二
			}
			section += digit * u
			digit = 0
			continue
		}
		if r == '万' {
			total += (section + digit) * 10000
			section, digit = 0, 0
			continue
		}
		return 0, false
	}
	return total + section + digit, true
}

// isASCIIDigits reports whether s is a non-empty run of ASCII digits.
func isASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts a run of ASCII digits; callers check isASCIIDigits first.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// foldWidth turns full-width ASCII variants (Ａ, １, ［ …) into ASCII and the
// ideographic space into a plain space, so patterns need only one spelling.
// It runs over whole bodies, so it copies the text between the characters it
// changes instead of rewriting every character: in valid UTF-8 those
// characters (U+3000, U+FF01–U+FF5E) are the only ones that start with the
// bytes 0xE3 or 0xEF and fold to one byte. Text that is not valid UTF-8 takes
// the rune-by-rune path, which also turns bad bytes into U+FFFD.
func foldWidth(s string) string {
	if !utf8.ValidString(s) {
		return foldWidthRunes(s)
	}
	var b strings.Builder
	copied := 0 // s[:copied] is in b
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != 0xE3 && c != 0xEF {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		folded, ok := foldedWidth(r)
		if !ok {
			continue
		}
		if copied == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[copied:i])
		b.WriteByte(folded)
		i += size - 1
		copied = i + 1
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// foldedWidth is the ASCII form of a full-width variant or the ideographic
// space.
func foldedWidth(r rune) (byte, bool) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return byte(r - 0xFEE0), true
	case r == 0x3000:
		return ' ', true
	}
	return 0, false
}

// foldWidthRunes is foldWidth one character at a time.
func foldWidthRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if folded, ok := foldedWidth(r); ok {
			r = rune(folded)
		}
		b.WriteRune(r)
	}
	return b.String()
}
