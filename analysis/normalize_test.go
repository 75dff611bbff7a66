package analysis

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Ａ１", "a1"},
		{"ＡＢＣ１２３", "abc123"},
		{"HPV疫苗", "hpv疫苗"},
		{"社保\u3000补贴", "社保 补贴"}, // ideographic space
		{"（一）", "(一)"},          // full-width punctuation
		{"戶籍", "户籍"},
		{"戶籍管理條例", "户籍管理条例"},
		{"乾燥", "干燥"},   // phrase-level conversion…
		{"乾隆", "乾隆"},   // …keeps 乾 in a name
		{"二噁英", "二𫫇英"}, // same rune count, different byte length
		{"〔2019〕5号", "〔2019〕5号"},
		{"already simple", "already simple"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeKeepsRuneCountAndIsIdempotent(t *testing.T) {
	for _, s := range append(realSentences, "Ａ\xffＢ", "İSTANBUL ǅ ﾊﾟ") {
		n := Normalize(s)
		if utf8.RuneCountInString(n) != utf8.RuneCountInString(s) {
			t.Errorf("Normalize(%q) = %q changes the rune count", s, n)
		}
		if again := Normalize(n); again != n {
			t.Errorf("Normalize is not idempotent on %q: %q then %q", s, n, again)
		}
	}
}

func TestKeepLength(t *testing.T) {
	tests := []struct {
		run, converted, want string
	}{
		{"戶籍", "户籍", "户籍"},   // same length: take opencc's phrase result
		{"戶籍", "户口簿册", "户籍"}, // length changed: per-character conversion
		{"乾隆", "乾隆", "乾隆"},
	}
	for _, tt := range tests {
		if got := keepLength(tt.run, tt.converted); got != tt.want {
			t.Errorf("keepLength(%q, %q) = %q, want %q", tt.run, tt.converted, got, tt.want)
		}
	}
}
