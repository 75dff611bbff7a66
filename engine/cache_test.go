package engine

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"policysearch/analysis"
)

func TestResultCacheAnswersRepeatedRequests(t *testing.T) {
	ix := openSample(t, nil)
	ctx := context.Background()
	req := Request{Query: "人才 补贴"}

	first, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	key := ix.cache.key(Request{Query: "人才 补贴", Page: 1, Size: DefaultPageSize})
	if _, ok := ix.cache.lru.Get(key); !ok {
		t.Fatal("a search did not fill the cache under its normalized key")
	}
	second, err := ix.Search(ctx, Request{Query: "人才 补贴", Page: 1, Size: DefaultPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first.Hits, second.Hits) || first.Total != second.Total {
		t.Error("the cached answer differs from the first")
	}
	if second == first {
		t.Error("the cache handed out its shared entry instead of a copy")
	}
	if _, ok := ix.cache.lru.Get(ix.cache.key(Request{Query: "人才 补贴", Page: 1, Size: DefaultPageSize, Sort: "date"})); ok {
		t.Error("a different request found a cache entry")
	}

	ix.SetResultCache(0)
	if _, err := ix.Search(ctx, req); err != nil {
		t.Fatal(err)
	}
	if ix.cache != nil {
		t.Error("SetResultCache(0) left a cache in place")
	}
}

func TestReloadedSynonymsReachCachedQueries(t *testing.T) {
	file := filepath.Join(t.TempDir(), "synonyms.txt")
	if err := os.WriteFile(file, []byte("户口,户籍\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	syn, err := analysis.LoadSynonyms(file)
	if err != nil {
		t.Fatal(err)
	}
	reloadable := analysis.NewReloadable(syn)
	ix := openSample(t, reloadable)
	ctx := context.Background()
	search := func() uint64 {
		t.Helper()
		res, err := ix.Search(ctx, Request{Query: "阿尔法"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := search(); n != 0 {
		t.Fatalf("阿尔法 found %d documents before any synonym names it", n)
	}
	if err := os.WriteFile(file, []byte("阿尔法 => 人才\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := reloadable.Reload(file); err != nil {
		t.Fatal(err)
	}
	if n := search(); n != 0 {
		t.Fatalf("the cached answer should stand until ForgetResults, got %d hits", n)
	}
	ix.ForgetResults()
	if n := search(); n == 0 {
		t.Error("after reloading 阿尔法 => 人才 and ForgetResults, 阿尔法 still finds nothing")
	}
}

func TestResultCacheAnswersRepeatedSimilarRequests(t *testing.T) {
	ix := openSample(t, nil)
	ctx := context.Background()
	id := ix.facets.ids[0]

	first, err := ix.Similar(ctx, SimilarRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Hits) == 0 {
		t.Fatalf("no document is similar to %s; the test would prove nothing", id)
	}
	normalized := SimilarRequest{ID: id, Page: 1, Size: DefaultPageSize}
	if _, ok := ix.cache.lru.Get(ix.cache.key(similarKey{normalized})); !ok {
		t.Fatal("a similar-documents request did not fill the cache under its normalized key")
	}
	if _, ok := ix.cache.lru.Get(ix.cache.key(Request{Query: id, Page: 1, Size: DefaultPageSize})); ok {
		t.Error("a search request found the similar-documents entry")
	}
	second, err := ix.Similar(ctx, normalized)
	if err != nil {
		t.Fatal(err)
	}
	if second == first || !reflect.DeepEqual(first.Hits, second.Hits) || first.Total != second.Total {
		t.Error("the cached answer is not a copy of the first")
	}
	if _, ok := ix.cache.lru.Get(ix.cache.key(similarKey{SimilarRequest{ID: id, Page: 2, Size: DefaultPageSize}})); ok {
		t.Error("another page found a cache entry")
	}
}
