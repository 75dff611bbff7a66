package analysis

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Token is one token of analyzed text.
type Token struct {
	// Term is the normalized text of the token (see Normalize): the string
	// that is indexed and matched.
	Term string
	// Start and End are byte offsets into the original, un-normalized text:
	// text[Start:End] is the token as it appears there.
	Start, End int
	// Position is the 1-based index of the word in the text. A sub-word has
	// the position of the word it is part of.
	Position int
}

// Tokens analyzes text in search mode, the mode used at index time and at
// query time: it returns every word of text and, right after each word, the
// dictionary sub-words inside it (暂行条例 gives 暂行条例, 暂行, 条例), so a
// query for a part of a long word still matches. Words that are only
// punctuation, symbols or spaces are dropped.
//
// Sub-words of two or more characters are always kept. A single-character
// sub-word is kept only when its word has three or more characters, so that
// 税 matches 个人所得税 and 市 matches 上海市 while two-character words such as
// 人才 do not add the noise of their single characters 人 and 才.
//
// No character bigrams are added. gse segments with its dictionary only, so
// every Chinese word it returns is a dictionary word; the few of three or more
// characters with no multi-character sub-words (人社局, 习近平) are 78 per MB
// of the corpus, about 0.05% of the words, and they already get their single
// characters. Bigrams would also be dead terms: a query is segmented the same
// way, so it never produces a bigram that is not a dictionary word.
func Tokens(text string) []Token {
	tokens, _ := analyze(text, true)
	return tokens
}

// TokensAndNorm is Tokens that also returns Normalize(text), which the
// analysis computes anyway and the tokens' terms are cut from: a caller that
// needs both (the build, for the body's words and its bigrams, see
// AppendNormalizedBigrams) normalizes each text once.
func TokensAndNorm(text string) (tokens []Token, norm string) {
	return analyze(text, true)
}

// Words returns only the top-level words of text, without sub-words: the
// segmentation a reader sees. Use it for query parsing and highlighting.
func Words(text string) []Token {
	tokens, _ := analyze(text, false)
	return tokens
}

// analyze returns the tokens of text and the normalized text their terms
// are cut from.
func analyze(text string, withSubwords bool) (tokens []Token, norm string) {
	a := getAnalyzer()
	defer putAnalyzer(a)
	norm, raw := a.run(text, withSubwords)
	tokens = make([]Token, len(raw))
	for i, t := range raw {
		tokens[i] = Token{
			Term:     norm[t.ns:t.ne],
			Start:    t.start,
			End:      t.end,
			Position: t.pos,
		}
	}
	return tokens, norm
}

// rawToken is a token before its term is made: the term is norm[ns:ne].
type rawToken struct {
	ns, ne     int
	start, end int
	pos        int
}

// analyzer holds the buffers of one analysis; they are reused through a pool
// so that analyzing a text allocates little more than its result.
type analyzer struct {
	seg      segScratch
	raw      []rawToken
	breaks   []lengthBreak
	freqToks []freqToken
}

var analyzerPool = sync.Pool{New: func() any { return new(analyzer) }}

func getAnalyzer() *analyzer { return analyzerPool.Get().(*analyzer) }

// putAnalyzer returns a to the pool, unless a huge text grew its buffers.
func putAnalyzer(a *analyzer) {
	if cap(a.seg.ends) > 1<<22 || cap(a.raw) > 1<<22 || cap(a.breaks) > 1<<20 || cap(a.freqToks) > 1<<22 {
		return
	}
	analyzerPool.Put(a)
}

// run analyzes text and returns its normalized form and its tokens, which
// stay valid until a is reused.
func (a *analyzer) run(text string, withSubwords bool) (norm string, raw []rawToken) {
	d := fastDict()
	// Normalize, keeping the breaks for the aligner.
	norm, hasTrad, breaks := foldBreaks(text, a.breaks[:0])
	a.breaks = breaks
	al := aligner{orig: text, norm: norm, breaks: breaks}
	if hasTrad {
		norm = toSimplified(norm)
		al = aligner{orig: text, norm: norm, walk: true}
	}
	segs := d.segmentText(norm, &a.seg)

	// Count the tokens first, so that the result is allocated once.
	count := 0
	for _, s := range segs {
		if !segIsWord(d, norm, s) {
			continue
		}
		count++
		if withSubwords && s.word >= 0 {
			count += int(d.subOff[s.word+1] - d.subOff[s.word])
		}
	}
	if cap(a.raw) < count {
		a.raw = make([]rawToken, 0, count)
	}
	raw = a.raw[:0]

	position := 0
	for _, s := range segs {
		if !segIsWord(d, norm, s) {
			continue
		}
		position++
		start, end := int(s.start), int(s.end)
		wm := al.word(start, end)
		raw = append(raw, rawToken{ns: start, ne: end, start: wm.at(start), end: wm.at(end), pos: position})
		if !withSubwords || s.word < 0 {
			continue
		}
		for _, sub := range d.subs[d.subOff[s.word]:d.subOff[s.word+1]] {
			ss, se := start+int(sub.start), start+int(sub.end)
			raw = append(raw, rawToken{ns: ss, ne: se, start: wm.at(ss), end: wm.at(se), pos: position})
		}
	}
	a.raw = raw
	return norm, raw
}

// segIsWord reports whether the segment s of norm is worth indexing (see
// isWord).
func segIsWord(d *dict, norm string, s segment) bool {
	if s.word >= 0 {
		return d.isWord[s.word]
	}
	if c := norm[s.start]; c < utf8.RuneSelf && s.end-s.start == 1 {
		return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z')
	}
	return isWord(norm[s.start:s.end])
}

// isWord reports whether term holds a letter or a digit; pure punctuation,
// symbols and whitespace are not worth indexing.
func isWord(term string) bool {
	for _, r := range term {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}
