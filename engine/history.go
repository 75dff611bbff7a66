package engine

import (
	"strings"

	"policysearch/analysis"
)

// historyWords ask for the earlier texts of a regulation (条例 修订前后,
// 楼市调控 历次通知). They describe which versions the user wants, not what
// the documents say: 修订 in a query should not pull in every notice titled
// 关于修订…, and superseded versions should keep their place.
var historyWords = map[string]bool{
	"修订": true, "修正": true, "修改": true, "历次": true, "历年": true, "沿革": true,
	"旧版": true, "原版": true, "前后": true, "历史": true, "版本": true, "新旧": true,
}

// withoutHistory removes the history words from the query's terms and
// reports whether there were any. A term made only of history words is
// dropped, unless it is all the query has; phrases are kept as typed.
func withoutHistory(pq parsedQuery) (parsedQuery, bool) {
	found := false
	var groups [][]queryTerm
	for _, g := range pq.groups {
		var kept []queryTerm
		for _, t := range g {
			if t.phrase {
				kept = append(kept, t)
				continue
			}
			var rest strings.Builder
			hasHistory := false
			for _, w := range analysis.Words(t.text) {
				if historyWords[w.Term] {
					hasHistory = true
					continue
				}
				rest.WriteString(w.Term)
			}
			if !hasHistory {
				kept = append(kept, t)
				continue
			}
			found = true
			if rest.Len() > 0 {
				t.text = rest.String()
				kept = append(kept, t)
			}
		}
		if len(kept) > 0 {
			groups = append(groups, kept)
		}
	}
	if !found || len(groups) == 0 {
		return pq, false
	}
	pq.groups = groups
	return pq, true
}
