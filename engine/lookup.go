package engine

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// storedRecord is a document as the index stores it: the metadata blob and,
// when asked for, the body text.
type storedRecord struct {
	id   string
	doc  storedDoc
	body string
}

// lookup loads the stored fields of the given documents with one ID query,
// so that a page citing fifty documents costs one index round trip. Unknown
// ids are absent from the map.
func (ix *Index) lookup(ctx context.Context, ids []string, withBody bool) (map[string]storedRecord, error) {
	out := make(map[string]storedRecord, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = []string{fieldStored}
	if withBody {
		sr.Fields = append(sr.Fields, fieldBody, fieldBodyAt, fieldDetail, fieldClauses)
	}
	res, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("look up %d documents: %w", len(ids), err)
	}
	for _, dm := range res.Hits {
		sd, err := ix.decodeStored(dm)
		if err != nil {
			return nil, err
		}
		var body string
		if withBody {
			if body, err = ix.bodyOf(dm); err != nil {
				return nil, err
			}
		}
		out[dm.ID] = storedRecord{id: dm.ID, doc: sd, body: body}
	}
	return out, nil
}

// lookupOne loads one document with its body, or returns ErrNotFound. The
// id of an exact duplicate loads the document indexed in its stead.
func (ix *Index) lookupOne(ctx context.Context, id string) (storedRecord, error) {
	if canonical, ok := ix.aliases[id]; ok {
		id = canonical
	}
	recs, err := ix.lookup(ctx, []string{id}, true)
	if err != nil {
		return storedRecord{}, err
	}
	rec, ok := recs[id]
	if !ok {
		return storedRecord{}, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	return rec, nil
}

// decodeStored decodes the stored metadata of a match (see metaTable) and,
// when the match carries them, its clauses and its relations.
func (ix *Index) decodeStored(dm *bsearch.DocumentMatch) (storedDoc, error) {
	var sd storedDoc
	var err error
	if sd.storedMeta, err = ix.metas.get(dm); err != nil {
		return sd, err
	}
	if d, ok := dm.Fields[fieldDetail].(string); ok {
		if err := json.Unmarshal([]byte(d), &sd.storedDetail); err != nil {
			return sd, fmt.Errorf("decode stored detail of %s: %w", dm.ID, err)
		}
	}
	if c, ok := dm.Fields[fieldClauses].(string); ok {
		if sd.Clauses, err = decodeClauses(c); err != nil {
			return sd, fmt.Errorf("decode %s: %w", dm.ID, err)
		}
	}
	return sd, nil
}
