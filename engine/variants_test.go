package engine

import (
	"slices"
	"strings"
	"testing"

	"policysearch/analysis"
)

func TestVariants(t *testing.T) {
	ix := &Index{synonyms: analysis.DefaultSynonyms()}
	tests := []struct {
		term string
		want []string // each must be among the variants
	}{
		{"科技进步条例", []string{"科技进步条例", "科学技术进步条例"}}, // inside a word the segmenter keeps whole
		{"网购", []string{"网购", "网络购物"}},             // a word the segmenter cuts into characters
		{"户口", []string{"户口", "户籍"}},               // the whole term
		{"ＡＢＣ", []string{"abc"}},                   // normalized first
	}
	for _, tt := range tests {
		got := ix.variants(tt.term)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("variants(%q) = %q, lacks %q", tt.term, got, w)
			}
		}
		if got[0] != analysis.Normalize(tt.term) {
			t.Errorf("variants(%q) should start with the term itself, got %q", tt.term, got)
		}
	}
	long := strings.Repeat("户口社保公积金", 4)
	if got := ix.variants(long); len(got) > maxVariants {
		t.Errorf("variants of a long term: %d, want at most %d", len(got), maxVariants)
	}
	if got := ix.variants("条例"); len(got) != 1 {
		t.Errorf("a term without synonyms should have no variants, got %q", got)
	}
}
