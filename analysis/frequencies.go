package analysis

import (
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// At index time bleve turns each field's token stream into term frequencies
// (every term with its count and token locations) and drops the stream.
// Building the frequencies straight from the analysis gives the same map
// with a fraction of the allocations, which the indexer spends most of its
// analysis time and memory on: the map keys and terms share one copy of the
// normalized text, and the term entries and locations are carved from a few
// large slices instead of being allocated one by one.

// Frequencies analyzes text as the AnalyzerName analyzer does and returns
// the number of tokens and what bleve's analysis.TokenFrequency makes of
// them for a field with arrayPositions and options.
func Frequencies(text string, arrayPositions []uint64, options index.FieldIndexingOptions) (int, index.TokenFrequencies) {
	a := getAnalyzer()
	defer putAnalyzer(a)
	norm, raw := a.run(text, true)
	b := newFreqBuilder(norm, len(raw), &a.freqToks, options)
	for _, t := range raw {
		b.add(t.ns, t.ne, t.start, t.end, t.pos)
	}
	return len(raw), b.finish(arrayPositions)
}

// BigramFrequencies is Frequencies for the BigramAnalyzerName analyzer,
// whose tokens carry positions but no offsets.
func BigramFrequencies(text string, arrayPositions []uint64, options index.FieldIndexingOptions) (int, index.TokenFrequencies) {
	norm := Normalize(text)
	a := getAnalyzer()
	defer putAnalyzer(a)
	// A text has fewer bigrams than characters.
	b := newFreqBuilder(norm, utf8.RuneCountInString(norm), &a.freqToks, options)
	pos := 0
	eachBigram(norm, func(start, end int) {
		pos++
		b.add(start, end, 0, 0, pos)
	})
	return pos, b.finish(arrayPositions)
}

// TokenCount returns len(Tokens(text)) without making the tokens.
func TokenCount(text string) int {
	a := getAnalyzer()
	defer putAnalyzer(a)
	_, raw := a.run(text, true)
	return len(raw)
}

// BigramCount returns len(Bigrams(text)) without making the terms.
func BigramCount(text string) int {
	count := 0
	eachBigram(Normalize(text), func(int, int) { count++ })
	return count
}

// freqBuilder collects the term frequencies of one field.
type freqBuilder struct {
	keys      string // the normalized text; keys are substrings of it
	terms     []byte // a copy of it for the terms' bytes
	remaining int    // at least the tokens still to come, which bounds the new terms
	freqs     index.TokenFrequencies
	slab      []index.TokenFreq
	locations bool
	countFreq bool
	toks      *[]freqToken // per token, when locations are kept
}

// freqToken is a token whose location is added once every term's count is
// known, so that each term's locations fit one exactly sized slice.
type freqToken struct {
	tf              *index.TokenFreq
	start, end, pos int
}

// newFreqBuilder returns a builder for the tokens of norm, of which there
// are at most tokens.
func newFreqBuilder(norm string, tokens int, toks *[]freqToken, options index.FieldIndexingOptions) *freqBuilder {
	b := &freqBuilder{
		keys:      norm,
		terms:     []byte(norm),
		remaining: tokens,
		// Distinct terms are about a third of a long text's tokens; a low
		// guess costs a map growth, a high one memory held until the
		// segment is built.
		freqs:     make(index.TokenFrequencies, tokens/4),
		locations: options.IncludeTermVectors(),
		countFreq: !options.SkipFreqNorm(),
		toks:      toks,
	}
	if b.locations {
		*toks = (*toks)[:0]
	}
	return b
}

// add counts the token norm[ns:ne] with its offsets and position.
func (b *freqBuilder) add(ns, ne, start, end, pos int) {
	key := b.keys[ns:ne]
	tf, ok := b.freqs[key]
	if !ok {
		if len(b.slab) == 0 {
			// Chunks grow with the terms found so far, and never beyond
			// the tokens left.
			b.slab = make([]index.TokenFreq, min(b.remaining, max(64, len(b.freqs))))
		}
		tf = &b.slab[0]
		b.slab = b.slab[1:]
		tf.Term = b.terms[ns:ne:ne]
		b.freqs[key] = tf
	}
	b.remaining--
	if b.countFreq || b.locations {
		// With locations the count also sizes the term's location slice.
		tf.SetFrequency(tf.Frequency() + 1)
	}
	if b.locations {
		*b.toks = append(*b.toks, freqToken{tf: tf, start: start, end: end, pos: pos})
	}
}

// finish adds the locations and returns the frequencies.
func (b *freqBuilder) finish(arrayPositions []uint64) index.TokenFrequencies {
	if !b.locations {
		return b.freqs
	}
	toks := *b.toks
	locs := make([]index.TokenLocation, len(toks))
	ptrs := make([]*index.TokenLocation, len(toks))
	next := 0
	for i, t := range toks {
		locs[i] = index.TokenLocation{ArrayPositions: arrayPositions, Start: t.start, End: t.end, Position: t.pos}
		if t.tf.Locations == nil {
			n := t.tf.Frequency()
			t.tf.Locations = ptrs[next : next : next+n]
			next += n
		}
		t.tf.Locations = append(t.tf.Locations, &locs[i])
	}
	if !b.countFreq {
		for _, tf := range b.freqs {
			tf.SetFrequency(0)
		}
	}
	clear(toks) // the pool must not keep the frequencies alive
	*b.toks = toks[:0]
	return b.freqs
}
