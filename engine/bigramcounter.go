package engine

import (
	"encoding/binary"
	"math"
	"slices"
	"sync"

	"policysearch/analysis"
)

// bigramCounter gathers the body bigram postings of a build. Documents are
// numbered in build order until the merged index gives them their numbers.
// It is safe for concurrent use.
type bigramCounter struct {
	buffers sync.Pool // *[]string: one document's terms, reused
	mu      sync.Mutex
	terms   termNumbers
	lists   [][]uint64 // per term: build number << 32 | frequency
	lengths []uint32   // per build number
}

func newBigramCounter(docs int) *bigramCounter {
	return &bigramCounter{lengths: make([]uint32, docs)}
}

// add records the bigrams of the body of the document of build number doc,
// given normalized (analysis.Normalize): the terms analysis.Bigrams gives,
// which are what bleve indexed for the field, and their number its length.
func (c *bigramCounter) add(doc int, normBody string) {
	buf, _ := c.buffers.Get().(*[]string)
	if buf == nil {
		buf = new([]string)
	}
	terms := analysis.AppendNormalizedBigrams((*buf)[:0], normBody)
	defer func() {
		clear(terms) // the terms hold the document's text
		*buf = terms[:0]
		c.buffers.Put(buf)
	}()

	c.mu.Lock()
	defer c.mu.Unlock()
	c.lengths[doc] = uint32(len(terms))
	for _, term := range terms {
		if _, isNew := c.terms.count(term); isNew {
			c.lists = append(c.lists, nil)
		}
	}
	for _, id := range c.terms.touched {
		c.lists[id] = append(c.lists[id], uint64(doc)<<32|uint64(c.terms.counts[id]))
	}
	c.terms.reset()
}

// write writes the postings to path, numbering each document as numberOf
// gives (build number → number in the merged index). It renumbers the
// postings in place and lets them go as it writes them: a counter is
// written once.
func (c *bigramCounter) write(path string, numberOf []uint32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return writeTerms(path, false, &c.terms, c.lengths, numberOf, func(id uint32, buf []byte) ([]byte, int) {
		list := c.lists[id]
		for i, p := range list {
			list[i] = uint64(numberOf[p>>32])<<32 | p&math.MaxUint32
		}
		slices.Sort(list)
		prev := uint64(0)
		for _, p := range list {
			doc := p >> 32
			buf = binary.AppendUvarint(buf, doc-prev)
			buf = binary.AppendUvarint(buf, p&math.MaxUint32)
			prev = doc
		}
		c.lists[id] = nil // written: let the collector have it
		return buf, len(list)
	})
}
