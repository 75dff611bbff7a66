package analysis

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
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
	return analyze(text, true)
}

// Words returns only the top-level words of text, without sub-words: the
// segmentation a reader sees. Use it for query parsing and highlighting.
func Words(text string) []Token {
	return analyze(text, false)
}

func analyze(text string, withSubwords bool) []Token {
	norm := Normalize(text)
	segments := Segmenter().Segment([]byte(norm))
	align := newAligner(text, norm)

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
			tokens = appendSubwords(tokens, s.Token(), norm, s.Start(), position, origOffset)
		}
	}
	return tokens
}

// appendSubwords appends the sub-words of the dictionary word tok, which
// starts at byte base of norm, walking gse's tree of sub-segments depth first.
// Sub-segment offsets are relative to their parent word.
func appendSubwords(tokens []Token, tok *gse.Token, norm string, base, position int, origOffset func(int) int) []Token {
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
		tokens = appendSubwords(tokens, sub.Token(), norm, start, position, origOffset)
	}
	return tokens
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
