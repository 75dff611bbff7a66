package engine

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	mmap "github.com/blevesearch/mmap-go"

	"policysearch/analysis"
)

// The character bigrams of bodies (fieldBodyBigram) are not in bleve's
// index but in a postings file of their own. They are the largest field by
// far (17.5 million tokens, 6.4 million postings over 326,000 terms on the
// full corpus), never highlighted and only ever read whole, term by term, by
// the evaluator; zap spent half of a build's time on them, making them into
// segments and merging those again. Here they are counted in memory as
// batches are analyzed and written once, in the merged index's document
// numbers. The evaluator reads them as it reads a zap postings list: the
// same documents, frequencies and norms, so the same scores.
//
// Generations built before the file existed keep the field in bleve, where
// the snapshot reader then finds it. bleve's own searchers, which answer
// only what the evaluator cannot (generations without the tables it keeps
// in memory), never see the file: there no body bigram matches.
const bodyBigramsFile = "body_bigrams"

// bodyBigramsMagic starts the file and names its layout:
//
//	magic [8]byte, docs uint32, terms uint32
//	lengths  [docs]uint32   field length of each document number
//	termEnds [terms]uint32  end of each term in the term bytes, terms sorted
//	listEnds [terms]uint64  end of each term's postings in the postings bytes
//	counts   [terms]uint32  documents holding each term
//	term bytes, postings bytes: per document, ascending, uvarint(gap) uvarint(freq)
//
// Integers are little-endian.
const bodyBigramsMagic = "psbgram1"

// bodyBigramsInBleve also indexes the body bigrams in bleve, for tests that
// compare the evaluator over the postings file with bleve's own searchers.
var bodyBigramsInBleve = false

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
// gives (build number → number in the merged index), and syncs the file.
// It renumbers the postings in place and lets them go as it writes them:
// a counter is written once.
func (c *bigramCounter) write(path string, numberOf []uint32) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(numberOf) != len(c.lengths) {
		return fmt.Errorf("write body bigrams: %d document numbers for %d documents", len(numberOf), len(c.lengths))
	}
	order := make([]uint32, len(c.terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(c.terms[a], c.terms[b]) })

	lengths := make([]uint32, len(c.lengths))
	for doc, n := range c.lengths {
		lengths[numberOf[doc]] = n
	}
	var termBytes []byte
	termEnds := make([]uint32, 0, len(order))
	for _, id := range order {
		termBytes = append(termBytes, c.terms[id]...)
		termEnds = append(termEnds, uint32(len(termBytes)))
	}

	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create body bigrams: %w", err)
	}
	// bufio keeps the first write error and returns it from every later
	// call: the last Write and Flush report it.
	w := bufio.NewWriterSize(f, 1<<20)
	le := binary.LittleEndian
	head := append([]byte(bodyBigramsMagic), le.AppendUint32(le.AppendUint32(nil, uint32(len(lengths))), uint32(len(order)))...)
	_, _ = w.Write(head)
	var buf []byte
	for _, n := range lengths {
		buf = le.AppendUint32(buf, n)
	}
	for _, end := range termEnds {
		buf = le.AppendUint32(buf, end)
	}
	_, _ = w.Write(buf)
	// The postings are encoded into one buffer first: their ends and
	// counts come before them in the file.
	var postings []byte
	listEnds := make([]byte, 0, 8*len(order))
	counts := make([]byte, 0, 4*len(order))
	for _, id := range order {
		list := c.lists[id]
		for i, p := range list {
			list[i] = uint64(numberOf[p>>32])<<32 | p&math.MaxUint32
		}
		slices.Sort(list)
		prev := uint64(0)
		for _, p := range list {
			doc := p >> 32
			postings = binary.AppendUvarint(postings, doc-prev)
			postings = binary.AppendUvarint(postings, p&math.MaxUint32)
			prev = doc
		}
		listEnds = le.AppendUint64(listEnds, uint64(len(postings)))
		counts = le.AppendUint32(counts, uint32(len(list)))
		c.lists[id] = nil // written: let the collector have it
	}
	_, _ = w.Write(listEnds)
	_, _ = w.Write(counts)
	_, _ = w.Write(termBytes)
	if _, err := w.Write(postings); err != nil {
		_ = f.Close()
		return fmt.Errorf("write body bigrams: %w", err)
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return fmt.Errorf("write body bigrams: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("sync body bigrams: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close body bigrams: %w", err)
	}
	return nil
}

