package engine

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestForEach(t *testing.T) {
	for _, tc := range []struct {
		name  string
		slots int // slots in all; the search itself holds one
		n     int
	}{
		{"no slot free: the search alone", 1, 10},
		{"one helper", 2, 10},
		{"more helpers than items", 8, 3},
		{"no items", 2, 0},
		{"unlimited slots: no helpers to borrow", 0, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := &Index{slots: newSearchSlots(tc.slots)}
			release, err := ix.slots.acquire(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			defer release()
			calls := make([]atomic.Int32, tc.n)
			if err := ix.forEach(tc.n, func(i int) error { calls[i].Add(1); return nil }); err != nil {
				t.Fatal(err)
			}
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("item %d ran %d times, want once", i, c)
				}
			}
			if tc.slots > 0 && len(ix.slots) != 1 {
				t.Errorf("%d slots held after forEach, want only the search's own", len(ix.slots))
			}
		})
	}
}

func TestForEachReturnsAnError(t *testing.T) {
	ix := &Index{slots: newSearchSlots(2)}
	bad := errors.New("bad item")
	err := ix.forEach(20, func(i int) error {
		if i == 7 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Errorf("forEach = %v, want %v", err, bad)
	}
}
