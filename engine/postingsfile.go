package engine

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
	mmap "github.com/blevesearch/mmap-go"
)

// A postings file holds one text field's postings outside bleve's index, in
// the merged index's document numbers, for the evaluator to read as it reads
// zap's: the same documents, frequencies, norms and, where kept, locations.
// The fields are written once per build (see fieldCounter) and mapped
// read-only by searchd.
//
// Layout, integers little-endian:
//
//	magic    [8]byte
//	postings per term, per document ascending: uvarint(gap) uvarint(freq),
//	         and with locations uvarint(bytes) then per occurrence
//	         uvarint(position gap) varint(start gap) uvarint(end-start)
//	terms    the terms' bytes, sorted
//	lengths  [docs]uint32   the field's length in tokens, per document
//	termEnds [terms]uint32  end of each term in the term bytes
//	listEnds [terms]uint64  end of each term's postings in the postings
//	counts   [terms]uint32  documents holding each term
//	footer   flags uint32 (1: locations), docs uint32, terms uint32,
//	         postings bytes uint64, term bytes uint64
//
// The footer comes last so that the postings can be written as they are
// encoded, without holding them all.
const postingsMagic = "pspost01"

const (
	postingsFooterSize = 4 + 4 + 4 + 8 + 8
	postingsLocated    = 1 // footer flag: the postings carry locations
)

// postingsWriter writes a postings file, term by term in sorted order.
type postingsWriter struct {
	f        *os.File
	w        *bufio.Writer
	located  bool
	written  uint64 // postings bytes so far
	terms    []byte
	termEnds []uint32
	listEnds []uint64
	counts   []uint32
	prev     string
}

func newPostingsWriter(path string, located bool) (*postingsWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Base(path), err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, _ = w.WriteString(postingsMagic)
	return &postingsWriter{f: f, w: w, located: located}, nil
}

// add writes the postings of term, which must sort after the terms added
// before: list is its encoded postings, of count documents.
func (pw *postingsWriter) add(term string, list []byte, count int) {
	if len(pw.termEnds) > 0 && term <= pw.prev {
		panic(fmt.Sprintf("postings file: term %q added after %q", term, pw.prev))
	}
	pw.prev = term
	// bufio keeps the first write error and returns it from every later
	// call: finish reports it.
	_, _ = pw.w.Write(list)
	pw.written += uint64(len(list))
	pw.terms = append(pw.terms, term...)
	pw.termEnds = append(pw.termEnds, uint32(len(pw.terms)))
	pw.listEnds = append(pw.listEnds, pw.written)
	pw.counts = append(pw.counts, uint32(count))
}

