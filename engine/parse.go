package engine

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQueryLength is the longest query accepted, in characters. Longer input
// is almost always a paste accident and would only make the search slow.
const MaxQueryLength = 200

// A parsedQuery is the user's query as a list of groups that must all match
// (each group an OR of terms) and terms that must not match.
//
// Syntax: words separated by spaces; "an exact phrase" (also “…”);
// -word or -"phrase" excludes; a OR b matches either; title:word and
// title:"phrase" match only in titles.
type parsedQuery struct {
	groups   [][]queryTerm
	excluded []queryTerm
}

// queryTerm is one word or phrase of a query.
type queryTerm struct {
	text      string
	phrase    bool // quoted: the words must stand together, in order
	titleOnly bool
}

// parseQuery splits raw query text into its parts. It never fails on
// content; it rejects only empty and overlong queries.
func parseQuery(raw string) (parsedQuery, error) {
	var pq parsedQuery
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return pq, badQuery("missing_query", "the query is empty: give some words in q")
	}
	if n := utf8.RuneCountInString(raw); n > MaxQueryLength {
		return pq, badQuery("query_too_long", fmt.Sprintf("the query has %d characters; at most %d are allowed", n, MaxQueryLength))
	}
	orNext := false
	for _, tok := range joinSpacedCharacters(splitQuery(raw)) {
		if tok.text == "OR" && !tok.quoted {
			orNext = len(pq.groups) > 0
			continue
		}
		t := queryTerm{text: tok.text, phrase: tok.quoted}
		negate := false
		if !tok.quoted {
			if rest, ok := strings.CutPrefix(t.text, "-"); ok && rest != "" {
				negate, t.text = true, rest
			}
			if rest, ok := strings.CutPrefix(t.text, "title:"); ok && rest != "" {
				t.titleOnly, t.text = true, rest
			}
		} else {
			negate, t.titleOnly = tok.negated, tok.titleOnly
		}
		if strings.TrimFunc(t.text, isQueryPunct) == "" {
			continue // a lone "-" or punctuation carries no meaning
		}
		switch {
		case negate:
			pq.excluded = append(pq.excluded, t)
		case orNext:
			last := len(pq.groups) - 1
			pq.groups[last] = append(pq.groups[last], t)
		default:
			pq.groups = append(pq.groups, []queryTerm{t})
		}
		orNext = false
	}
	if len(pq.groups) == 0 {
		return pq, badQuery("bad_query", "the query has nothing to look for: it only excludes words or holds no words")
	}
	return pq, nil
}

// rawToken is a space-separated piece of a query, or a quoted phrase with the
// -/title: prefix that stood before its opening quote.
type rawToken struct {
	text               string
	quoted             bool
	negated, titleOnly bool
}

// splitQuery cuts a query at white space (ASCII and ideographic) outside
// quotes. An unclosed quote runs to the end of the query.
func splitQuery(s string) []rawToken {
	var toks []rawToken
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, rawToken{text: cur.String()})
			cur.Reset()
		}
	}
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			flush()
		case isOpenQuote(r):
			prefix := cur.String()
			cur.Reset()
			j := i + 1
			for j < len(runes) && !isCloseQuote(runes[j]) {
				j++
			}
			phrase := joinSpacedText(string(runes[i+1 : min(j, len(runes))]))
			if phrase != "" {
				toks = append(toks, rawToken{
					text: phrase, quoted: true,
					negated:   prefix == "-" || prefix == "-title:",
					titleOnly: strings.HasSuffix(prefix, "title:"),
				})
			}
			i = j
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return toks
}

// Text copied from a PDF, and some typing habits, put a space between
// every Chinese character (住 房 公 积 金); read as words of one character
// each, such a query found nothing. A run of two or more single Chinese
// characters separated by spaces is read as one word; a lone character
// stays a word of its own (税 优惠).

// joinSpacedCharacters joins runs of plain tokens that are each a single
// Chinese character.
func joinSpacedCharacters(toks []rawToken) []rawToken {
	out := make([]rawToken, 0, len(toks))
	run := 0 // how many single characters end out
	for _, t := range toks {
		if !t.quoted && isSingleHan(t.text) {
			if run > 0 {
				out[len(out)-1].text += t.text
			} else {
				out = append(out, t)
			}
			run++
			continue
		}
		run = 0
		out = append(out, t)
	}
	return out
}

// joinSpacedText is joinSpacedCharacters for the text of a phrase: its
// pieces separated by single spaces, runs of single characters joined.
func joinSpacedText(text string) string {
	var pieces []string
	single := false // the last piece is a run of single characters
	for _, p := range strings.Fields(text) {
		if isSingleHan(p) && single {
			pieces[len(pieces)-1] += p
			continue
		}
		single = isSingleHan(p)
		pieces = append(pieces, p)
	}
	return strings.Join(pieces, " ")
}

// isSingleHan reports whether s is one Chinese character.
func isSingleHan(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && size > 1 && unicode.Is(unicode.Han, r)
}

func isOpenQuote(r rune) bool  { return r == '"' || r == '“' || r == '＂' || r == '「' }
func isCloseQuote(r rune) bool { return r == '"' || r == '”' || r == '＂' || r == '」' }

func isQueryPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
}
