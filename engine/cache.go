package engine

import (
	"encoding/json"
	"strconv"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// DefaultResultCache is how many search results an Index keeps. Portals and
// embedded widgets send the same popular queries again and again, and the
// similar documents of a document depend on nothing but the generation; a
// cached page costs microseconds instead of a search, and an index
// generation never changes, so entries go stale only when the synonyms are
// reloaded (see ForgetResults). 1,024 pages take about 20 MB.
const DefaultResultCache = 1024

// resultCache holds recent search and similar-document results by request.
type resultCache struct {
	lru *lru.Cache[string, *Result]
	// epoch is part of every key: a search that began before ForgetResults
	// stores its result under the old epoch, where no request finds it.
	epoch atomic.Uint64
}

func newResultCache(entries int) *resultCache {
	if entries <= 0 {
		return nil
	}
	c, err := lru.New[string, *Result](entries)
	if err != nil {
		return nil
	}
	return &resultCache{lru: c}
}

// key identifies a request (a Request, or a similarKey) in the current
// epoch; fields are normalized by the caller first.
func (c *resultCache) key(req any) string {
	if c == nil {
		return ""
	}
	b, _ := json.Marshal(req)
	return strconv.FormatUint(c.epoch.Load(), 10) + string(b)
}

// get returns a copy of a cached result with took_ms set to this lookup's
// time, so the caller may not change the shared entry.
func (c *resultCache) get(key string, start time.Time) (*Result, bool) {
	if c == nil {
		return nil, false
	}
	r, ok := c.lru.Get(key)
	if !ok {
		return nil, false
	}
	cp := *r
	cp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return &cp, true
}

func (c *resultCache) add(key string, r *Result) {
	if c != nil {
		c.lru.Add(key, r)
	}
}

// SetResultCache sets how many search results the index keeps (0 turns the
// cache off, as benchmarks of the search itself need). Call it before use.
func (ix *Index) SetResultCache(entries int) { ix.cache = newResultCache(entries) }

// ForgetResults empties the result cache. Call it when what a search returns
// changes while the index does not: after the synonyms were reloaded.
func (ix *Index) ForgetResults() {
	if ix.cache != nil {
		ix.cache.epoch.Add(1)
		ix.cache.lru.Purge()
	}
}
