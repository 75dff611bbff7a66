package engine

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Relevance-sorted searches take the best rerankWindow candidates by BM25 and
// re-rank them with what BM25 cannot see: whether the query's words stand
// together in one passage (the clause that answers) or whole in the title,
// what kind of text the document is, and whether it is the current, in-force
// version. The factors multiply the BM25 score, so they reorder documents of
// similar relevance without letting a weak match jump a strong one. On the
// dev set, re-ranking 30, 50 or 100 candidates gave the same nDCG@10.
const rerankWindow = 50

// Re-ranking weights, tuned on the relevance dev set (see relevance_test.go).
const (
	proximityWeight   = 1.0 // all query words within one passage doubles the score
	supersededFactor  = 0.6 // an earlier version of a regulation
	repealedFactor    = 0.7 // a repealed or expired document
	passageBytes      = 240 // about 80 characters: one clause
	titlePhraseWeight = 1.0 // every query term standing whole in the title doubles the score
	nationalLawFactor = 1.2 // a law of the National People's Congress
	caseFactor        = 0.6 // a court case or its commentary
	reportFactor      = 0.6 // a government work report
	untypedFactor     = 0.8 // a text whose title names no document type
)

// termGroups lists, for each group of the query, the index terms that stand
// for it (its words, their synonyms and a phrase's words), so that a matched
// location can be traced back to the query word it answers; and the texts
// whose occurrence whole in a title counts as a phrase match: its terms and
// their variants, when at least two characters long (a single character
// says little).
func (ix *Index) termGroups(pq parsedQuery) (terms []map[string]bool, phrases [][]string) {
	for _, g := range pq.groups {
		set := map[string]bool{}
		var ps []string
		for _, t := range g {
			for _, v := range ix.variants(t.text) {
				if utf8.RuneCountInString(v) >= 2 {
					ps = append(ps, v)
				}
			}
			ix.addTerms(set, t)
		}
		terms = append(terms, set)
		phrases = append(phrases, ps)
	}
	return terms, phrases
}

// addTerms adds to set the index terms that stand for t: a phrase's words,
// or a word's segments in each of its variants and their synonyms.
func (ix *Index) addTerms(set map[string]bool, t queryTerm) {
	if t.phrase {
		for _, words := range phraseWords(t.text) {
			for _, w := range words {
				set[w] = true
			}
		}
		return
	}
	for _, variant := range ix.variants(t.text) {
		for _, w := range contentWords(variant) {
			set[w.Term] = true
			for _, syn := range ix.synonyms.Expand(w.Term) {
				set[syn] = true
			}
		}
	}
}

// quotedRuns lists the words of the query's phrases of several words,
// which count only where they stand together, and the terms that count
// wherever they stand (those of its other words and one-word phrases).
func (ix *Index) quotedRuns(pq parsedQuery) (runs [][]string, free map[string]bool) {
	free = map[string]bool{}
	for _, g := range pq.groups {
		for _, t := range g {
			if !t.phrase {
				ix.addTerms(free, t)
				continue
			}
			for _, words := range phraseWords(t.text) {
				if len(words) > 1 {
					runs = append(runs, words)
					continue
				}
				free[words[0]] = true
			}
		}
	}
	return runs, free
}

// standing is what re-ranking needs to know of a document beyond its match:
// kept in memory (from the title table) because reading it from stored
// fields would decompress each candidate's whole stored record, body included.
type standing struct {
	current           bool
	status            string
	title             string // normalized, as query terms are
	category, docType string
}

// reranking is what re-ranking the candidates of one query weighs them by.
type reranking struct {
	groups    []map[string]bool // the query's groups of terms (see termGroups)
	phrases   [][]string        // per group, the texts that count whole in a title
	weights   []float64         // per group, its weight (see groupWeights)
	standings map[string]standing
	intent    queryIntent
	// locateBody fills in where the groups' terms stand in the bodies of
	// the candidates given, which the proximity factor reads; nil when the
	// candidates hold their locations already.
	locateBody func(bsearch.DocumentMatchCollection) error
}

// rerank rescales the candidates' scores and returns, best first, those
// that can be among the first keep: at least keep of them (or all), the
// first keep as re-ranking every candidate would order them. With a date
// filter, or with words asking for history (修订, 历次), the user is after
// earlier texts too, so they keep their score.
//
// The weights are the query groups' IDF: a passage holding the rare words
// of a query (试用期) says more than one holding its common words (多久, 规定).
//
// Only proximity needs to know where the words stand, and it at most
// doubles a score; so a candidate whose score, doubled, stays below the
// keep-th best score without proximity cannot make the first keep, and its
// body is not located. Locating every candidate's title and body was a
// sixth of a loaded searchd's CPU; for a first page, the dev queries of
// several words now locate 28 of the 50 bodies on average.
func (r reranking) rerank(hits bsearch.DocumentMatchCollection, keep int) (bsearch.DocumentMatchCollection, error) {
	total := 0.0
	for _, w := range r.weights {
		total += w
	}
	proximity := len(r.groups) > 1 && total > 0
	factors := make([]fixedFactors, len(hits))
	lows := make([]float64, len(hits))
	for i, dm := range hits {
		factors[i] = r.fixedFactors(dm, total)
		lows[i] = dm.Score * factors[i].product()
	}
	// The keep-th best score without proximity is a floor the first keep
	// candidates reach; proximity raises a score at most to its ceiling.
	floor := math.Inf(-1)
	if keep = max(keep, 1); keep < len(hits) {
		sorted := slices.Clone(lows)
		slices.SortFunc(sorted, func(a, b float64) int { return cmp.Compare(b, a) })
		floor = sorted[keep-1]
	}
	ceiling := 1.0
	if proximity {
		ceiling = 1 + proximityWeight
	}
	ceiling *= 1 + 1e-9 // so that rounding cannot drop a tie
	contenders := make(bsearch.DocumentMatchCollection, 0, len(hits))
	kept := make([]fixedFactors, 0, len(hits))
	for i, dm := range hits {
		if lows[i]*ceiling >= floor {
			contenders = append(contenders, dm)
			kept = append(kept, factors[i])
		}
	}
	if proximity && r.locateBody != nil {
		if err := r.locateBody(contenders); err != nil {
			return nil, err
		}
	}
	for i, dm := range contenders {
		factor := 1.0
		if proximity {
			best, n := passageCover(dm.Locations[fieldBody], r.groups, r.weights, passageBytes)
			if n > 1 {
				factor *= 1 + proximityWeight*best/total
			}
		}
		// In the order they were always applied, so that the scores the
		// API shows stay the same to the last bit.
		for _, f := range kept[i] {
			factor *= f
		}
		dm.Score *= factor
	}
	sort.SliceStable(contenders, func(i, j int) bool { return contenders[i].Score > contenders[j].Score })
	return contenders, nil
}

