package analysis

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	blevean "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Word segmentation misses a query word that a document writes inside a
// different word, or that the dictionary splits differently (科技 in
// 科学技术, a name gse does not know). Overlapping character bigrams of the
// same normalized text catch those, so the engine indexes both and lets a
// bigram match count a little. The bigram field needs no highlighting, so
// its tokens carry no offsets.
const (
	// BigramTokenizerName is the bleve tokenizer emitting Bigrams.
	BigramTokenizerName = "zh_bigram"
	// BigramAnalyzerName is the bleve analyzer for the bigram fields.
	BigramAnalyzerName = "zh_bigram"
)

func init() {
	if err := registry.RegisterTokenizer(BigramTokenizerName, func(map[string]any, *registry.Cache) (blevean.Tokenizer, error) {
		return bigramTokenizer{}, nil
	}); err != nil {
		panic(fmt.Errorf("analysis: registering bleve tokenizer %q: %w", BigramTokenizerName, err))
	}
	if err := registry.RegisterAnalyzer(BigramAnalyzerName, func(_ map[string]any, cache *registry.Cache) (blevean.Analyzer, error) {
		t, err := cache.TokenizerNamed(BigramTokenizerName)
		if err != nil {
			return nil, err
		}
		return &blevean.DefaultAnalyzer{Tokenizer: t}, nil
	}); err != nil {
		panic(fmt.Errorf("analysis: registering bleve analyzer %q: %w", BigramAnalyzerName, err))
	}
}

// Bigrams returns the terms of the bigram analysis of text: after
// Normalize, every run of Han characters gives its overlapping pairs (a lone
// character gives itself), and every run of letters or digits gives itself.
func Bigrams(text string) []string {
	var out []string
	eachBigram(Normalize(text), func(term string) { out = append(out, term) })
	return out
}

// eachBigram calls emit for every bigram term of normalized text, in order.
func eachBigram(norm string, emit func(string)) {
	runStart, prev, prevSize := -1, -1, 0 // Han run start; previous Han rune's offset and size
	wordStart := -1                       // letter/digit run start
	for i, r := range norm + " " {        // the space ends the last run
		size := utf8.RuneLen(r)
		switch {
		case unicode.Is(unicode.Han, r):
			if wordStart >= 0 {
				emit(norm[wordStart:i])
				wordStart = -1
			}
			if runStart < 0 {
				runStart = i
			} else {
				emit(norm[prev : i+size])
			}
			prev, prevSize = i, size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if runStart >= 0 && prev == runStart {
				emit(norm[runStart : runStart+prevSize])
			}
			runStart = -1
			if wordStart < 0 {
				wordStart = i
			}
		default:
			if runStart >= 0 && prev == runStart {
				emit(norm[runStart : runStart+prevSize])
			}
			runStart = -1
			if wordStart >= 0 {
				emit(norm[wordStart:i])
				wordStart = -1
			}
		}
	}
}

// bigramTokenizer is the bleve tokenizer registered as BigramTokenizerName.
type bigramTokenizer struct{}

// Tokenize implements bleve's analysis.Tokenizer.
func (bigramTokenizer) Tokenize(input []byte) blevean.TokenStream {
	var stream blevean.TokenStream
	pos := 0
	eachBigram(Normalize(string(input)), func(term string) {
		pos++
		stream = append(stream, &blevean.Token{Term: []byte(term), Position: pos, Type: blevean.Ideographic})
	})
	return stream
}
