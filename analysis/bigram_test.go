package analysis

import (
	"reflect"
	"testing"
)

func TestBigrams(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"科学技术", []string{"科学", "学技", "技术"}},
		{"税", []string{"税"}},
		{"个人所得税、税", []string{"个人", "人所", "所得", "得税", "税"}},
		{"戶籍ＡＢＣ１２３", []string{"户籍", "abc123"}},
		{"国发〔2019〕5号", []string{"国发", "2019", "5", "号"}},
		{"", nil},
		{"，。！", nil},
	}
	for _, tt := range tests {
		if got := Bigrams(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Bigrams(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBigramTokenizerMatchesBigrams(t *testing.T) {
	text := "上海市科学技术进步条例（2024年修订）"
	stream := bigramTokenizer{}.Tokenize([]byte(text))
	want := Bigrams(text)
	if len(stream) != len(want) {
		t.Fatalf("%d tokens, want %d", len(stream), len(want))
	}
	for i, tok := range stream {
		if string(tok.Term) != want[i] || tok.Position != i+1 {
			t.Errorf("token %d = %q at %d, want %q at %d", i, tok.Term, tok.Position, want[i], i+1)
		}
	}
}
