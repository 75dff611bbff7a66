package engine

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policysearch/analysis"
)

// Suggestion limits: a dropdown shows a handful of titles.
const (
	DefaultSuggestions = 10
	MaxSuggestions     = 20
)

// stateName is the prefix that national law titles carry and users rarely type.
const stateName = "中华人民共和国"

// Suggestion is one title completion.
type Suggestion struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status,omitempty"`
}

// titleTable is the in-memory list of titles that suggestions scan. It is
// answered without bleve: a linear scan of a few thousand short strings takes
// tens of microseconds, far less than any index query, on every keystroke.
type titleTable struct {
	// entries are sorted by rank (current versions first, then shorter
	// titles), so the first matches a scan meets are the best ones.
	entries []titleKey
	// byRune lists, for every character, the entries whose title holds it,
	// in rank order: a match holds every character of the query, so a scan
	// reads only the list of its rarest one (a few dozen titles for most).
	byRune map[rune][]int32
}

// titleKey is a title with the matching forms precomputed.
type titleKey struct {
	Suggestion
	norm     string // normalized, without spaces and title marks
	stripped string // norm without a leading 中华人民共和国 ("" when none)
	current  bool
	runes    int // length without 中华人民共和国, which no title is the longer for
}

// newTitleTable normalizes and ranks the titles once, at Open.
func newTitleTable(entries []titleEntry) *titleTable {
	t := &titleTable{entries: make([]titleKey, 0, len(entries))}
	for _, e := range entries {
		norm := normalizeTitleKey(e.Title)
		if norm == "" {
			continue
		}
		k := titleKey{
			Suggestion: Suggestion{ID: e.ID, Title: e.Title, Status: e.Status},
			norm:       norm,
			current:    e.Current,
		}
		if rest, ok := strings.CutPrefix(norm, stateName); ok && rest != "" {
			k.stripped = rest
		}
		k.runes = utf8.RuneCountInString(norm)
		if k.stripped != "" {
			k.runes = utf8.RuneCountInString(k.stripped)
		}
		t.entries = append(t.entries, k)
	}
	sort.SliceStable(t.entries, func(i, j int) bool {
		a, b := t.entries[i], t.entries[j]
		if a.current != b.current {
			return a.current
		}
		if a.runes != b.runes {
			return a.runes < b.runes
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	t.byRune = make(map[rune][]int32)
	for i, e := range t.entries {
		seen := make(map[rune]bool)
		for _, r := range e.norm {
			if !seen[r] {
				seen[r] = true
				t.byRune[r] = append(t.byRune[r], int32(i))
			}
		}
	}
	return t
}

// normalizeTitleKey is the form titles and typed text are compared in:
// analysis.Normalize (width, case, traditional→simplified) without spaces
// and book-title marks, which users type inconsistently.
func normalizeTitleKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("《》〈〉", r) {
			return -1
		}
		return r
	}, analysis.Normalize(s))
}

// Suggest returns up to size titles completing q: titles that start with it
// (or with it after 中华人民共和国) before titles that merely contain it,
// each kind with current versions first, then shorter titles. size 0 means
// DefaultSuggestions.
func (ix *Index) Suggest(q string, size int) ([]Suggestion, error) {
	if size == 0 {
		size = DefaultSuggestions
	}
	if size < 1 || size > MaxSuggestions {
		return nil, badQuery("bad_parameter", fmt.Sprintf("size must be a whole number from 1 to %d", MaxSuggestions))
	}
	if n := utf8.RuneCountInString(q); n > MaxQueryLength {
		return nil, badQuery("query_too_long", fmt.Sprintf("the query has %d characters; at most %d are allowed", n, MaxQueryLength))
	}
	key := normalizeTitleKey(q)
	if key == "" {
		return nil, badQuery("missing_query", "the query is empty: give the start of a title in q")
	}
	return ix.titles.match(key, size), nil
}

// match scans, in rank order, the titles holding the key's rarest
// character: every match holds all of the key's characters, so any one
// list holds them all, and the shortest is the least to read. Prefix
// matches are complete as soon as size of them are found.
func (t *titleTable) match(key string, size int) []Suggestion {
	var candidates []int32
	for n, r := range key {
		list := t.byRune[r]
		if n == 0 || len(list) < len(candidates) {
			candidates = list
		}
	}
	prefix := make([]Suggestion, 0, size)
	var inner []Suggestion
	for _, i := range candidates {
		e := &t.entries[i]
		switch {
		case strings.HasPrefix(e.norm, key) || (e.stripped != "" && strings.HasPrefix(e.stripped, key)):
			prefix = append(prefix, e.Suggestion)
			if len(prefix) == size {
				return prefix
			}
		case len(inner) < size && strings.Contains(e.norm, key):
			inner = append(inner, e.Suggestion)
		}
	}
	return append(prefix, inner[:min(len(inner), size-len(prefix))]...)
}
