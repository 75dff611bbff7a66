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
	return AppendBigrams(nil, text)
}

// AppendBigrams appends the terms of Bigrams(text) to dst and returns the
// extended slice, for callers that reuse one buffer over many texts.
func AppendBigrams(dst []string, text string) []string {
	return AppendNormalizedBigrams(dst, Normalize(text))
}

// AppendNormalizedBigrams is AppendBigrams for text already normalized
// (norm is Normalize(text)); the terms are substrings of norm.
func AppendNormalizedBigrams(dst []string, norm string) []string {
	eachBigram(norm, func(start, end int) { dst = append(dst, norm[start:end]) })
	return dst
}

// eachBigram calls emit with the offsets of every bigram term of normalized
// text, in order.
func eachBigram(norm string, emit func(start, end int)) {
	runStart, prev, prevSize := -1, -1, 0 // Han run start; previous Han rune's offset and size
	wordStart := -1                       // letter/digit run start
	// endRun closes the Han run: a lone character is a term of its own.
	endRun := func() {
		if runStart >= 0 && prev == runStart {
			emit(runStart, runStart+prevSize)
		}
		runStart = -1
	}
	for i := 0; i < len(norm); {
		r, size := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(norm[i:])
		}
		switch {
		case isHan(r):
			if wordStart >= 0 {
				emit(wordStart, i)
				wordStart = -1
			}
			if runStart < 0 {
				runStart = i
			} else {
				emit(prev, i+size)
			}
			prev, prevSize = i, size
		case isLetterOrDigit(r):
			endRun()
			if wordStart < 0 {
				wordStart = i
			}
		default:
			endRun()
			if wordStart >= 0 {
				emit(wordStart, i)
				wordStart = -1
			}
		}
		i += size
	}
	endRun()
	if wordStart >= 0 {
		emit(wordStart, len(norm))
	}
}

// isHan is unicode.Is(unicode.Han, r) with a shortcut for the CJK Unified
// Ideographs block, which is all Han and holds nearly every character of
// the corpus.
func isHan(r rune) bool {
	if 0x4E00 <= r && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// isLetterOrDigit is unicode.IsLetter(r) || unicode.IsDigit(r), with a
// shortcut for ASCII.
func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// bigramTokenizer is the bleve tokenizer registered as BigramTokenizerName.
type bigramTokenizer struct{}

// Tokenize implements bleve's analysis.Tokenizer.
func (bigramTokenizer) Tokenize(input []byte) blevean.TokenStream {
	var stream blevean.TokenStream
	pos := 0
	norm := Normalize(string(input))
	eachBigram(norm, func(start, end int) {
		pos++
		stream = append(stream, &blevean.Token{Term: []byte(norm[start:end]), Position: pos, Type: blevean.Ideographic})
	})
	return stream
}