// bodyBigrams reads a generation's body bigram postings from the mapped
// file; it is safe for concurrent use.
type bodyBigrams struct {
	f        *os.File
	data     mmap.MMap
	docs     int
	terms    int
	lengths  []byte
	termEnds []byte
	listEnds []byte
	counts   []byte
	termData []byte
	postings []byte
}

// openBodyBigrams maps the body bigrams file of gen, or returns nil for a
// generation built before there was one.
func openBodyBigrams(gen string) (*bodyBigrams, error) {
	path := filepath.Join(gen, bodyBigramsFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open body bigrams: %w", err)
	}
	b := &bodyBigrams{f: f}
	if err := b.load(); err != nil {
		_ = b.close()
		return nil, fmt.Errorf("read body bigrams %s: %w", path, err)
	}
	return b, nil
}

// load maps the open file and slices its sections.
func (b *bodyBigrams) load() error {
	st, err := b.f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return errors.New("empty") // and an empty file cannot be mapped
	}
	if b.data, err = mmap.Map(b.f, mmap.RDONLY, 0); err != nil {
		return err
	}
	return b.parse()
}

// parse checks the file's layout and slices its sections.
func (b *bodyBigrams) parse() error {
	d := []byte(b.data)
	head := len(bodyBigramsMagic) + 8
	if len(d) < head || string(d[:len(bodyBigramsMagic)]) != bodyBigramsMagic {
		return errors.New("not a body bigrams file")
	}
	le := binary.LittleEndian
	b.docs = int(le.Uint32(d[len(bodyBigramsMagic):]))
	b.terms = int(le.Uint32(d[len(bodyBigramsMagic)+4:]))
	fixed := head + 4*b.docs + 4*b.terms + 8*b.terms + 4*b.terms
	if len(d) < fixed {
		return errors.New("truncated")
	}
	at := head
	cut := func(n int) []byte { s := d[at : at+n]; at += n; return s }
	b.lengths = cut(4 * b.docs)
	b.termEnds = cut(4 * b.terms)
	b.listEnds = cut(8 * b.terms)
	b.counts = cut(4 * b.terms)
	var termBytes, postingBytes int
	if b.terms > 0 {
		termBytes = int(le.Uint32(b.termEnds[4*(b.terms-1):]))
		postingBytes = int(le.Uint64(b.listEnds[8*(b.terms-1):]))
	}
	if len(d)-fixed != termBytes+postingBytes {
		return fmt.Errorf("%d bytes after the tables, want %d of terms and %d of postings", len(d)-fixed, termBytes, postingBytes)
	}
	// Every term and postings list must lie within its section, in order,
	// or a lookup would read out of bounds.
	var prevTerm uint32
	var prevList uint64
	for i := range b.terms {
		term, list := le.Uint32(b.termEnds[4*i:]), le.Uint64(b.listEnds[8*i:])
		if term < prevTerm || list < prevList {
			return fmt.Errorf("term %d out of order", i)
		}
		prevTerm, prevList = term, list
	}
	b.termData = cut(termBytes)
	b.postings = cut(postingBytes)
	return nil
}

func (b *bodyBigrams) close() error {
	if b == nil {
		return nil
	}
	var unmap error
	if b.data != nil {
		unmap = b.data.Unmap()
	}
	return errors.Join(unmap, b.f.Close())
}

