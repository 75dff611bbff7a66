package engine

import (
	"encoding/json"
	"fmt"
	"sync/atomic"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// metaTable keeps the stored metadata of documents decoded, by internal
// document number, as hits first need them. Decoding the JSON blob was a
// twentieth of a loaded searchd's CPU for a value that never changes within
// a generation; all of it decoded takes a few megabytes (about 500 bytes a
// document).
type metaTable struct {
	metas []atomic.Pointer[storedMeta]
}

// newMetaTable makes a table for an index of n documents.
func newMetaTable(n int) *metaTable {
	return &metaTable{metas: make([]atomic.Pointer[storedMeta], n)}
}

// get returns the metadata of a match loaded with fieldStored. The slices
// of the result are shared with every other caller: read, never modify.
func (t *metaTable) get(dm *bsearch.DocumentMatch) (storedMeta, error) {
	n, ok := docNumber(dm.IndexInternalID)
	ok = ok && t != nil && n < uint64(len(t.metas))
	if ok {
		if m := t.metas[n].Load(); m != nil {
			return *m, nil
		}
	}
	m, err := decodeMeta(dm)
	if err == nil && ok {
		t.metas[n].Store(&m)
	}
	return m, err
}

// decodeMeta decodes the metadata of a match loaded with fieldStored.
func decodeMeta(dm *bsearch.DocumentMatch) (storedMeta, error) {
	var m storedMeta
	s, ok := dm.Fields[fieldStored].(string)
	if !ok {
		return m, fmt.Errorf("document %s has no stored fields", dm.ID)
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return m, fmt.Errorf("decode stored fields of %s: %w", dm.ID, err)
	}
	return m, nil
}
