package corpus

import (
	"strings"
	"testing"
)

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"一", 1, true},
		{"十", 10, true},
		{"十二", 12, true},
		{"二十", 20, true},
		{"一百零三", 103, true},
		{"一百一十", 110, true},
		{"两千零一十九", 2019, true},
		{"一千二百六十", 1260, true},
		{"一万零一", 10001, true},
		{"二〇一九", 2019, true},
		{"一九九五", 1995, true},
		{"697", 697, true},
		{"６９７", 697, true},
		{"", 0, false},
		{"十a", 0, false},
		{"第一", 0, false},
	}
	for _, tt := range tests {
		got, ok := ChineseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ChineseNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestFoldWidthAsRuneByRune checks foldWidth, on valid and invalid text,
// against folding one decoded character at a time (which also turns bad
// bytes into U+FFFD), written out here rather than taken from the code
// under test.
func TestFoldWidthAsRuneByRune(t *testing.T) {
	byRune := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r >= 0xFF01 && r <= 0xFF5E: // ！ to ～
				r -= 0xFEE0
			case r == 0x3000: // the ideographic space
				r = ' '
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	for _, s := range []string{
		"",
		"plain ASCII 2019",
		"国发〔２０１９〕５号",
		"第一条　为了规范（试行）ＡＢＣ～！",
		"ｅｎｄ：",
		"〇〈〉「」 unchanged U+3000 neighbours and \uff00\uff5f\uff60 outside the range",
		"bad \xff byte, cut \xef\xbc and \xe3\x80 sequences ２",
		strings.Repeat("人才引进　补贴１２３。", 1000),
	} {
		if got, want := foldWidth(s), byRune(s); got != want {
			t.Errorf("foldWidth(%.30q…) = %.30q…, want %.30q…", s, got, want)
		}
	}
}
