package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Every generation is merged into one segment, whose document numbers are
// the index's. A snapshotReader reads that segment directly: bleve's term
// field reader wraps every posting in a term field document with an 8-byte
// id (and its locations in vectors of their own), and bleve's document
// loader builds a field object, with a copy of its value, for every stored
// field; all that was some 10% of a loaded searchd's CPU. An index of
// several segments is read through bleve's reader.

// readSegmentsDirectly lets tests check the reader path on a merged index.
var readSegmentsDirectly = true

// snapshotReader reads postings and stored fields of one index snapshot.
// Opening postings caches dictionaries and is for one goroutine at a time;
// storedText may be called from several at once.
type snapshotReader struct {
	reader  bleveindex.IndexReader
	segment *scorch.SegmentSnapshot // the one segment; nil: use reader
	dicts   map[string]segment.TermDictionary
	// files hold the postings of the fields kept outside bleve's index
	// (see bodypostings.go), by field; a field not in it is in bleve's.
	files map[string]*postingsFile
}

// openSnapshot opens a reader of the index as it stands now; the caller
// closes it.
func (ix *Index) openSnapshot() (*snapshotReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	o := newSnapshotReader(r)
	o.files = ix.postingsFiles
	return o, nil
}

func (o *snapshotReader) close() { _ = o.reader.Close() }

func newSnapshotReader(r bleveindex.IndexReader) *snapshotReader {
	o := &snapshotReader{reader: r}
	if snap, ok := r.(*scorch.IndexSnapshot); ok && len(snap.Segments()) == 1 && readSegmentsDirectly {
		o.segment, o.dicts = snap.Segments()[0], map[string]segment.TermDictionary{}
	}
	return o
}

// list returns the segment's postings list of term in field.
func (o *snapshotReader) list(field, term string) (segment.PostingsList, error) {
	dict, ok := o.dicts[field]
	if !ok {
		var err error
		if dict, err = o.segment.Segment().Dictionary(field); err != nil {
			return nil, err
		}
		o.dicts[field] = dict
	}
	return dict.PostingsList([]byte(term), o.segment.Deleted(), nil)
}

// postingSource reads a term's postings in document order: the document
// number and the term's frequency in it, and when asked the field's length
// norm (zap computes it with a square root and a division, so it is asked
// only when not known from an earlier query).
type postingSource interface {
	count() uint64
	next() (doc, freq uint64, ok bool, err error)
	norm() float64 // of the posting next returned last
	close()
}

// scored opens a term's postings with frequencies and norms.
func (o *snapshotReader) scored(ctx context.Context, field, term string) (postingSource, error) {
	return o.open(ctx, field, term, false)
}

// locationSource reads where a term stands in documents, moving forward.
type locationSource interface {
	// advance moves to the first document at or after doc holding the
	// term and returns its number; ok is false past the last one.
	advance(doc uint64) (at uint64, ok bool, err error)
	// locations are the term's places in the document advance stands on.
	locations() bsearch.Locations
	close()
}

// located opens a term's postings with locations.
func (o *snapshotReader) located(ctx context.Context, field, term string) (locationSource, error) {
	return o.open(ctx, field, term, true)
}

// postings is what both kinds of postings reader offer.
type postings interface {
	postingSource
	locationSource
}

// open opens a term's postings with locations, or else with frequencies
// and norms.
func (o *snapshotReader) open(ctx context.Context, field, term string, locations bool) (postings, error) {
	if file := o.files[field]; file != nil {
		if locations && !file.located {
			return nil, fmt.Errorf("locate %q: the postings of %s have no locations", term, field)
		}
		return file.open(term), nil
	}
	freqNorm := !locations
	if o.segment == nil {
		r, err := o.reader.TermFieldReader(ctx, []byte(term), field, freqNorm, freqNorm, locations)
		if err != nil {
			return nil, err
		}
		return &readerPostings{reader: r}, nil
	}
	list, err := o.list(field, term)
	if err != nil {
		return nil, err
	}
	spare, _ := postingsIterators.Get().(segment.PostingsIterator)
	return &segmentPostings{list: list, iter: list.Iterator(freqNorm, freqNorm, locations, spare)}, nil
}

// docCount returns how many documents hold term in field: the segment's
// postings list's count, without the term field reader bleve builds around
// it (a similar-documents request asks for some hundred words, and the
// readers were 8% of its CPU), or else through bleve's reader.
func (o *snapshotReader) docCount(ctx context.Context, field, term string) (uint64, error) {
	if file := o.files[field]; file != nil {
		return file.count(term), nil
	}
	if o.segment != nil {
		list, err := o.list(field, term)
		if err != nil {
			return 0, err
		}
		return list.Count(), nil
	}
	r, err := o.reader.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	return r.Count(), nil
}

