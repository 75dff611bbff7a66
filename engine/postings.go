package engine

import (
	"context"
	"encoding/binary"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Every generation is merged into one segment, whose document numbers are
// the index's. The candidate ranker and locate read its postings lists
// directly: bleve's term field reader wraps every posting in a term field
// document with an 8-byte id (and its locations in vectors of their own),
// some 10% of a loaded searchd's CPU. An index of several segments is read
// through bleve's reader.

// readSegmentsDirectly lets tests check the reader path on a merged index.
var readSegmentsDirectly = true

// postingsOpener opens the postings of terms of one index snapshot.
type postingsOpener struct {
	reader  bleveindex.IndexReader
	segment *scorch.SegmentSnapshot // the one segment; nil: use reader
	dicts   map[string]segment.TermDictionary
}

func newPostingsOpener(r bleveindex.IndexReader) *postingsOpener {
	o := &postingsOpener{reader: r}
	if snap, ok := r.(*scorch.IndexSnapshot); ok && len(snap.Segments()) == 1 && readSegmentsDirectly {
		o.segment, o.dicts = snap.Segments()[0], map[string]segment.TermDictionary{}
	}
	return o
}

// list returns the segment's postings list of term in field.
func (o *postingsOpener) list(field, term string) (segment.PostingsList, error) {
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
// number, the term's frequency in it and the field's length norm.
type postingSource interface {
	count() uint64
	next() (doc, freq uint64, norm float64, ok bool, err error)
	close()
}

// scored opens a term's postings with frequencies and norms.
func (o *postingsOpener) scored(ctx context.Context, field, term string) (postingSource, error) {
	if o.segment == nil {
		r, err := o.reader.TermFieldReader(ctx, []byte(term), field, true, true, false)
		if err != nil {
			return nil, err
		}
		return &readerPostings{reader: r}, nil
	}
	list, err := o.list(field, term)
	if err != nil {
		return nil, err
	}
	return &segmentPostings{list: list, iter: list.Iterator(true, true, false, nil)}, nil
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
func (o *postingsOpener) located(ctx context.Context, field, term string) (locationSource, error) {
	if o.segment == nil {
		r, err := o.reader.TermFieldReader(ctx, []byte(term), field, false, false, true)
		if err != nil {
			return nil, err
		}
		return &readerPostings{reader: r}, nil
	}
	list, err := o.list(field, term)
	if err != nil {
		return nil, err
	}
	return &segmentPostings{list: list, iter: list.Iterator(false, false, true, nil)}, nil
}

// segmentPostings reads a postings list of the index's one segment.
type segmentPostings struct {
	list segment.PostingsList
	iter segment.PostingsIterator
	at   segment.Posting
}

func (p *segmentPostings) count() uint64 { return p.list.Count() }

func (p *segmentPostings) next() (doc, freq uint64, norm float64, ok bool, err error) {
	posting, err := p.iter.Next()
	if err != nil || posting == nil {
		return 0, 0, 0, false, err
	}
	return posting.Number(), posting.Frequency(), posting.Norm(), true, nil
}

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
		*out[i] = bsearch.Location{Pos: l.Pos(), Start: l.Start(), End: l.End(), ArrayPositions: l.ArrayPositions()}
	}
	return out
}

func (p *segmentPostings) close() {}

// readerPostings reads postings through bleve's term field reader.
type readerPostings struct {
	reader bleveindex.TermFieldReader
	tfd    bleveindex.TermFieldDoc
	at     *bleveindex.TermFieldDoc
}

func (p *readerPostings) count() uint64 { return p.reader.Count() }

func (p *readerPostings) next() (doc, freq uint64, norm float64, ok bool, err error) {
	tf, err := p.reader.Next(&p.tfd)
	if err != nil || tf == nil {
		return 0, 0, 0, false, err
	}
	if doc, ok = docNumber(tf.ID); !ok {
		doc = ^uint64(0) // not a document number: skipped
	}
	return doc, tf.Freq, tf.Norm, true, nil
}

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
