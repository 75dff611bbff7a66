package engine

import "sort"

// clauseHits returns the clauses of a document that hold the most distinct
// query terms (then the most matches), at most n, in document order, each
// with a highlighted excerpt.
func clauseHits(body string, clauses []storedClause, spans []span, n int) []ClauseHit {
	if len(clauses) == 0 || len(spans) == 0 {
		return nil
	}
	type scored struct {
		clause          storedClause
		distinct, count int
		first           int // index of the clause's first span
	}
	var cands []scored
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
			cands = append(cands, scored{c, distinct, count, i})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].distinct != cands[b].distinct {
			return cands[a].distinct > cands[b].distinct
		}
		return cands[a].count > cands[b].count
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].clause.Start < cands[b].clause.Start })
	out := make([]ClauseHit, 0, len(cands))
	for _, c := range cands {
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
