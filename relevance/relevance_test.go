package relevance

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"policysearch/internal/testcorpus"
)

// near compares metrics computed in different orders of operations.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestScore(t *testing.T) {
	// A: grade 2, stored under two paths; B: grade 1.
	q := Query{ID: "q", Relevant: []Group{
		{Paths: []string{"a1.md", "a2.md"}, Grade: 2},
		{Paths: []string{"b.md"}, Grade: 1},
	}}
	// Ideal ranking: A (gain 3) at rank 1, B (gain 1) at rank 2.
	idealAB := 3 + 1/math.Log2(3)

	tests := []struct {
		name     string
		q        Query
		returned []string
		k        int
		want     Scores
	}{
		{
			name:     "both groups, second copy of A earns nothing",
			q:        q,
			returned: []string{"a1.md", "a2.md", "b.md"},
			k:        10,
			want:     Scores{NDCG: (3 + 1/math.Log2(4)) / idealAB, Recall: 1, MRR: 1, P1: 1},
		},
		{
			name:     "grade-1 group before grade-2 group",
			q:        q,
			returned: []string{"x.md", "b.md", "a2.md"},
			k:        10,
			want:     Scores{NDCG: (1/math.Log2(3) + 3/math.Log2(4)) / idealAB, Recall: 1, MRR: 0.5, P1: 0},
		},
		{
			name:     "same path repeated is credited once",
			q:        q,
			returned: []string{"a1.md", "a1.md", "a1.md"},
			k:        10,
			want:     Scores{NDCG: 3 / idealAB, Recall: 0.5, MRR: 1, P1: 1},
		},
		{
			name:     "no hit gives zeros",
			q:        q,
			returned: []string{"x.md", "y.md"},
			k:        10,
			want:     Scores{},
		},
		{
			name:     "empty result list",
			q:        q,
			returned: nil,
			k:        10,
			want:     Scores{},
		},
		{
			name:     "hits beyond k are ignored",
			q:        q,
			returned: []string{"x.md", "b.md"},
			k:        1,
			want:     Scores{},
		},
		{
			name:     "paths are normalized: ./, leading /, spaces, NFD",
			q:        Query{Relevant: []Group{{Paths: []string{"./laws/café.md"}, Grade: 2}, {Paths: []string{"b.md"}, Grade: 2}}},
			returned: []string{" /laws/cafe\u0301.md\n", "././b.md"},
			k:        10,
			want:     Scores{NDCG: 1, Recall: 1, MRR: 1, P1: 1},
		},
		{
			name:     "ideal ranking is cut at k",
			q:        Query{Relevant: []Group{{Paths: []string{"a"}, Grade: 2}, {Paths: []string{"b"}, Grade: 2}, {Paths: []string{"c"}, Grade: 2}}},
			returned: []string{"c"},
			k:        1,
			want:     Scores{NDCG: 1, Recall: 1.0 / 3, MRR: 1, P1: 1},
		},
		{
			name:     "grade 0 and empty groups are not relevant",
			q:        Query{Relevant: []Group{{Paths: []string{"a"}, Grade: 0}, {Paths: nil, Grade: 2}}},
			returned: []string{"a"},
			k:        10,
			want:     Scores{},
		},
		{
			name: "a path in two groups counts for the first group only",
			q: Query{Relevant: []Group{
				{Paths: []string{"p"}, Grade: 1},
				{Paths: []string{"p", "r"}, Grade: 2},
			}},
			returned: []string{"p", "r"},
			k:        10,
			want:     Scores{NDCG: (1 + 3/math.Log2(3)) / idealAB, Recall: 1, MRR: 1, P1: 1},
		},
		{
			name:     "relevant hit at rank 4",
			q:        q,
			returned: []string{"x", "y", "z", "a2.md"},
			k:        10,
			want:     Scores{NDCG: (3 / math.Log2(5)) / idealAB, Recall: 0.5, MRR: 0.25, P1: 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.q, tt.returned, tt.k)
			if !near(got.NDCG, tt.want.NDCG) || !near(got.Recall, tt.want.Recall) ||
				!near(got.MRR, tt.want.MRR) || !near(got.P1, tt.want.P1) {
				t.Errorf("Score() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNormalizePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"laws/a.md", "laws/a.md"},
		{"./laws/a.md", "laws/a.md"},
		{"././laws/a.md", "laws/a.md"},
		{"//laws/a.md", "laws/a.md"},
		{"/./laws/a.md", "./laws/a.md"}, // the script strips ./ before /, once each
		{"\u3000laws/a.md\t", "laws/a.md"},
		{"\x1flaws/a.md", "laws/a.md"},
		{"cafe\u0301", "café"},
		{"data.jsonl#3", "data.jsonl#3"},
	}
	for _, tt := range tests {
		if got := NormalizePath(tt.in); got != tt.want {
			t.Errorf("NormalizePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadQueriesFixture(t *testing.T) {
	qs, err := LoadQueries(filepath.Join("testdata", "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 {
		t.Fatalf("got %d queries, want 3 (the blank line is skipped)", len(qs))
	}
	first := qs[0]
	if first.ID != "t001" || first.Query != "人才 落户" || first.Intent != "talent" ||
		len(first.Relevant) != 2 || first.Relevant[0].Grade != 2 || len(first.Relevant[0].Paths) != 2 ||
		!strings.Contains(first.Note, "older revision") {
		t.Errorf("first query = %+v", first)
	}
	if qs[2].Intent != "-" {
		t.Errorf("missing intent = %q, want %q as in the script", qs[2].Intent, "-")
	}
	if qs[1].Relevant[1].Grade != 0 {
		t.Errorf("grade-0 group should be kept as written: %+v", qs[1].Relevant)
	}
}

func TestLoadQueriesErrors(t *testing.T) {
	good := `{"id": "a", "query": "q", "intent": "short", "relevant": []}`
	tests := []struct {
		name    string
		content string
		wantErr string
	}{
		{"bad JSON", good + "\n{not json\n", ":2: bad query line"},
		{"missing id", "\n" + good + "\n" + `{"query": "q", "relevant": []}`, ":3: bad query line"},
		{"missing relevant", `{"id": "a", "query": "q"}`, ":1: bad query line"},
		{"grade not a number", `{"id": "a", "query": "q", "relevant": [{"paths": [], "grade": "x"}]}`, ":1: bad query line"},
		{"group without paths", `{"id": "a", "query": "q", "relevant": [{"grade": 1}]}`, ":1: bad query line"},
		{"empty file", "\n\n", "no queries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "q.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadQueries(path)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("LoadQueries error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
	if _, err := LoadQueries(filepath.Join(t.TempDir(), "absent.jsonl")); err == nil {
		t.Error("LoadQueries on a missing file: want an error")
	}
}

func TestLoadQueriesDev(t *testing.T) {
	dir := testcorpus.EvalDir(t)
	qs, err := LoadQueries(filepath.Join(dir, "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 88 {
		t.Errorf("got %d dev queries, want 88 or more", len(qs))
	}
	for _, q := range qs {
		if !slices.Contains(Intents, q.Intent) {
			t.Errorf("query %s: unknown intent %q", q.ID, q.Intent)
		}
		if q.ID == "" || q.Query == "" || len(q.Relevant) == 0 {
			t.Errorf("query %s: incomplete: %+v", q.ID, q)
		}
	}
}

func TestEvaluateAndReport(t *testing.T) {
	qs, err := LoadQueries(filepath.Join("testdata", "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	results := map[string][]string{
		"人才 落户":          {"law-db/示例市人才发展促进条例(2024-03-28).md"}, // grade 2 of 2+1
		"示例人社发〔2023〕21号": {"x", "./laws/博士后资助办法.md"},            // only group, rank 2
		"公积金":            {"x"},                                 // no groups: zeros
	}
	r, err := Evaluate(qs, 10, func(q string) ([]string, error) { return results[q], nil })
	if err != nil {
		t.Fatal(err)
	}
	wantNDCG := (3/(3+1/math.Log2(3)) + 1/math.Log2(3) + 0) / 3
	if !near(r.Total.NDCG, wantNDCG) || !near(r.Total.Recall, 0.5) || !near(r.Total.MRR, 0.5) || !near(r.Total.P1, 1.0/3) {
		t.Errorf("Total = %+v, want nDCG %.6f recall 0.5 mrr 0.5 P@1 0.333", r.Total, wantNDCG)
	}
	gotIntents := []string{}
	for _, im := range r.ByIntent {
		gotIntents = append(gotIntents, im.Intent)
	}
	if want := []string{"-", "docnum", "talent"}; !slices.Equal(gotIntents, want) {
		t.Errorf("intents = %v, want %v", gotIntents, want)
	}
	if got := r.PerQuery[1].Hits[1]; got != "laws/博士后资助办法.md" {
		t.Errorf("hits are stored normalized, got %q", got)
	}
	if w := r.Weakest(2); len(w) != 2 || w[0].ID != "t003" || w[1].ID != "t002" {
		t.Errorf("Weakest(2) = %v", w)
	}
	if w := r.Weakest(10); len(w) != 3 {
		t.Errorf("Weakest(10) returned %d queries, want all 3", len(w))
	}

	var sb strings.Builder
	if err := r.WriteTable(&sb); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(sb.String()), "\n")
	wantLast := "nDCG@10 0.486 recall@10 0.500 mrr 0.500 queries 3"
	if last := lines[len(lines)-1]; last != wantLast {
		t.Errorf("last line = %q, want %q\n%s", last, wantLast, sb.String())
	}
	if len(lines) != 1+1+3+1 || !strings.HasPrefix(strings.TrimSpace(lines[1]), "all") {
		t.Errorf("table layout:\n%s", sb.String())
	}

	if _, err := Evaluate(qs, 0, nil); err == nil {
		t.Error("Evaluate with k=0: want an error")
	}
	failing := func(string) ([]string, error) { return nil, os.ErrDeadlineExceeded }
	if _, err := Evaluate(qs, 10, failing); err == nil || !strings.Contains(err.Error(), "t001") {
		t.Errorf("Evaluate with a failing search: error %v should name the query", err)
	}
}
