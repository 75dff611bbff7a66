package engine

import (
	"encoding/binary"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

func TestMetaTable(t *testing.T) {
	match := func(n uint64, stored any) *search.DocumentMatch {
		id := bleveindex.IndexInternalID(binary.BigEndian.AppendUint64(nil, n))
		dm := &search.DocumentMatch{ID: "doc", IndexInternalID: id, Fields: map[string]any{}}
		if stored != nil {
			dm.Fields[fieldStored] = stored
		}
		return dm
	}
	want := storedMeta{Path: "laws/a.md", Title: "人才引进办法", Agencies: []string{"人社局", "财政局"}, Current: true}
	table := newMetaTable(2)

	got, err := table.get(match(1, `{"path":"laws/a.md","title":"人才引进办法","agencies":["人社局","财政局"],"current":true}`))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("first get = %+v, %v; want %+v", got, err, want)
	}
	// Decoded once: the same document needs its stored fields no more.
	if got, err := table.get(match(1, nil)); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("second get = %+v, %v; want the decoded %+v", got, err, want)
	}
	// A bad blob is an error, and is not kept.
	if _, err := table.get(match(0, `{"title":`)); err == nil {
		t.Error("get of a truncated blob: no error")
	}
	if _, err := table.get(match(0, nil)); err == nil {
		t.Error("get after a failed decode: no error, so the failure was kept")
	}
	// Numbers past the table (and a nil table) decode without keeping.
	for _, tab := range []*metaTable{table, nil} {
		if got, err := tab.get(match(7, `{"title":"t"}`)); err != nil || got.Title != "t" {
			t.Errorf("get past the table = %+v, %v", got, err)
		}
	}
}
