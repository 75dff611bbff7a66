package analysis

// This file keeps the first implementation of the analysis chain (gse's
// Segment on the whole normalized text, the closure-based aligner and the
// map-based folding) as the reference that the fast implementation must
// reproduce token for token; see equivalence_test.go.

import (
	"unicode"
	"unicode/utf8"

	blevean "github.com/blevesearch/bleve/v2/analysis"
	"github.com/go-ego/gse"
)

// refNormalize is Normalize as first written.
func refNormalize(s string) string {
	if err := loadT2S(); err != nil {
		panic(err)
	}
	folded, hasTrad := refFoldString(s)
	if hasTrad {
		folded = toSimplified(folded)
	}
	return folded
}

func refFoldString(s string) (folded string, hasTrad bool) {
	var buf []byte
	for i, r := range s {
		if r >= utf8.RuneSelf && isTraditional(r) {
			hasTrad = true
		}
		f := foldRune(r)
		if buf == nil && f == r {
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(s))
			buf = append(buf, s[:i]...)
		}
		buf = utf8.AppendRune(buf, f)
	}
	if buf == nil {
		return s, hasTrad
	}
	return string(buf), hasTrad
}

// refAnalyze is analyze as first written, on the segmenter seg.
func refAnalyze(seg *gse.Segmenter, text string, withSubwords bool) []Token {
	norm := refNormalize(text)
	segments := seg.Segment([]byte(norm))
	align := refNewAligner(text, norm)

	tokens := make([]Token, 0, len(segments))
	position := 0
	for _, s := range segments {
		term := norm[s.Start():s.End()]
		if !isWord(term) {
			continue
		}
		position++
		origOffset := align.wordOffsets(s.Start(), s.End())
		tokens = append(tokens, Token{
			Term:     term,
			Start:    origOffset(s.Start()),
			End:      origOffset(s.End()),
			Position: position,
		})
		if withSubwords {
			tokens = refAppendSubwords(tokens, s.Token(), norm, s.Start(), position, origOffset)
		}
	}
	return tokens
}

func refAppendSubwords(tokens []Token, tok *gse.Token, norm string, base, position int, origOffset func(int) int) []Token {
	parentRunes := utf8.RuneCountInString(tok.Text())
	for _, sub := range tok.Segments() {
		start, end := base+sub.Start(), base+sub.End()
		term := norm[start:end]
		if !isWord(term) {
			continue
		}
		if utf8.RuneCountInString(term) == 1 && parentRunes < 3 {
			continue
		}
		tokens = append(tokens, Token{
			Term:     term,
			Start:    origOffset(start),
			End:      origOffset(end),
			Position: position,
		})
		tokens = refAppendSubwords(tokens, sub.Token(), norm, start, position, origOffset)
	}
	return tokens
}

type refAligner struct {
	orig, norm string
	same       bool
	n, o       int
}

func refNewAligner(orig, norm string) *refAligner {
	return &refAligner{orig: orig, norm: norm, same: orig == norm}
}

func (a *refAligner) seek(n int) int {
	if a.same {
		return n
	}
	for a.n < n {
		_, ns := utf8.DecodeRuneInString(a.norm[a.n:])
		_, os := utf8.DecodeRuneInString(a.orig[a.o:])
		a.n += ns
		a.o += os
	}
	return a.o
}

func (a *refAligner) wordOffsets(start, end int) func(n int) int {
	origStart := a.seek(start)
	if a.same {
		return func(n int) int { return n }
	}
	shift := origStart - start
	if end+shift <= len(a.orig) && a.orig[origStart:end+shift] == a.norm[start:end] {
		return func(n int) int { return n + shift }
	}
	return func(n int) int {
		i, o := start, origStart
		for i < n {
			_, ns := utf8.DecodeRuneInString(a.norm[i:])
			_, os := utf8.DecodeRuneInString(a.orig[o:])
			i += ns
			o += os
		}
		return o
	}
}

// refTokenType is tokenType as first written.
func refTokenType(term string) blevean.TokenType {
	numeric := true
	for _, r := range term {
		if unicode.Is(unicode.Han, r) {
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