// fixedFactors are the factors of a candidate's score that do not depend on
// where its words stand: a title phrase, an earlier version, the kind of
// text, a repealed text.
type fixedFactors [4]float64

func (f fixedFactors) product() float64 { return f[0] * f[1] * f[2] * f[3] }

func (r reranking) fixedFactors(dm *bsearch.DocumentMatch, total float64) fixedFactors {
	sd := r.standings[dm.ID]
	f := fixedFactors{1, 1, 1, 1}
	if total > 0 {
		f[0] = 1 + titlePhraseWeight*titlePhrases(sd.title, r.phrases, r.weights)/total
	}
	if !sd.current && !r.intent.keepVersions {
		f[1] = supersededFactor
	}
	f[2] = kindFactor(sd, r.intent.local)
	if sd.status == "已废止" || sd.status == "失效" {
		f[3] = repealedFactor
	}
	return f
}

// kindFactor weighs a document by what kind of text it is. People search
// for the rules that bind: a national law outranks the many local and
// administrative texts that repeat its words (unless the query asks for
// local regulations); a court case, a government work report (a
// speech) or a web page that is no document at all (a column page, a news
// item) yields to a regulation of equal relevance.
func kindFactor(sd standing, local bool) float64 {
	switch {
	case local && sd.category == "法律":
		return 1
	case sd.category == "案例":
		return caseFactor
	case sd.category == "政府工作报告":
		return reportFactor
	case sd.docType == "":
		return untypedFactor
	case sd.category == "法律":
		return nationalLawFactor
	}
	return 1
}

// titlePhrases returns the summed weight of the query groups one of whose
// phrases (a term as typed, or a variant of it) stands whole in the title:
// 国家科学技术奖 in 国家科学技术奖励条例 is a stronger sign than its words
// scattered over a title.
func titlePhrases(title string, phrases [][]string, weights []float64) float64 {
	sum := 0.0
	for i, ps := range phrases {
		for _, p := range ps {
			if strings.Contains(title, p) {
				sum += weights[i]
				break
			}
		}
	}
	return sum
}

// groupOf returns the index of the first query group the term stands for.
func groupOf(term string, groups []map[string]bool) int {
	for i, g := range groups {
		if g[term] {
			return i
		}
	}
	return -1
}

// passageCover finds the stretch of width bytes of the field whose distinct
// query groups weigh the most, and returns that weight and how many groups
// it holds.
func passageCover(locs bsearch.TermLocationMap, groups []map[string]bool, weights []float64, width int) (float64, int) {
	ms := matchesInOrder(locs, groups)
	if len(ms) == 0 {
		return 0, 0
	}
	counts := make([]int, len(groups))
	distinct, lo := 0, 0
	weight, best, bestN := 0.0, 0.0, 0
	for _, m := range ms {
		if counts[m.group] == 0 {
			distinct++
			weight += weights[m.group]
		}
		counts[m.group]++
		for ms[lo].start < m.start-width {
			counts[ms[lo].group]--
			if counts[ms[lo].group] == 0 {
				distinct--
				weight -= weights[ms[lo].group]
			}
			lo++
		}
		if weight > best {
			best, bestN = weight, distinct
		}
	}
	return best, bestN
}

// groupMatch is where a match of a query group starts.
type groupMatch struct{ start, group int }

// matchesInOrder lists the matches of the groups' terms by start.
func matchesInOrder(locs bsearch.TermLocationMap, groups []map[string]bool) []groupMatch {
	merge := textMerge{heads: make([]mergeHead, 0, len(locs))}
	total := 0
	for term, ls := range locs {
		if g := groupOf(term, groups); g >= 0 {
			merge.add(ls, g)
			total += len(ls)
		}
	}
	ms := make([]groupMatch, 0, total)
	for g, l, ok := merge.next(); ok; g, l, ok = merge.next() {
		ms = append(ms, groupMatch{int(l.Start), g})
	}
	return ms
}

// groupWeights gives each query group the inverse document frequency of its
// rarest body term, read from snap.
func groupWeights(ctx context.Context, snap *snapshotReader, groups []map[string]bool) []float64 {
	weights := make([]float64, len(groups))
	stats, err := newTermStats(snap)
	if err != nil {
		for i := range weights {
			weights[i] = 1
		}
		return weights
	}
	for i, g := range groups {
		for term := range g {
			df := stats.docFreq(ctx, fieldBody, term)
			idf := math.Log(1 + float64(stats.docs)/float64(df+1))
			weights[i] = max(weights[i], idf)
		}
	}
	return weights
}