// find returns the index of term among the sorted terms.
func (b *bodyBigrams) find(term string) (int, bool) {
	i := sort.Search(b.terms, func(i int) bool { return string(b.termBytes(i)) >= term })
	return i, i < b.terms && string(b.termBytes(i)) == term
}

// termBytes returns the i-th term of the sorted terms.
func (b *bodyBigrams) termBytes(i int) []byte {
	le := binary.LittleEndian
	start := uint32(0)
	if i > 0 {
		start = le.Uint32(b.termEnds[4*(i-1):])
	}
	return b.termData[start:le.Uint32(b.termEnds[4*i:])]
}

// count returns how many documents hold term.
func (b *bodyBigrams) count(term string) uint64 {
	i, ok := b.find(term)
	if !ok {
		return 0
	}
	return uint64(binary.LittleEndian.Uint32(b.counts[4*i:]))
}

// open returns term's postings: empty when no document holds it.
func (b *bodyBigrams) open(term string) *bigramPostings {
	p := &bigramPostings{lengths: b.lengths}
	i, ok := b.find(term)
	if !ok {
		return p
	}
	le := binary.LittleEndian
	start := uint64(0)
	if i > 0 {
		start = le.Uint64(b.listEnds[8*(i-1):])
	}
	p.data = b.postings[start:le.Uint64(b.listEnds[8*i:])]
	p.n = uint64(le.Uint32(b.counts[4*i:]))
	return p
}

// bigramPostings reads one term's postings of the body bigrams file in
// document order. It is a postingSource; it has no locations.
type bigramPostings struct {
	data    []byte
	n       uint64
	lengths []byte
	doc     uint64
}

func (p *bigramPostings) count() uint64 { return p.n }

func (p *bigramPostings) next() (doc, freq uint64, ok bool, err error) {
	if len(p.data) == 0 {
		return 0, 0, false, nil
	}
	gap, n := binary.Uvarint(p.data)
	if n <= 0 {
		return 0, 0, false, errors.New("body bigrams: bad document gap")
	}
	freq, m := binary.Uvarint(p.data[n:])
	if m <= 0 {
		return 0, 0, false, errors.New("body bigrams: bad frequency")
	}
	p.data = p.data[n+m:]
	p.doc += gap
	if 4*p.doc+4 > uint64(len(p.lengths)) {
		return 0, 0, false, fmt.Errorf("body bigrams: document %d out of range", p.doc)
	}
	return p.doc, freq, true, nil
}

// norm is zap's norm for the field's length in the document next returned
// last: 1/√length, rounded to a float32 as zap rounds it.
func (p *bigramPostings) norm() float64 {
	length := binary.LittleEndian.Uint32(p.lengths[4*p.doc:])
	return float64(float32(1.0 / math.Sqrt(float64(length))))
}

func (p *bigramPostings) advance(uint64) (uint64, bool, error) {
	return 0, false, errors.New("body bigrams have no locations")
}

func (p *bigramPostings) locations() bsearch.Locations { return nil }

func (p *bigramPostings) close() {}

// writeBodyBigrams writes the body bigram postings of the generation gen,
// whose index is built and merged; ids are its documents' ids in build
// order.
func writeBodyBigrams(gen string, ids []string, bigrams *bigramCounter) error {
	b, err := bleve.OpenUsing(filepath.Join(gen, bleveSubdir), map[string]any{"read_only": true})
	if err != nil {
		return fmt.Errorf("open index to number its documents: %w", err)
	}
	defer b.Close()
	adv, err := b.Advanced()
	if err != nil {
		return fmt.Errorf("open index internals: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("open index reader: %w", err)
	}
	defer r.Close()
	numberOf := make([]uint32, len(ids))
	for i, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return fmt.Errorf("look up %s: %w", id, err)
		}
		n, ok := docNumber(iid)
		if !ok || n >= uint64(len(ids)) {
			return fmt.Errorf("document %s has no number in the merged index", id)
		}
		numberOf[i] = uint32(n)
	}
	return bigrams.write(filepath.Join(gen, bodyBigramsFile), numberOf)
}
