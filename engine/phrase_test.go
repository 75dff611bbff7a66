package engine

import "testing"

func TestPhraseAt(t *testing.T) {
	for _, tt := range []struct {
		steps [][]uint64
		want  bool
	}{
		{[][]uint64{{1, 5}, {2, 9}, {3}}, true},  // 1 2 3
		{[][]uint64{{1, 5}, {6}, {7, 20}}, true}, // 5 6 7
		{[][]uint64{{1, 5}, {2, 6}, {8}}, false}, // 2 and 6 lead nowhere
		{[][]uint64{{3}, {2}}, false},            // out of order
		{[][]uint64{{4}, {4}}, false},            // the same position twice
		{[][]uint64{{7}}, true},                  // one position
		{[][]uint64{{1, 2, 3}, {}, {4}}, false},  // a position never present
		{[][]uint64{{10, 20, 30}, {21, 31}, {32}}, true},
	} {
		if got := phraseAt(tt.steps, 0); got != tt.want {
			t.Errorf("phraseAt(%v) = %v, want %v", tt.steps, got, tt.want)
		}
	}
}
