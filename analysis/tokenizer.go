package analysis

import (
	"fmt"
	"unicode"
	"unsafe"

	blevean "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which this package registers itself in bleve's registry. Use
// AnalyzerName as the analyzer of Chinese text fields in an index mapping,
// and for the queries against them.
//
// There is no separate query analyzer: queries are analyzed with the same
// search-mode analyzer as documents. Index and query text are then segmented
// by the same code, so a query word produces exactly the tokens (word plus
// sub-words, at one position) that the same word produced in a document, and
// bleve's phrase queries, which treat tokens at one position as alternatives,
// still match.
const (
	// TokenizerName is the bleve tokenizer that normalizes and segments text
	// (see Tokens).
	TokenizerName = "gse"
	// AnalyzerName is the bleve analyzer for Chinese text: the gse tokenizer
	// with no filters, because the tokenizer already normalizes terms and
	// drops punctuation. It has no stop words on purpose: short queries like
	// 社保 or 税 must keep their tokens.
	AnalyzerName = "zh"
)

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, newTokenizer); err != nil {
		panic(fmt.Errorf("analysis: registering bleve tokenizer %q: %w", TokenizerName, err))
	}
	if err := registry.RegisterAnalyzer(AnalyzerName, newAnalyzer); err != nil {
		panic(fmt.Errorf("analysis: registering bleve analyzer %q: %w", AnalyzerName, err))
	}
}

// Tokenizer is the bleve tokenizer registered as TokenizerName. It produces
// the tokens of Tokens, with offsets into the input bytes.
type Tokenizer struct{}

// newTokenizer is the registry constructor; it loads the segmenter so that a
// loading error surfaces when the index mapping is built.
func newTokenizer(map[string]any, *registry.Cache) (blevean.Tokenizer, error) {
	if err := Load(); err != nil {
		return nil, err
	}
	return Tokenizer{}, nil
}

// newAnalyzer is the registry constructor of the AnalyzerName analyzer.
func newAnalyzer(_ map[string]any, cache *registry.Cache) (blevean.Analyzer, error) {
	tokenizer, err := cache.TokenizerNamed(TokenizerName)
	if err != nil {
		return nil, fmt.Errorf("analysis: building analyzer %q: %w", AnalyzerName, err)
	}
	return &blevean.DefaultAnalyzer{Tokenizer: tokenizer}, nil
}

// Tokenize implements bleve's analysis.Tokenizer. It builds the stream
// straight from the analysis, with three allocations: the tokens, the
// pointers to them, and the bytes of all their terms.
func (Tokenizer) Tokenize(input []byte) blevean.TokenStream {
	// The input is only read during the call, and no token keeps a part of
	// it (terms are copied), so it can be used as a string without a copy.
	text := unsafe.String(unsafe.SliceData(input), len(input))
	a := getAnalyzer()
	defer putAnalyzer(a)
	norm, raw := a.run(text, true)

	termBytes := 0
	for _, t := range raw {
		termBytes += t.ne - t.ns
	}
	terms := make([]byte, 0, termBytes)
	tokens := make([]blevean.Token, len(raw))
	stream := make(blevean.TokenStream, len(raw))
	for i, t := range raw {
		start := len(terms)
		terms = append(terms, norm[t.ns:t.ne]...)
		term := terms[start:len(terms):len(terms)]
		tokens[i] = blevean.Token{
			Start:    t.start,
			End:      t.end,
			Term:     term,
			Position: t.pos,
			Type:     tokenType(term),
		}
		stream[i] = &tokens[i]
	}
	return stream
}

// tokenType classifies a term the way bleve's own tokenizers do.
func tokenType(term []byte) blevean.TokenType {
	numeric := true
	for _, r := range string(term) {
		if (0x4E00 <= r && r <= 0x9FFF) || unicode.Is(unicode.Han, r) {
			return blevean.Ideographic
		}
		if !unicode.IsDigit(r) {
			numeric = false
		}
	}
	if numeric {
		return blevean.Numeric
	}
	return blevean.AlphaNumeric
}
