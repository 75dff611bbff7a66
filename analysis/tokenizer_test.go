package analysis

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// TestBleveAnalyzer builds the registered analyzer through bleve's registry,
// as an index mapping does, and checks the tokens it produces.
func TestBleveAnalyzer(t *testing.T) {
	analyzer, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatalf("AnalyzerNamed(%q): %v", AnalyzerName, err)
	}
	tests := []struct {
		text, want string
	}{
		{"人才引进", "人才"},
		{"人力资源市场暂行条例", "条例"},
		{"戶籍", "户籍"},
		{"ＡＢＣ１２３", "abc123"},
		{"社保", "社保"},
		{"税", "税"},
	}
	for _, tt := range tests {
		stream := analyzer.Analyze([]byte(tt.text))
		var got []string
		for _, tok := range stream {
			got = append(got, string(tok.Term))
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("analyzer %q on %q gave %q, want it to contain %q", AnalyzerName, tt.text, got, tt.want)
		}

		// The stream must be Tokens, token for token.
		plain := Tokens(tt.text)
		if len(stream) != len(plain) {
			t.Fatalf("%q: bleve gave %d tokens, Tokens %d", tt.text, len(stream), len(plain))
		}
		for i, tok := range stream {
			p := plain[i]
			if string(tok.Term) != p.Term || tok.Start != p.Start || tok.End != p.End || tok.Position != p.Position {
				t.Errorf("%q token %d: bleve %v, Tokens %+v", tt.text, i, tok, p)
			}
		}
	}
}

func TestBleveTokenizerRegistered(t *testing.T) {
	if _, err := registry.NewCache().TokenizerNamed(TokenizerName); err != nil {
		t.Fatalf("TokenizerNamed(%q): %v", TokenizerName, err)
	}
}
