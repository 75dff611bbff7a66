package engine

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Clauses are stored in a compact binary form of their own (fieldClauses),
// not in the JSON detail blob: every hit shown needs them to find the
// clauses its matches fall in, a long law has over a thousand, and decoding
// them as JSON was a tenth of a query's CPU. The form is a count, then per
// clause its start, its length, its label and its anchor, each number an
// unsigned varint and each string its length followed by its bytes.
// Decoding slices the labels and anchors out of the stored string, so it
// allocates only the slice of clauses.

// encodeClauses writes clauses in the stored form.
func encodeClauses(clauses []storedClause) string {
	buf := binary.AppendUvarint(nil, uint64(len(clauses)))
	for _, c := range clauses {
		buf = binary.AppendUvarint(buf, uint64(c.Start))
		buf = binary.AppendUvarint(buf, uint64(c.End-c.Start))
		buf = binary.AppendUvarint(buf, uint64(len(c.Label)))
		buf = append(buf, c.Label...)
		buf = binary.AppendUvarint(buf, uint64(len(c.Anchor)))
		buf = append(buf, c.Anchor...)
	}
	return string(buf)
}

var errClausesTruncated = errors.New("truncated")

// decodeClauses reads clauses written by encodeClauses.
func decodeClauses(s string) ([]storedClause, error) {
	r := clauseReader{s: s}
	n := r.number()
	if r.err != nil || n > uint64(len(s)) { // each clause takes at least four bytes
		return nil, fmt.Errorf("stored clauses: bad count: %w", errClausesTruncated)
	}
	out := make([]storedClause, 0, n)
	for range n {
		start := r.number()
		length := r.number()
		label := r.text()
		anchor := r.text()
		if r.err != nil {
			return nil, fmt.Errorf("stored clauses: clause %d of %d: %w", len(out)+1, n, r.err)
		}
		out = append(out, storedClause{Label: label, Anchor: anchor, Start: int(start), End: int(start + length)})
	}
	if r.s != "" {
		return nil, fmt.Errorf("stored clauses: %d bytes after the last clause", len(r.s))
	}
	return out, nil
}

// clauseReader consumes the stored form; after the first error every read
// returns zero values and err says what went wrong.
type clauseReader struct {
	s   string
	err error
}

func (r *clauseReader) number() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if n <= 0 || v > 1<<40 { // no body is a terabyte long
		r.err = errClausesTruncated
		return 0
	}
	r.s = r.s[n:]
	return v
}

func (r *clauseReader) text() string {
	n := r.number()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)) {
		r.err = errClausesTruncated
		return ""
	}
	t := r.s[:n]
	r.s = r.s[n:]
	return t
}
