package engine

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/corpus"
)

// Document bodies live in a file of their own in each generation, stored
// uncompressed one after another, instead of as a stored field of the index.
// bleve's segments compress all stored fields of a document together with
// snappy, so every hit shown decompressed its whole body, up to half a
// megabyte for a long law: the largest single cost of a loaded searchd (7% of
// its CPU). A body is now one pread of its bytes, and the index stores only
// where to read it (fieldBodyAt).
//
// Generations built before the file existed keep their bodies in the
// fieldBody stored field, which bodyOf still reads.
const bodiesFile = "bodies"

// bodyRef locates a body in the bodies file: length bytes from offset.
type bodyRef struct{ offset, length int64 }

// encode writes the reference as stored in fieldBodyAt: two unsigned varints.
func (r bodyRef) encode() string {
	buf := binary.AppendUvarint(nil, uint64(r.offset))
	return string(binary.AppendUvarint(buf, uint64(r.length)))
}

// decodeBodyRef reads a reference written by encode.
func decodeBodyRef(s string) (bodyRef, error) {
	offset, n := binary.Uvarint([]byte(s))
	if n <= 0 {
		return bodyRef{}, errors.New("bad body offset")
	}
	length, m := binary.Uvarint([]byte(s[n:]))
	if m <= 0 || n+m != len(s) {
		return bodyRef{}, errors.New("bad body length")
	}
	if offset > 1<<62 || length > 1<<62 {
		return bodyRef{}, errors.New("body reference out of range")
	}
	return bodyRef{offset: int64(offset), length: int64(length)}, nil
}

// writeBodies writes the bodies of docs to path, in order, and returns where
// each went by document ID. The file is synced: the generation that names
// its bodies is published only after it.
func writeBodies(path string, docs []*corpus.Document) (map[string]bodyRef, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create bodies file: %w", err)
	}
	refs := make(map[string]bodyRef, len(docs))
	w := bufio.NewWriterSize(f, 1<<20)
	var offset int64
	for _, d := range docs {
		if _, err := w.WriteString(d.Body); err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("write bodies file: %w", err)
		}
		refs[d.ID] = bodyRef{offset: offset, length: int64(len(d.Body))}
		offset += int64(len(d.Body))
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("write bodies file: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("sync bodies file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("close bodies file: %w", err)
	}
	return refs, nil
}

// bodyFile reads the bodies of one generation; it is safe for concurrent use.
type bodyFile struct {
	f    *os.File
	size int64
}

// openBodies opens the bodies file of gen, or returns nil for a generation
// built before there was one.
func openBodies(gen string) (*bodyFile, error) {
	f, err := os.Open(filepath.Join(gen, bodiesFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open bodies file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("open bodies file: %w", err)
	}
	return &bodyFile{f: f, size: st.Size()}, nil
}

// read returns the body that ref locates in memory of its own.
func (b *bodyFile) read(ref bodyRef) (string, error) {
	body, release, err := b.borrow(ref)
	defer release()
	return strings.Clone(body), err
}

// borrow returns the body that ref locates in a pooled buffer, valid until
// release is called: the buffer then serves the next body read. Whatever
// outlives release must not share memory with the body; makeHit's highlights
// are built anew. Reading into pooled buffers saves allocating and zeroing
// a buffer per hit (the bodies of a page average 160 KB).
func (b *bodyFile) borrow(ref bodyRef) (body string, release func(), err error) {
	release = func() {}
	if ref.offset+ref.length > b.size {
		return "", release, fmt.Errorf("body at %d+%d lies past the end of the bodies file (%d bytes)", ref.offset, ref.length, b.size)
	}
	if ref.length == 0 {
		return "", release, nil
	}
	bp, _ := bodyBuffers.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if int64(cap(*bp)) < ref.length {
		*bp = make([]byte, ref.length)
	}
	buf := (*bp)[:ref.length]
	release = func() { bodyBuffers.Put(bp) }
	if _, err := b.f.ReadAt(buf, ref.offset); err != nil {
		release()
		return "", func() {}, fmt.Errorf("read bodies file: %w", err)
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf)), release, nil
}

// bodyBuffers pools the buffers that borrow reads bodies into.
var bodyBuffers sync.Pool

// close releases the file.
func (b *bodyFile) close() error {
	if b == nil {
		return nil
	}
	return b.f.Close()
}

// bodyOf returns the body of a match loaded with fieldBody and fieldBodyAt
// (see hitFields): from the bodies file, or from the index for a generation
// built before the file existed.
func (ix *Index) bodyOf(dm *bsearch.DocumentMatch) (string, error) {
	body, release, err := ix.borrowBody(dm)
	defer release()
	return strings.Clone(body), err
}

// borrowBody is bodyOf with the body in a pooled buffer, valid only until
// release is called (see bodyFile.borrow).
func (ix *Index) borrowBody(dm *bsearch.DocumentMatch) (body string, release func(), err error) {
	release = func() {}
	if body, ok := dm.Fields[fieldBody].(string); ok {
		return body, release, nil
	}
	at, ok := dm.Fields[fieldBodyAt].(string)
	if !ok {
		return "", release, nil // a document gone from the index
	}
	if ix.bodies == nil {
		return "", release, fmt.Errorf("body of %s: the index has no %s file", dm.ID, bodiesFile)
	}
	ref, err := decodeBodyRef(at)
	if err != nil {
		return "", release, fmt.Errorf("body of %s: %w", dm.ID, err)
	}
	body, release, err = ix.bodies.borrow(ref)
	if err != nil {
		return "", release, fmt.Errorf("body of %s: %w", dm.ID, err)
	}
	return body, release, nil
}
