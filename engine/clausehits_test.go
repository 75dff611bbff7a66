package engine

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeepBest checks that keeping the best n while counting picks the same
// clauses, in the same order, as sorting them all stably and keeping n.
func TestKeepBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		all := make([]rankedClause, rng.IntN(12))
		for i := range all {
			// Few distinct values, so that ties are common.
			all[i] = rankedClause{clause: storedClause{Start: i}, distinct: rng.IntN(3), count: rng.IntN(3)}
		}
		n := 1 + rng.IntN(4)
		best := make([]rankedClause, 0, n)
		for _, c := range all {
			best = keepBest(best, c)
		}
		want := slices.Clone(all)
		slices.SortStableFunc(want, func(a, b rankedClause) int {
			switch {
			case a.outranks(b):
				return -1
			case b.outranks(a):
				return 1
			}
			return 0
		})
		want = want[:min(n, len(want))]
		if !slices.Equal(best, want) {
			t.Fatalf("trial %d, n=%d, clauses %v: kept %v, want %v", trial, n, all, best, want)
		}
	}
}
