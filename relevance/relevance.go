// Package relevance scores search results against a graded query set.
//
// It reimplements the reference script shared/eval/evaluate in Go, so that
// tests and tools can measure ranking quality without starting a server.
// The numbers agree with the script: same path normalization, same
// treatment of duplicate hits, same nDCG, recall, MRR and P@1, and the same
// summary line. When the two disagree, the script is right.
package relevance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Query is one judged query of a dev/test file.
type Query struct {
	ID     string
	Query  string
	Intent string // talent, precedent, known-item, clause, docnum, short; "-" when the file omits it
	// Relevant lists the groups as the file states them, including any with
	// grade 0 or no paths; Score ignores those, as the script does.
	Relevant []Group
	Note     string
}

// Group is one relevant document: the paths under which the corpus stores
// it, and its grade (2 answers the query, 1 is partly relevant).
type Group struct {
	Paths []string
	Grade int
}

// Intents are the query intents the README defines.
var Intents = []string{"clause", "docnum", "known-item", "precedent", "short", "talent"}

// queryLine mirrors one JSON line. Pointers tell a missing key from an
// empty one, because the script rejects lines without id, query or relevant.
type queryLine struct {
	ID       *json.RawMessage `json:"id"`
	Query    *json.RawMessage `json:"query"`
	Intent   *string          `json:"intent"`
	Relevant *[]groupLine     `json:"relevant"`
	Note     string           `json:"note"`
}

type groupLine struct {
	Paths *[]string        `json:"paths"`
	Grade *json.RawMessage `json:"grade"`
}

// LoadQueries reads a JSON Lines query file. Blank lines are skipped and
// unknown keys ignored; a malformed line fails with its line number.
func LoadQueries(path string) ([]Query, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	var queries []Query
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), len(data)+1) // a line may be as long as the file
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		q, err := parseQuery(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad query line: %w", path, n, err)
		}
		queries = append(queries, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries %s: %w", path, err)
	}
	if len(queries) == 0 {
		return nil, fmt.Errorf("no queries in %s", path)
	}
	return queries, nil
}

func parseQuery(line []byte) (Query, error) {
	var raw queryLine
	if err := json.Unmarshal(line, &raw); err != nil {
		return Query{}, err
	}
	if raw.ID == nil || raw.Query == nil || raw.Relevant == nil {
		return Query{}, errors.New(`"id", "query" and "relevant" are required`)
	}
	q := Query{Intent: "-", Note: raw.Note}
	var err error
	if q.ID, err = stringOrNumber(*raw.ID); err != nil {
		return Query{}, fmt.Errorf("id: %w", err)
	}
	if err := json.Unmarshal(*raw.Query, &q.Query); err != nil {
		return Query{}, fmt.Errorf("query: %w", err)
	}
	if raw.Intent != nil {
		q.Intent = *raw.Intent
	}
	for i, g := range *raw.Relevant {
		if g.Paths == nil || g.Grade == nil {
			return Query{}, fmt.Errorf(`relevant[%d]: "paths" and "grade" are required`, i)
		}
		grade, err := parseGrade(*g.Grade)
		if err != nil {
			return Query{}, fmt.Errorf("relevant[%d]: grade: %w", i, err)
		}
		q.Relevant = append(q.Relevant, Group{Paths: *g.Paths, Grade: grade})
	}
	return q, nil
}

// stringOrNumber accepts ids written as numbers too, as the script does.
func stringOrNumber(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf("want a string or number, got %s", raw)
	}
	return n.String(), nil
}

// parseGrade follows Python's int(): numbers are truncated toward zero and
// strings must hold an integer.
func parseGrade(raw json.RawMessage) (int, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		g, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return 0, fmt.Errorf("not an integer: %q", s)
		}
		return g, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, fmt.Errorf("want a number, got %s", raw)
	}
	return int(math.Trunc(f)), nil
}

// NormalizePath brings a document path to the form the judgments use:
// NFC, surrounding white space trimmed, leading "./" and "/" removed.
// It follows the script step by step, so "/./a" keeps its "./".
func NormalizePath(p string) string {
	p = norm.NFC.String(p)
	p = strings.TrimFunc(p, isPythonSpace)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return strings.TrimLeft(p, "/")
}

// isPythonSpace matches Python's str.isspace, which also counts the
// ASCII separators U+001C..U+001F that unicode.IsSpace leaves out.
func isPythonSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// Scores are one query's metrics at cut-off k.
type Scores struct {
	NDCG   float64 // nDCG@k
	Recall float64 // share of the groups found in the top k
	MRR    float64 // reciprocal rank of the first hit in any group
	P1     float64 // 1 if the first hit is in a group
}

// judgedGroup is a group as the script keeps it: grade >= 1, normalized paths.
type judgedGroup struct {
	grade int
	paths map[string]bool
}

// judged drops the groups the script drops (grade below 1, no paths).
func judged(q Query) []judgedGroup {
	var groups []judgedGroup
	for _, g := range q.Relevant {
		if g.Grade < 1 || len(g.Paths) == 0 {
			continue
		}
		paths := make(map[string]bool, len(g.Paths))
		for _, p := range g.Paths {
			paths[NormalizePath(p)] = true
		}
		groups = append(groups, judgedGroup{grade: g.Grade, paths: paths})
	}
	return groups
}

// Score computes one query's metrics over the first k returned paths.
// A group earns its gain once, at the first rank where any of its paths
// appears; a query without relevant groups scores zero everywhere.
func Score(q Query, returned []string, k int) Scores {
	s, _ := score(judged(q), returned, k)
	return s
}

// score also returns the rank of the first relevant hit (0 if none).
func score(groups []judgedGroup, returned []string, k int) (Scores, int) {
	if k < 1 {
		return Scores{}, 0
	}
	if len(returned) > k {
		returned = returned[:k]
	}
	credited := make(map[int]bool)
	dcg := 0.0
	firstRel := 0
	for i, p := range returned {
		rank := i + 1
		p = NormalizePath(p)
		// Like the script, a path counts for the first group holding it
		// only, even if a later group lists it too.
		for gi, g := range groups {
			if !g.paths[p] {
				continue
			}
			if firstRel == 0 {
				firstRel = rank
			}
			if !credited[gi] {
				credited[gi] = true
				dcg += gain(g.grade) / math.Log2(float64(rank+1))
			}
			break
		}
	}

	grades := make([]int, len(groups))
	for i, g := range groups {
		grades[i] = g.grade
	}
	// Best grade first; only the top k positions exist in the ideal list.
	slices.Sort(grades)
	slices.Reverse(grades)
	if len(grades) > k {
		grades = grades[:k]
	}
	idcg := 0.0
	for i, g := range grades {
		idcg += gain(g) / math.Log2(float64(i+2))
	}

	var s Scores
	if idcg > 0 {
		s.NDCG = dcg / idcg
	}
	if len(groups) > 0 {
		s.Recall = float64(len(credited)) / float64(len(groups))
	}
	if firstRel > 0 {
		s.MRR = 1 / float64(firstRel)
	}
	if firstRel == 1 {
		s.P1 = 1
	}
	return s, firstRel
}

// gain is 2^grade - 1, computed exactly as the script's integer power.
func gain(grade int) float64 {
	return math.Pow(2, float64(grade)) - 1
}
