package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNextSpaceAgreesWithIsSpace checks NextSpace on every code point of the
// Basic Multilingual Plane and a supplementary one, with text before and
// after it, and on invalid bytes.
func TestNextSpaceAgreesWithIsSpace(t *testing.T) {
	for r := rune(0); r <= 0x20000; r++ {
		if r == 0xFFFF+1 {
			r = 0x20000
		}
		if !utf8.ValidRune(r) {
			continue
		}
		s := "人才" + string(r) + "x"
		wantAt, wantSize := len(s), 0
		if unicode.IsSpace(r) {
			wantAt, wantSize = len("人才"), utf8.RuneLen(r)
		}
		if at, size := NextSpace(s, 0); at != wantAt || size != wantSize {
			t.Fatalf("NextSpace(%q) = %d, %d; want %d, %d", s, at, size, wantAt, wantSize)
		}
	}
	for _, s := range []string{"\xff", "\xe3\x80", "\xc2", "\xe3\x80x"} {
		if at, size := NextSpace(s, 0); at != len(s) || size != 0 {
			t.Errorf("NextSpace(%q) = %d, %d; want no space", s, at, size)
		}
	}
}

func TestNextSpaceWalksAllSpaces(t *testing.T) {
	s := " 第一条\u3000为了\n\n规范 Article\t1\u00a0"
	var runs []string
	for i := 0; i < len(s); {
		at, size := NextSpace(s, i)
		runs = append(runs, s[i:at])
		i = at + size
	}
	if got, want := strings.Join(runs, "|"), "|第一条|为了||规范|Article|1"; got != want {
		t.Errorf("text between spaces = %q, want %q", got, want)
	}
}

func TestCollapseSpaceAsFields(t *testing.T) {
	for _, s := range []string{
		"",
		"   ",
		"第一条　为了\n\n规范  <mark>人才</mark>\t引进。 ",
		"\u00a0lead\u0085and\u1680every\u2003other\u2028space\u202f\u205f\u3000kind ",
		"no spaces: 户籍、户口，补贴；补助",
		"\xff invalid \xe3\x80 bytes \xc2",
		"ＡＢＣ　ｄｅｆ", // full-width letters around an ideographic space
	} {
		if got, want := CollapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
