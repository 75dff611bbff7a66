package engine

import (
	"unicode/utf8"

	"policysearch/analysis"
)

// Synonyms are looked up for whole query terms, for their words, and here
// for any stretch inside a term: the segmenter keeps 科技进步 as one word
// and cuts 网购 into 网 and 购, so neither 科技 nor 网购 would be seen as a
// word. Each stretch of two to maxSynonymRunes characters that has
// equivalents gives a variant of the term with the stretch replaced.
const (
	maxSynonymRunes = 6
	maxVariants     = 8
)

// variants returns the normalized term first, then its equivalents: the
// whole term's synonyms and the term with an inner stretch replaced by one
// of its synonyms, without repeats, at most maxVariants in all.
func (ix *Index) variants(text string) []string {
	norm := analysis.Normalize(text)
	out := []string{norm}
	seen := map[string]bool{norm: true}
	add := func(v string) {
		if !seen[v] && len(out) < maxVariants {
			seen[v] = true
			out = append(out, v)
		}
	}
	for _, syn := range ix.synonyms.Expand(norm) {
		add(syn)
	}
	for start := 0; start < len(norm); {
		_, size := utf8.DecodeRuneInString(norm[start:])
		end := start + size
		for n := 1; n < maxSynonymRunes && end < len(norm); n++ {
			_, s := utf8.DecodeRuneInString(norm[end:])
			end += s
			if start == 0 && end == len(norm) {
				continue // the whole term, done above
			}
			for _, syn := range ix.synonyms.Expand(norm[start:end]) {
				add(norm[:start] + syn + norm[end:])
			}
		}
		start += size
	}
	return out
}