// finish writes the tables and the footer, syncs and closes the file.
func (pw *postingsWriter) finish(lengths []uint32) error {
	le := binary.LittleEndian
	_, _ = pw.w.Write(pw.terms)
	buf := make([]byte, 0, 4*len(lengths)+16*len(pw.termEnds)+postingsFooterSize)
	for _, n := range lengths {
		buf = le.AppendUint32(buf, n)
	}
	for _, end := range pw.termEnds {
		buf = le.AppendUint32(buf, end)
	}
	for _, end := range pw.listEnds {
		buf = le.AppendUint64(buf, end)
	}
	for _, n := range pw.counts {
		buf = le.AppendUint32(buf, n)
	}
	var flags uint32
	if pw.located {
		flags |= postingsLocated
	}
	buf = le.AppendUint32(buf, flags)
	buf = le.AppendUint32(buf, uint32(len(lengths)))
	buf = le.AppendUint32(buf, uint32(len(pw.termEnds)))
	buf = le.AppendUint64(buf, pw.written)
	buf = le.AppendUint64(buf, uint64(len(pw.terms)))
	name := filepath.Base(pw.f.Name())
	if _, err := pw.w.Write(buf); err != nil {
		_ = pw.f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := pw.w.Flush(); err != nil {
		_ = pw.f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := pw.f.Sync(); err != nil {
		_ = pw.f.Close()
		return fmt.Errorf("sync %s: %w", name, err)
	}
	if err := pw.f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	return nil
}

// postingsFile reads a postings file from its mapping; it is safe for
// concurrent use.
type postingsFile struct {
	f        *os.File
	data     mmap.MMap
	located  bool
	docs     int
	terms    int
	postings []byte
	termData []byte
	lengths  []byte
	termEnds []byte
	listEnds []byte
	counts   []byte
}

// openPostingsFile maps the postings file name of gen, or returns nil when
// the generation has none.
func openPostingsFile(gen, name string) (*postingsFile, error) {
	path := filepath.Join(gen, name)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	p := &postingsFile{f: f}
	if err := p.load(); err != nil {
		_ = p.close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return p, nil
}

// load maps the open file and slices its sections.
func (p *postingsFile) load() error {
	st, err := p.f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return errors.New("empty") // and an empty file cannot be mapped
	}
	if p.data, err = mmap.Map(p.f, mmap.RDONLY, 0); err != nil {
		return err
	}
	return p.parse()
}

// parse checks the file's layout and slices its sections.
func (p *postingsFile) parse() error {
	d := []byte(p.data)
	if len(d) < len(postingsMagic)+postingsFooterSize || string(d[:len(postingsMagic)]) != postingsMagic {
		return errors.New("not a postings file")
	}
	le := binary.LittleEndian
	footer := d[len(d)-postingsFooterSize:]
	flags := le.Uint32(footer)
	p.located = flags&postingsLocated != 0
	p.docs, p.terms = int(le.Uint32(footer[4:])), int(le.Uint32(footer[8:]))
	postingBytes, termBytes := le.Uint64(footer[12:]), le.Uint64(footer[20:])
	tables := uint64(4*p.docs + 16*p.terms)
	if want := uint64(len(postingsMagic)) + postingBytes + termBytes + tables + postingsFooterSize; uint64(len(d)) != want {
		return fmt.Errorf("%d bytes, want %d for %d documents and %d terms", len(d), want, p.docs, p.terms)
	}
	at := uint64(len(postingsMagic))
	cut := func(n uint64) []byte { s := d[at : at+n]; at += n; return s }
	p.postings = cut(postingBytes)
	p.termData = cut(termBytes)
	p.lengths = cut(uint64(4 * p.docs))
	p.termEnds = cut(uint64(4 * p.terms))
	p.listEnds = cut(uint64(8 * p.terms))
	p.counts = cut(uint64(4 * p.terms))
	// Every term and postings list must lie within its section, in order,
	// or a lookup would read out of bounds.
	var prevTerm, prevList uint64
	for i := range p.terms {
		term, list := uint64(le.Uint32(p.termEnds[4*i:])), le.Uint64(p.listEnds[8*i:])
		if term < prevTerm || list < prevList || term > termBytes || list > postingBytes {
			return fmt.Errorf("term %d out of order", i)
		}
		prevTerm, prevList = term, list
	}
	if p.terms > 0 && (prevTerm != termBytes || prevList != postingBytes) {
		return errors.New("the last term does not end its section")
	}
	return nil
}

func (p *postingsFile) close() error {
	if p == nil {
		return nil
	}
	var unmap error
	if p.data != nil {
		unmap = p.data.Unmap()
	}
	return errors.Join(unmap, p.f.Close())
}

// find returns the index of term among the sorted terms.
func (p *postingsFile) find(term string) (int, bool) {
	i := sort.Search(p.terms, func(i int) bool { return string(p.termBytes(i)) >= term })
	return i, i < p.terms && string(p.termBytes(i)) == term
}

// termBytes returns the i-th term of the sorted terms.
func (p *postingsFile) termBytes(i int) []byte {
	le := binary.LittleEndian
	start := uint32(0)
	if i > 0 {
		start = le.Uint32(p.termEnds[4*(i-1):])
	}
	return p.termData[start:le.Uint32(p.termEnds[4*i:])]
}

// count returns how many documents hold term.
func (p *postingsFile) count(term string) uint64 {
	i, ok := p.find(term)
	if !ok {
		return 0
	}
	return uint64(binary.LittleEndian.Uint32(p.counts[4*i:]))
}

// open returns term's postings: empty when no document holds it.
func (p *postingsFile) open(term string) *filePostings {
	fp := &filePostings{lengths: p.lengths, located: p.located}
	i, ok := p.find(term)
	if !ok {
		return fp
	}
	le := binary.LittleEndian
	start := uint64(0)
	if i > 0 {
		start = le.Uint64(p.listEnds[8*(i-1):])
	}
	fp.data = p.postings[start:le.Uint64(p.listEnds[8*i:])]
	fp.n = uint64(le.Uint32(p.counts[4*i:]))
	return fp
}

// filePostings reads one term's postings of a postings file in document
// order. It is a postingSource, and a locationSource when the file keeps
// locations.
type filePostings struct {
	data    []byte
	n       uint64
	lengths []byte
	located bool
	doc     uint64
	started bool
	locs    []byte // the locations of the posting next returned last
	freq    uint64
}

func (p *filePostings) count() uint64 { return p.n }

func (p *filePostings) next() (doc, freq uint64, ok bool, err error) {
	if len(p.data) == 0 {
		return 0, 0, false, nil
	}
	gap, n := binary.Uvarint(p.data)
	if n <= 0 {
		return 0, 0, false, errors.New("postings file: bad document gap")
	}
	freq, m := binary.Uvarint(p.data[n:])
	if m <= 0 {
		return 0, 0, false, errors.New("postings file: bad frequency")
	}
	p.data = p.data[n+m:]
	if p.located {
		size, k := binary.Uvarint(p.data)
		if k <= 0 || uint64(len(p.data)-k) < size {
			return 0, 0, false, errors.New("postings file: bad locations")
		}
		p.locs = p.data[k : k+int(size)]
		p.data = p.data[k+int(size):]
	}
	p.doc += gap
	p.started = true
	if 4*p.doc+4 > uint64(len(p.lengths)) {
		return 0, 0, false, fmt.Errorf("postings file: document %d out of range", p.doc)
	}
	p.freq = freq
	return p.doc, freq, true, nil
}

// norm is zap's norm for the field's length in the document next returned
// last: 1/√length, rounded to a float32 as zap rounds it.
func (p *filePostings) norm() float64 {
	length := binary.LittleEndian.Uint32(p.lengths[4*p.doc:])
	return float64(float32(1.0 / math.Sqrt(float64(length))))
}

// advance moves to the first document at or after doc holding the term.
func (p *filePostings) advance(doc uint64) (uint64, bool, error) {
	if p.started && p.doc >= doc {
		return p.doc, true, nil
	}
	for {
		at, _, ok, err := p.next()
		if err != nil || !ok {
			return 0, false, err
		}
		if at >= doc {
			return at, true, nil
		}
	}
}

// locations decodes the term's places in the document advance or next
// stands on; none when the file keeps no locations.
func (p *filePostings) locations() bsearch.Locations {
	if !p.located || len(p.locs) == 0 {
		return nil
	}
	out := newLocations(int(p.freq))
	data := p.locs
	var pos uint64
	var start int64
	for i := range out {
		posGap, a := binary.Uvarint(data)
		startGap, b := binary.Varint(data[max(a, 0):])
		length, c := binary.Uvarint(data[max(a, 0)+max(b, 0):])
		if a <= 0 || b <= 0 || c <= 0 {
			return out[:i] // a damaged record: what could be read
		}
		data = data[a+b+c:]
		pos += posGap
		start += startGap
		*out[i] = bsearch.Location{Pos: pos, Start: uint64(start), End: uint64(start) + length}
	}
	return out
}

func (p *filePostings) close() {}