// postingsIterators keeps closed postings iterators for the next ones to
// reuse: zap then keeps its chunk decoders and location buffers instead of
// allocating them again (a search opens some 25 terms' postings to score
// candidates and as many again to place their matches). It saves 7% of the
// bytes a search allocates.
var postingsIterators sync.Pool

// segmentPostings reads a postings list of the index's one segment.
type segmentPostings struct {
	list segment.PostingsList
	iter segment.PostingsIterator
	at   segment.Posting
}

func (p *segmentPostings) count() uint64 { return p.list.Count() }

func (p *segmentPostings) next() (doc, freq uint64, ok bool, err error) {
	if p.at, err = p.iter.Next(); err != nil || p.at == nil {
		return 0, 0, false, err
	}
	return p.at.Number(), p.at.Frequency(), true, nil
}

func (p *segmentPostings) norm() float64 { return p.at.Norm() }

func (p *segmentPostings) advance(doc uint64) (uint64, bool, error) {
	var err error
	if p.at, err = p.iter.Advance(doc); err != nil || p.at == nil {
		return 0, false, err
	}
	return p.at.Number(), true, nil
}

func (p *segmentPostings) locations() bsearch.Locations {
	locs := p.at.Locations()
	out := newLocations(len(locs))
	for i, l := range locs {
		// The array positions are cloned: zap reuses their buffer once the
		// iterator is.
		*out[i] = bsearch.Location{Pos: l.Pos(), Start: l.Start(), End: l.End(), ArrayPositions: slices.Clone(l.ArrayPositions())}
	}
	return out
}

// close hands the iterator on for reuse; p must not be read after it.
func (p *segmentPostings) close() {
	if p.iter != nil {
		postingsIterators.Put(p.iter)
		p.iter, p.at = nil, nil
	}
}

// readerPostings reads postings through bleve's term field reader.
type readerPostings struct {
	reader bleveindex.TermFieldReader
	tfd    bleveindex.TermFieldDoc
	at     *bleveindex.TermFieldDoc
}

func (p *readerPostings) count() uint64 { return p.reader.Count() }

func (p *readerPostings) next() (doc, freq uint64, ok bool, err error) {
	if p.at, err = p.reader.Next(&p.tfd); err != nil || p.at == nil {
		return 0, 0, false, err
	}
	if doc, ok = docNumber(p.at.ID); !ok {
		doc = ^uint64(0) // not a document number: skipped
	}
	return doc, p.at.Freq, true, nil
}

func (p *readerPostings) norm() float64 { return p.at.Norm }

func (p *readerPostings) advance(doc uint64) (uint64, bool, error) {
	id := make(bleveindex.IndexInternalID, 8)
	binary.BigEndian.PutUint64(id, doc)
	var err error
	if p.at, err = p.reader.Advance(id, &p.tfd); err != nil || p.at == nil {
		return 0, false, err
	}
	at, ok := docNumber(p.at.ID)
	if !ok {
		return 0, false, nil
	}
	return at, true, nil
}

func (p *readerPostings) locations() bsearch.Locations {
	out := newLocations(len(p.at.Vectors))
	for i, v := range p.at.Vectors {
		*out[i] = bsearch.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: v.ArrayPositions}
	}
	return out
}

func (p *readerPostings) close() { _ = p.reader.Close() }

// newLocations returns n pointers to zero locations, allocated together.
func newLocations(n int) bsearch.Locations {
	slab := make([]bsearch.Location, n)
	out := make(bsearch.Locations, n)
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

// storedText returns the stored text fields of a document named in fields
// (none for a document not in the index).
func (o *snapshotReader) storedText(dm *bsearch.DocumentMatch, fields []string) (map[string]any, error) {
	values := make(map[string]any, len(fields))
	if doc, ok := docNumber(dm.IndexInternalID); ok && o.segment != nil {
		// The visitor never stops early: zapx v17 then puts its pooled
		// decompression buffer back twice, and two later visits may share it.
		err := o.segment.Segment().VisitStoredFields(doc, func(field string, typ byte, value []byte, _ []uint64) bool {
			if typ == 't' && slices.Contains(fields, field) {
				values[field] = string(value)
			}
			return true
		})
		return values, err
	}
	doc, err := o.reader.Document(dm.ID)
	if err != nil || doc == nil {
		return values, err
	}
	doc.VisitFields(func(f bleveindex.Field) {
		if tf, ok := f.(bleveindex.TextField); ok && slices.Contains(fields, f.Name()) {
			values[f.Name()] = tf.Text()
		}
	})
	return values, nil
}
