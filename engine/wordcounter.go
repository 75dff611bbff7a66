package engine

import (
	"cmp"
	"encoding/binary"
	"slices"
	"sync"

	"policysearch/analysis"
)

// wordCounter gathers the body word postings of a build, with their
// locations, as the field's analyzer makes them (analysis.Tokens: words and
// their sub-words). Documents are numbered in build order until the merged
// index gives them their numbers. It is safe for concurrent use.
type wordCounter struct {
	mu    sync.Mutex
	terms termNumbers
	// records hold, per term and in the order documents were added,
	// uvarint(build number) uvarint(frequency) uvarint(bytes) locations.
	records [][]byte
	lengths []uint32 // per build number
	// Scratch for the document being added: per term, where its group
	// starts in order; per token, its term; the tokens grouped by term.
	slots []uint32
	ids   []uint32
	order []int32
	locs  []byte
}

func newWordCounter(docs int) *wordCounter {
	return &wordCounter{lengths: make([]uint32, docs)}
}

// add records the words of the body of the document of build number doc,
// and where they stand: its tokens, as analysis.Tokens gives them.
func (c *wordCounter) add(doc int, tokens []analysis.Token) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lengths[doc] = uint32(len(tokens))
	c.ids = c.ids[:0]
	for _, t := range tokens {
		id, isNew := c.terms.count(t.Term)
		if isNew {
			c.records = append(c.records, nil)
			c.slots = append(c.slots, 0)
		}
		c.ids = append(c.ids, id)
	}
	// Group the tokens by term, each group in the text's order.
	counts := c.terms.counts
	next := uint32(0)
	for _, id := range c.terms.touched {
		c.slots[id] = next
		next += counts[id]
	}
	c.order = slices.Grow(c.order[:0], len(tokens))[:len(tokens)]
	for i, id := range c.ids {
		c.order[c.slots[id]] = int32(i)
		c.slots[id]++
	}
	start := uint32(0)
	for _, id := range c.terms.touched {
		group := c.order[start : start+counts[id]]
		start += counts[id]
		c.locs = c.locs[:0]
		var pos, from int
		for _, i := range group {
			t := tokens[i]
			c.locs = binary.AppendUvarint(c.locs, uint64(t.Position-pos))
			c.locs = binary.AppendVarint(c.locs, int64(t.Start-from))
			c.locs = binary.AppendUvarint(c.locs, uint64(t.End-t.Start))
			pos, from = t.Position, t.Start
		}
		r := c.records[id]
		r = binary.AppendUvarint(r, uint64(doc))
		r = binary.AppendUvarint(r, uint64(len(group)))
		r = binary.AppendUvarint(r, uint64(len(c.locs)))
		c.records[id] = append(r, c.locs...)
	}
	c.terms.reset()
}

// write writes the postings to path, numbering each document as numberOf
// gives (build number → number in the merged index). It lets the records
// go as it writes them: a counter is written once.
func (c *wordCounter) write(path string, numberOf []uint32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	// A record of the term being written: its document's new number, its
	// frequency and where its locations lie in the term's records.
	type record struct {
		doc, freq  uint64
		start, end int
	}
	var recs []record
	return writeTerms(path, true, &c.terms, c.lengths, numberOf, func(id uint32, buf []byte) ([]byte, int) {
		data := c.records[id]
		recs = recs[:0]
		for at := 0; at < len(data); {
			doc, a := binary.Uvarint(data[at:])
			freq, b := binary.Uvarint(data[at+a:])
			size, d := binary.Uvarint(data[at+a+b:])
			start := at + a + b + d
			recs = append(recs, record{doc: uint64(numberOf[doc]), freq: freq, start: start, end: start + int(size)})
			at = start + int(size)
		}
		slices.SortFunc(recs, func(x, y record) int { return cmp.Compare(x.doc, y.doc) })
		prev := uint64(0)
		for _, r := range recs {
			buf = binary.AppendUvarint(buf, r.doc-prev)
			buf = binary.AppendUvarint(buf, r.freq)
			buf = binary.AppendUvarint(buf, uint64(r.end-r.start))
			buf = append(buf, data[r.start:r.end]...)
			prev = r.doc
		}
		c.records[id] = nil // written: let the collector have it
		return buf, len(recs)
	})
}
