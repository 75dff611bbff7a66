package engine

import (
	"cmp"
	"slices"
)

// clauseHits returns the clauses of a document that hold the most distinct
// query terms (then the most matches; then the earliest), at most n, in
// document order, each with a highlighted excerpt.
func clauseHits(body string, clauses []storedClause, spans []span, n int) []ClauseHit {
	if len(clauses) == 0 || len(spans) == 0 || n <= 0 {
		return nil
	}
	// Only the best n are kept while the clauses are counted: a long law
	// has hundreds of matching clauses, and sorting them all to keep three
	// was 2% of a loaded searchd's CPU.
	best := make([]rankedClause, 0, n)
	i := 0
	for _, c := range clauses {
		if c.Start < 0 || c.End > len(body) || c.Start >= c.End {
			continue
		}
		for i < len(spans) && spans[i].start < c.Start {
			i++
		}
		distinct, count := countIn(spans[i:], c.Start, c.End)
		if count > 0 {
			best = keepBest(best, rankedClause{c, distinct, count, i})
		}
	}
	slices.SortFunc(best, func(a, b rankedClause) int { return cmp.Compare(a.clause.Start, b.clause.Start) })
	out := make([]ClauseHit, 0, len(best))
	for _, c := range best {
		text := body[c.clause.Start:c.clause.End]
		var local []span
		for _, s := range spans[c.first:] {
			if s.start >= c.clause.End {
				break
			}
			if s.end <= c.clause.End {
				local = append(local, span{start: s.start - c.clause.Start, end: s.end - c.clause.Start, term: s.term})
			}
		}
		excerpt := snippets(text, local, 1, clauseRunes)
		html := ""
		if len(excerpt) > 0 {
			html = excerpt[0]
		}
		out = append(out, ClauseHit{Label: c.clause.Label, Anchor: c.clause.Anchor, HTML: html})
	}
	return out
}

// rankedClause is a clause with the query terms it holds.
type rankedClause struct {
	clause          storedClause
	distinct, count int
	first           int // index of the clause's first span
}

// outranks reports whether a holds more distinct query terms than b, or as
// many and more matches.
func (a rankedClause) outranks(b rankedClause) bool {
	if a.distinct != b.distinct {
		return a.distinct > b.distinct
	}
	return a.count > b.count
}

// keepBest adds c to best, a list of at most cap(best) clauses ordered best
// first, if it ranks among them. A clause only moves ahead of those it
// outranks, so of equal clauses the earlier ones stay, as a stable sort
// would keep them.
func keepBest(best []rankedClause, c rankedClause) []rankedClause {
	if len(best) == cap(best) {
		if !c.outranks(best[len(best)-1]) {
			return best
		}
		best = best[:len(best)-1]
	}
	pos := len(best)
	for pos > 0 && c.outranks(best[pos-1]) {
		pos--
	}
	return slices.Insert(best, pos, c)
}
