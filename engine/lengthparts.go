package engine

import (
	"sync"
	"sync/atomic"
)

// lengthParts holds, per field and document, the length part of BM25,
// k1·(1−b+b·length/average length), which every term of that field scores
// a document with. zap gives a posting's length as a norm, 1/√length,
// computed with a square root and a division per posting, and the score
// turns it back into a length with two more divisions: a tenth of a loaded
// search's CPU. A generation's documents never change, so each value is
// computed once, from the first posting read, and kept (8 bytes per
// document and field, for the few fields queries score).
//
// Entries are atomic: concurrent searches may fill the same one, with the
// same value. Zero means not yet known (the part is always positive).
type lengthParts struct {
	mu     sync.Mutex
	fields map[string][]atomic.Uint64
}

// field returns the parts of one field for the index's n documents.
func (t *lengthParts) field(name string, n int) []atomic.Uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	parts, ok := t.fields[name]
	if !ok {
		if t.fields == nil {
			t.fields = map[string][]atomic.Uint64{}
		}
		parts = make([]atomic.Uint64, n)
		t.fields[name] = parts
	}
	return parts
}
