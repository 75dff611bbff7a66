package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// ReadFile reads one file into its documents: one, or one per JSON Lines
// record. A file that cannot be read correctly returns an error whose text
// is the reason (the caller records it as a Skip); ReadFile never panics.
//
// For a JSON Lines file with some bad records ReadFile returns the good
// documents together with a *PartialError naming the bad lines: callers
// should index the documents and report the error.
func ReadFile(fsys fs.FS, path string, opt Options) (docs []*Document, err error) {
	defer func() {
		// A reader bug on one odd file must not stop a whole indexing run.
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("internal error while reading: %v", r)
		}
	}()
	read := readerFor(path)
	if read == nil {
		return nil, errors.New(unsupportedReason(path))
	}
	data, err := readLimited(fsys, path, opt.maxFileSize())
	if err != nil {
		return nil, err
	}
	return read(fsys, path, data)
}

// readLimited reads a whole file after checking its size against limit.
func readLimited(fsys fs.FS, path string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("stat: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("file too large (%d bytes > limit %d)", info.Size(), limit)
	}
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit { // the file grew after Stat
		return nil, fmt.Errorf("file too large (%d bytes > limit %d)", len(data), limit)
	}
	return data, nil
}

// newDocument starts a document for path with its derived ID.
func newDocument(path string) *Document {
	return &Document{Path: path, ID: DocID(path)}
}

// finish enriches a document a reader has filled and checks it has a title.
func finish(doc *Document) error {
	doc.Title = strings.TrimSpace(doc.Title)
	if doc.Title == "" {
		return errors.New("no title found")
	}
	enrich(doc)
	return nil
}

// PartialError reports the records of a multi-record file that could not be
// read. ReadFile returns it together with the documents of the good records.
type PartialError struct {
	Path string
	Bad  []RecordError
}

// RecordError is one bad record of a multi-record file.
type RecordError struct {
	Line int // 1-based line number
	Err  error
}

// Error lists the bad lines, e.g. "2 bad records: line 5: unexpected end of JSON input; …".
func (e *PartialError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad record", len(e.Bad))
	if len(e.Bad) != 1 {
		b.WriteString("s")
	}
	for i, r := range e.Bad {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "line %d: %v", r.Line, r.Err)
	}
	return b.String()
}
