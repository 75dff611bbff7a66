package analysis

import (
	"fmt"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"

	blevean "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
)

// frequencyOptions are the field options the frequencies are checked with:
// the schema's text fields (stored, with term vectors), its bigram fields
// (indexed only), and the option that drops counts.
var frequencyOptions = []index.FieldIndexingOptions{
	index.IndexField | index.StoreField | index.IncludeTermVectors,
	index.IndexField,
	index.IndexField | index.IncludeTermVectors | index.SkipFreqNorm,
}

// compareFrequencies checks that Frequencies and BigramFrequencies give
// exactly what bleve makes of the registered analyzers' streams.
func compareFrequencies(t *testing.T, name, text string) {
	t.Helper()
	cache := registry.NewCache()
	arrayPositions := []uint64{2}
	for _, c := range []struct {
		analyzer string
		freqs    func(string, []uint64, index.FieldIndexingOptions) (int, index.TokenFrequencies)
	}{
		{AnalyzerName, Frequencies},
		{BigramAnalyzerName, BigramFrequencies},
	} {
		analyzer, err := cache.AnalyzerNamed(c.analyzer)
		if err != nil {
			t.Fatal(err)
		}
		for _, opts := range frequencyOptions {
			stream := analyzer.Analyze([]byte(text))
			want := blevean.TokenFrequency(stream, arrayPositions, opts)
			n, got := c.freqs(text, arrayPositions, opts)
			if n != len(stream) {
				t.Errorf("%s, %s: %d tokens, bleve %d", name, c.analyzer, n, len(stream))
			}
			if len(got) != len(want) {
				t.Errorf("%s, %s: %d terms, bleve %d", name, c.analyzer, len(got), len(want))
				continue
			}
			for term, w := range want {
				g := got[term]
				if g == nil || string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || !reflect.DeepEqual(g.Locations, w.Locations) {
					t.Errorf("%s, %s, options %v: term %q is %s, bleve %s", name, c.analyzer, opts, term, describeFreq(g), describeFreq(w))
					break
				}
			}
		}
	}
}

func TestCounts(t *testing.T) {
	texts := testTexts(t, 0)
	for _, text := range texts {
		if got, want := TokenCount(text), len(Tokens(text)); got != want {
			t.Errorf("TokenCount(%.40q) = %d, want %d", text, got, want)
		}
		if got, want := BigramCount(text), len(Bigrams(text)); got != want {
			t.Errorf("BigramCount(%.40q) = %d, want %d", text, got, want)
		}
	}
}

func describeFreq(tf *index.TokenFreq) string {
	if tf == nil {
		return "missing"
	}
	s := fmt.Sprintf("%q x%d", tf.Term, tf.Frequency())
	for _, l := range tf.Locations {
		s += fmt.Sprintf(" %+v", *l)
	}
	return s
}

func TestFrequenciesMatchBleve(t *testing.T) {
	texts := testTexts(t, 0)
	for _, text := range texts {
		compareFrequencies(t, fmt.Sprintf("%.40q", text), text)
	}
	for i, f := range readCorpusOrNil(t) {
		if i%25 == 0 {
			compareFrequencies(t, f.path, f.text)
		}
	}
}

// refBigrams is the first implementation of the bigram analysis, kept to
// check the current one against.
func refBigrams(text string) []string {
	var out []string
	norm := Normalize(text)
	runStart, prev, prevSize := -1, -1, 0
	wordStart := -1
	for i, r := range norm + " " {
		size := utf8.RuneLen(r)
		switch {
		case unicode.Is(unicode.Han, r):
			if wordStart >= 0 {
				out = append(out, norm[wordStart:i])
				wordStart = -1
			}
			if runStart < 0 {
				runStart = i
			} else {
				out = append(out, norm[prev:i+size])
			}
			prev, prevSize = i, size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if runStart >= 0 && prev == runStart {
				out = append(out, norm[runStart:runStart+prevSize])
			}
			runStart = -1
			if wordStart < 0 {
				wordStart = i
			}
		default:
			if runStart >= 0 && prev == runStart {
				out = append(out, norm[runStart:runStart+prevSize])
			}
			runStart = -1
			if wordStart >= 0 {
				out = append(out, norm[wordStart:i])
				wordStart = -1
			}
		}
	}
	return out
}

func TestBigramsMatchReference(t *testing.T) {
	texts := testTexts(t, 10)
	for _, text := range texts {
		if got, want := Bigrams(text), refBigrams(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%.40q: Bigrams gave %d terms, reference %d", text, len(got), len(want))
		}
	}
}
