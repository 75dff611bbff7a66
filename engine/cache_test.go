package engine

import (
	"context"
	"reflect"
	"testing"

	"policysearch/corpus/sample"
)

func TestResultCacheAnswersRepeatedRequests(t *testing.T) {
	dir := t.TempDir()
	if _, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	req := Request{Query: "人才 补贴"}

	first, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	key := cacheKey(Request{Query: "人才 补贴", Page: 1, Size: DefaultPageSize})
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
	if _, ok := ix.cache.lru.Get(cacheKey(Request{Query: "人才 补贴", Page: 1, Size: DefaultPageSize, Sort: "date"})); ok {
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
