package engine

import (
	"strings"

	"policysearch/analysis"
)

// Some query words describe which documents the user wants, not what the
// documents say. They are taken out of the words to match and become an
// intent that re-ranking follows.

// queryIntent is what a query asks of the documents beyond its words.
type queryIntent struct {
	// keepVersions: earlier versions keep their place (the query asks for
	// history, or filters by date).
	keepVersions bool
	// local: local regulations are wanted, not the national law they
	// implement (外商投资 地方条例, 华侨权益保护条例 各地).
	local bool
}

// splitIntent takes the intent words out of the query.
func splitIntent(pq parsedQuery) (parsedQuery, queryIntent) {
	var in queryIntent
	pq, in.keepVersions = withoutWords(pq, historyWords)
	pq, in.local = withoutWords(pq, localWords)
	return pq, in
}

// historyWords ask for the earlier texts of a regulation (条例 修订前后,
// 楼市调控 历次通知): 修订 in a query should not pull in every notice titled
// 关于修订…, and superseded versions should keep their place.
var historyWords = map[string]bool{
	"修订": true, "修正": true, "修改": true, "历次": true, "历年": true, "沿革": true,
	"旧版": true, "原版": true, "前后": true, "历史": true, "版本": true, "新旧": true,
}

// localWords ask for the regulations of provinces and cities.
var localWords = map[string]bool{"地方": true, "各地": true, "地方性": true, "各省": true, "各省市": true}

// withoutWords removes the given words from the query's terms and reports
// whether there were any. A term made only of such words is dropped, unless
// it is all the query has; phrases are kept as typed.
func withoutWords(pq parsedQuery, words map[string]bool) (parsedQuery, bool) {
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
			hasWord := false
			for _, w := range analysis.Words(t.text) {
				if words[w.Term] {
					hasWord = true
					continue
				}
				rest.WriteString(w.Term)
			}
			if !hasWord {
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
