package engine

import (
	"context"

	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// postingSource reads a term's postings in document order: the document
// number, the term's frequency in it and the field's length norm.
type postingSource interface {
	count() uint64
	next() (doc, freq uint64, norm float64, ok bool, err error)
	close()
}

// readSegmentsDirectly lets tests check the reader path on a merged index.
var readSegmentsDirectly = true

// openPostings opens a term's postings: straight from the segment when the
// index has one (every generation is merged into one), else through
// bleve's reader over all segments.
func (cr *candidateRanker) openPostings(ctx context.Context, field, term string) (postingSource, error) {
	if cr.segment == nil {
		r, err := cr.reader.TermFieldReader(ctx, []byte(term), field, true, true, false)
		if err != nil {
			return nil, err
		}
		return &readerPostings{reader: r}, nil
	}
	dict, ok := cr.dicts[field]
	if !ok {
		var err error
		if dict, err = cr.segment.Segment().Dictionary(field); err != nil {
			return nil, err
		}
		cr.dicts[field] = dict
	}
	list, err := dict.PostingsList([]byte(term), cr.segment.Deleted(), nil)
	if err != nil {
		return nil, err
	}
	return &segmentPostings{list: list, iter: list.Iterator(true, true, false, nil)}, nil
}

// segmentPostings reads a postings list of the index's one segment, whose
// document numbers are the index's: bleve's reader wraps each posting in
// a term field document with an 8-byte id, some 7% of a loaded search's
// CPU.
type segmentPostings struct {
	list segment.PostingsList
	iter segment.PostingsIterator
}

func (p *segmentPostings) count() uint64 { return p.list.Count() }

func (p *segmentPostings) next() (doc, freq uint64, norm float64, ok bool, err error) {
	posting, err := p.iter.Next()
	if err != nil || posting == nil {
		return 0, 0, 0, false, err
	}
	return posting.Number(), posting.Frequency(), posting.Norm(), true, nil
}

func (p *segmentPostings) close() {}

// readerPostings reads postings through bleve's term field reader.
type readerPostings struct {
	reader bleveindex.TermFieldReader
	tfd    bleveindex.TermFieldDoc
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

func (p *readerPostings) close() { _ = p.reader.Close() }
