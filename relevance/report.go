package relevance

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"
)

// QueryScore is one query's result within a Report.
type QueryScore struct {
	ID, Query, Intent string
	Groups            int // relevant groups the query has (grade >= 1)
	Scores
	FirstRelevantRank int      // 1-based rank of the first relevant hit; 0 if none in the top k
	Hits              []string // the top k returned paths, normalized
}

// Means are metrics averaged over N queries.
type Means struct {
	N      int
	NDCG   float64
	Recall float64
	MRR    float64
	P1     float64
}

// IntentMeans are the means over the queries of one intent.
type IntentMeans struct {
	Intent string
	Means
}

// Report aggregates per intent and overall.
type Report struct {
	K        int
	Total    Means
	ByIntent []IntentMeans // sorted by intent
	PerQuery []QueryScore  // in the order of the query file
}

// Evaluate runs every query through search and scores the first k paths it
// returns. It stops at the first search error, since partial means would
// not compare with the script's.
func Evaluate(queries []Query, k int, search func(query string) ([]string, error)) (*Report, error) {
	if k < 1 {
		return nil, fmt.Errorf("evaluate: cut-off k must be at least 1, got %d", k)
	}
	if len(queries) == 0 {
		return nil, errors.New("evaluate: no queries")
	}
	r := &Report{K: k}
	for _, q := range queries {
		hits, err := search(q.Query)
		if err != nil {
			return nil, fmt.Errorf("evaluate: query %s %q: %w", q.ID, q.Query, err)
		}
		if len(hits) > k {
			hits = hits[:k]
		}
		top := make([]string, len(hits))
		for i, h := range hits {
			top[i] = NormalizePath(h)
		}
		groups := judged(q)
		s, first := score(groups, top, k)
		r.PerQuery = append(r.PerQuery, QueryScore{
			ID: q.ID, Query: q.Query, Intent: q.Intent,
			Groups: len(groups), Scores: s,
			FirstRelevantRank: first, Hits: top,
		})
	}

	r.Total = means(r.PerQuery)
	byIntent := make(map[string][]QueryScore)
	for _, qs := range r.PerQuery {
		byIntent[qs.Intent] = append(byIntent[qs.Intent], qs)
	}
	for _, intent := range slices.Sorted(maps.Keys(byIntent)) {
		r.ByIntent = append(r.ByIntent, IntentMeans{Intent: intent, Means: means(byIntent[intent])})
	}
	return r, nil
}

// means sums in file order, as the script does, so the last bits agree.
func means(qs []QueryScore) Means {
	m := Means{N: len(qs)}
	if len(qs) == 0 {
		return m
	}
	for _, q := range qs {
		m.NDCG += q.NDCG
		m.Recall += q.Recall
		m.MRR += q.MRR
		m.P1 += q.P1
	}
	n := float64(len(qs))
	m.NDCG /= n
	m.Recall /= n
	m.MRR /= n
	m.P1 /= n
	return m
}

// WriteTable writes a compact table (a row for all queries, then one per
// intent) followed by the summary line in the script's exact format:
//
//	nDCG@10 0.xxx recall@10 0.xxx mrr 0.xxx queries N
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "intent\tqueries\tnDCG@%d\trecall@%d\tMRR\tP@1\t\n", r.K, r.K)
	row := func(name string, m Means) {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t\n", name, m.N, m.NDCG, m.Recall, m.MRR, m.P1)
	}
	row("all", r.Total)
	for _, im := range r.ByIntent {
		row(im.Intent, im.Means)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report table: %w", err)
	}
	if _, err := fmt.Fprintln(w, r.SummaryLine()); err != nil {
		return fmt.Errorf("write report summary: %w", err)
	}
	return nil
}

// SummaryLine is the script's final line, for example
// "nDCG@10 0.512 recall@10 0.634 mrr 0.701 queries 88". Go's %.3f rounds
// the exact binary value half to even, as Python's format does.
func (r *Report) SummaryLine() string {
	return fmt.Sprintf("nDCG@%d %.3f recall@%d %.3f mrr %.3f queries %d",
		r.K, r.Total.NDCG, r.K, r.Total.Recall, r.Total.MRR, len(r.PerQuery))
}

// Weakest returns the n weakest queries by nDCG, ties broken by MRR and
// then id, the order of the script's "worst 10 queries" list.
func (r *Report) Weakest(n int) []QueryScore {
	qs := slices.Clone(r.PerQuery)
	slices.SortStableFunc(qs, func(a, b QueryScore) int {
		return cmp.Or(cmp.Compare(a.NDCG, b.NDCG), cmp.Compare(a.MRR, b.MRR), cmp.Compare(a.ID, b.ID))
	})
	if n < len(qs) {
		qs = qs[:max(n, 0)]
	}
	return qs
}
