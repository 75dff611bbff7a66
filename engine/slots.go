package engine

import (
	"context"
	"runtime"
)

// searchSlots bound how many searches run at once. A search that misses the
// result cache is CPU-bound: running more of them than there are processors
// only time-slices them, which stretches every search (the slowest most: at
// 16 connections on 2 cores its p99 was 330 ms for queries that take at most
// 16 ms alone) and holds more of their garbage at once. A search takes a
// slot before it starts and waits its turn otherwise; Go queues a channel's
// waiting senders in order, so turns are first come, first served.
type searchSlots chan struct{}

// newSearchSlots allows n searches at once; n < 1 means no limit.
func newSearchSlots(n int) searchSlots {
	if n < 1 {
		return nil
	}
	return make(searchSlots, n)
}

// defaultSearchSlots is one search per processor Go may use.
func defaultSearchSlots() searchSlots { return newSearchSlots(runtime.GOMAXPROCS(0)) }

// acquire waits for a slot, or for ctx to end. The caller calls release
// when its search is done.
func (s searchSlots) acquire(ctx context.Context) (release func(), err error) {
	if s == nil {
		return func() {}, nil
	}
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// tryAcquire takes a slot if one is free, without waiting: a running search
// borrows an idle processor this way for part of its work.
func (s searchSlots) tryAcquire() (release func(), ok bool) {
	if s == nil {
		return nil, false
	}
	select {
	case s <- struct{}{}:
		return func() { <-s }, true
	default:
		return nil, false
	}
}
