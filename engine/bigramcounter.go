package engine

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"

	"policysearch/analysis"
)

// bigramCounter gathers the body bigram postings of a build. Documents are
// numbered in build order until the merged index gives them their numbers.
// It is safe for concurrent use.
type bigramCounter struct {
	buffers sync.Pool // *[]string: one document's terms, reused
	mu      sync.Mutex
	termIDs map[string]uint32
	terms   []string
	lists   [][]uint64 // per term: build number << 32 | frequency
	lengths []uint32   // per build number
	counts  []uint32   // per term: its frequency in the document being added
	touched []uint32   // the terms whose counts are not zero
}

func newBigramCounter(docs int) *bigramCounter {
	return &bigramCounter{termIDs: map[string]uint32{}, lengths: make([]uint32, docs)}
}

// add records the bigrams of body, the body of the document of build
// number doc: the terms analysis.Bigrams gives, which are what bleve
// indexed for the field, and their number its length.
func (c *bigramCounter) add(doc int, body string) {
	buf, _ := c.buffers.Get().(*[]string)
	if buf == nil {
		buf = new([]string)
	}
	terms := analysis.AppendBigrams((*buf)[:0], body)
	defer func() {
		clear(terms) // the terms hold the document's text
		*buf = terms[:0]
		c.buffers.Put(buf)
	}()

	c.mu.Lock()
	defer c.mu.Unlock()
	c.lengths[doc] = uint32(len(terms))
	for _, term := range terms {
		id, ok := c.termIDs[term]
		if !ok {
			// The terms share one copy of the document's text.
			term = strings.Clone(term)
			id = uint32(len(c.terms))
			c.termIDs[term] = id
			c.terms = append(c.terms, term)
			c.lists = append(c.lists, nil)
			c.counts = append(c.counts, 0)
		}
		if c.counts[id] == 0 {
			c.touched = append(c.touched, id)
		}
		c.counts[id]++
	}
	for _, id := range c.touched {
		c.lists[id] = append(c.lists[id], uint64(doc)<<32|uint64(c.counts[id]))
		c.counts[id] = 0
	}
	c.touched = c.touched[:0]
}

// write writes the postings to path, numbering each document as numberOf
// gives (build number → number in the merged index). It renumbers the
// postings in place and lets them go as it writes them: a counter is
// written once.
func (c *bigramCounter) write(path string, numberOf []uint32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	lengths, err := renumberLengths(c.lengths, numberOf)
	if err != nil {
		return err
	}
	pw, err := newPostingsWriter(path, false)
	if err != nil {
		return err
	}
	var buf []byte
	for _, id := range sortedTerms(c.terms) {
		list := c.lists[id]
		for i, p := range list {
			list[i] = uint64(numberOf[p>>32])<<32 | p&math.MaxUint32
		}
		slices.Sort(list)
		buf = buf[:0]
		prev := uint64(0)
		for _, p := range list {
			doc := p >> 32
			buf = binary.AppendUvarint(buf, doc-prev)
			buf = binary.AppendUvarint(buf, p&math.MaxUint32)
			prev = doc
		}
		pw.add(c.terms[id], buf, len(list))
		c.lists[id] = nil // written: let the collector have it
	}
	return pw.finish(lengths)
}
