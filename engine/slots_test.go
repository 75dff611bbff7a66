package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSearchSlotsTakeTurns(t *testing.T) {
	slots := newSearchSlots(1)
	release, err := slots.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A second search waits while the slot is taken and gives up with its
	// context.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := slots.acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire with the only slot taken = %v, want a deadline error", err)
	}
	// Released, the slot goes to the next waiter.
	got := make(chan error, 1)
	go func() {
		r, err := slots.acquire(context.Background())
		if err == nil {
			r()
		}
		got <- err
	}()
	release()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waiter never got the released slot")
	}
}

func TestSearchSlotsUnlimited(t *testing.T) {
	slots := newSearchSlots(0)
	for range 100 {
		if _, err := slots.acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}
