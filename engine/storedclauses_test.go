package engine

import (
	"reflect"
	"testing"
)

func TestStoredClausesRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		clauses []storedClause
	}{
		{"none", []storedClause{}},
		{"one", []storedClause{{Label: "第一条", Anchor: "第一条", Start: 0, End: 42}}},
		{"paragraphs without labels", []storedClause{{Anchor: "p1", Start: 3, End: 9}, {Anchor: "p2", Start: 9, End: 400}}},
		{"large offsets", []storedClause{{Label: "第一千二百六十条", Anchor: "第一千二百六十条", Start: 502113, End: 502400}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeClauses(encodeClauses(tt.clauses))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.clauses) {
				t.Errorf("round trip = %+v, want %+v", got, tt.clauses)
			}
		})
	}
}

func TestStoredClausesRejectsDamage(t *testing.T) {
	good := encodeClauses([]storedClause{{Label: "第一条", Anchor: "第一条", Start: 10, End: 20}, {Label: "第二条", Anchor: "第二条", Start: 20, End: 30}})
	for _, bad := range []string{
		"",
		good[:len(good)-1],         // last anchor cut short
		good[:5],                   // inside the first label
		good + "x",                 // trailing bytes
		"\xff\xff\xff\xff\xff\xff", // a count that never ends
		"\x05",                     // five clauses promised, none there
	} {
		if got, err := decodeClauses(bad); err == nil {
			t.Errorf("decodeClauses(%q) = %+v, want an error", bad, got)
		}
	}
}
