package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"policysearch/corpus/sample"
	"policysearch/engine"
	"policysearch/internal/testcorpus"
)

// newTestServer builds an index of fsys and serves it with httptest.
func newTestServer(t *testing.T, fsys fs.FS) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	if _, err := engine.Build(context.Background(), engine.BuildOptions{Corpus: fsys, IndexDir: dir}); err != nil {
		t.Fatalf("build index: %v", err)
	}
	ix, err := engine.Open(dir, nil)
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	srv := newServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.setIndex(ix)
	ts := httptest.NewServer(srv.routes())
	t.Cleanup(ts.Close)
	return ts
}

// get fetches path and decodes the JSON answer into v, returning the status.
func get(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", path, err)
	}
	return resp.StatusCode
}

func search(t *testing.T, ts *httptest.Server, q string, extra ...string) engine.Result {
	t.Helper()
	var res engine.Result
	path := "/api/search?q=" + url.QueryEscape(q) + strings.Join(extra, "")
	if status := get(t, ts, path, &res); status != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, status)
	}
	return res
}

func TestSampleCorpusSearch(t *testing.T) {
	ts := newTestServer(t, sample.FS())

	var health map[string]string
	if status := get(t, ts, "/healthz", &health); status != http.StatusOK {
		t.Fatalf("healthz status %d", status)
	}

	res := search(t, ts, "人才 补贴")
	if res.Total == 0 || len(res.Hits) == 0 {
		t.Fatalf("no hits for 人才 补贴 in the sample corpus")
	}
	hit := res.Hits[0]
	if hit.ID == "" || hit.Path == "" || hit.Title == "" {
		t.Errorf("hit lacks identity: %+v", hit)
	}
	if !strings.Contains(hit.TitleHTML+strings.Join(hit.Snippets, ""), "<mark>") {
		t.Errorf("first hit has no highlight: %+v", hit)
	}
	for _, name := range []string{"agency", "category", "status", "doc_type", "region", "year"} {
		if _, ok := res.Facets[name]; !ok {
			t.Errorf("facet %s missing", name)
		}
	}
}

func TestScriptInDocumentComesBackEscaped(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	res := search(t, ts, "script alert")
	if len(res.Hits) == 0 {
		t.Fatal("the sample document holding <script> was not found")
	}
	for _, h := range res.Hits {
		all := h.TitleHTML + strings.Join(h.Snippets, "")
		for _, c := range h.Clauses {
			all += c.HTML
		}
		if strings.Contains(all, "<script") {
			t.Errorf("unescaped <script> in %s: %s", h.Path, all)
		}
		if strings.Contains(strings.Join(h.Snippets, ""), "script") && !strings.Contains(all, "&lt;") {
			t.Errorf("snippet mentions script but holds no escaped markup: %s", all)
		}
	}
}

func TestBadRequestsGetJSONErrors(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/search", http.StatusBadRequest, "missing_query"},
		{"/api/search?q=", http.StatusBadRequest, "missing_query"},
		{"/api/search?q=" + strings.Repeat("人", engine.MaxQueryLength+1), http.StatusBadRequest, "query_too_long"},
		{"/api/search?q=人才&page=abc", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&page=0", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&page=-2", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&size=101", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&size=0", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&page=999999", http.StatusBadRequest, "page_too_deep"},
		{"/api/search?q=人才&sort=popular", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&from=2019/01/01", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=人才&from=2020&to=2019", http.StatusBadRequest, "bad_parameter"},
		{"/api/search?q=-人才", http.StatusBadRequest, "bad_query"},
		{"/api/search?q=" + strings.Repeat("a", 9000), http.StatusRequestEntityTooLarge, "too_large"},
		{"/api/nothing", http.StatusNotFound, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.path[:min(len(tt.path), 40)], func(t *testing.T) {
			var body errorBody
			status := get(t, ts, tt.path, &body)
			if status != tt.status || body.Error.Code != tt.code || body.Error.Message == "" {
				t.Errorf("GET %s = %d %+v, want %d %s", tt.path, status, body, tt.status, tt.code)
			}
		})
	}
}

func TestNotReadyAnswers503(t *testing.T) {
	srv := newServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ts := httptest.NewServer(srv.routes())
	defer ts.Close()
	var body errorBody
	for _, path := range []string{"/healthz", "/api/search?q=人才"} {
		if status := get(t, ts, path, &body); status != http.StatusServiceUnavailable || body.Error.Code != "not_ready" {
			t.Errorf("GET %s before the index opened = %d %+v", path, status, body)
		}
	}
}

// realSubset loads the files under the given corpus folders into memory: a
// few hundred real documents index in seconds.
func realSubset(t *testing.T, dir string, prefixes ...string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, p := range prefixes {
		err := filepath.WalkDir(filepath.Join(dir, p), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
			return nil
		})
		if err != nil {
			t.Fatalf("load %s: %v", p, err)
		}
	}
	return m
}

func TestRealDocumentsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the real-corpus end-to-end test in -short mode")
	}
	dir := testcorpus.Dir(t)
	fsys := realSubset(t, dir, "seed", "lawrefbook-laws/行政法规", "shanghai-gov-docs/docs/房屋与住房")
	fsys["test/脚本注入测试.md"] = &fstest.MapFile{Data: []byte("# 注入测试通知\n\n<!-- INFO END -->\n\n页面里出现了<script>alert('x')</script>这样的注入文本。\n")}
	ts := newTestServer(t, fsys)

	res := search(t, ts, "快递暂行条例")
	if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].Path, "lawrefbook-laws/行政法规/快递暂行条例(") {
		t.Fatalf("快递暂行条例 should rank that regulation first, got %v", paths(res))
	}
	if !strings.Contains(res.Hits[0].TitleHTML, "<mark>") {
		t.Errorf("title not highlighted: %q", res.Hits[0].TitleHTML)
	}

	res = search(t, ts, "人才生态最优市")
	if len(res.Hits) == 0 || res.Hits[0].Path != "seed/linhai-talent-2019-04-18.txt" {
		t.Fatalf("人才生态最优市 should find the seed page first, got %v", paths(res))
	}

	res = search(t, ts, "住房 补贴")
	marked := 0
	for _, h := range res.Hits {
		for _, s := range h.Snippets {
			if strings.Contains(s, "<mark>住房</mark>") || strings.Contains(s, "<mark>补贴</mark>") || strings.Contains(s, "<mark>住房补贴</mark>") {
				marked++
			}
		}
	}
	if marked == 0 {
		t.Errorf("no snippet marks the query words: %+v", res.Hits)
	}

	res = search(t, ts, "注入 文本")
	if len(res.Hits) == 0 || res.Hits[0].Path != "test/脚本注入测试.md" {
		t.Fatalf("injection fixture not found: %v", paths(res))
	}
	snip := strings.Join(res.Hits[0].Snippets, "")
	if strings.Contains(snip, "<script") || strings.Contains(snip, "</script") || !strings.Contains(snip, "&lt;/script&gt;") {
		t.Errorf("<script> not escaped in snippet: %q", snip)
	}
}

func paths(res engine.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Path)
	}
	return out
}

func TestEngineErrorsMapToStatus(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
		logged bool
	}{
		{&engine.QueryError{Code: "bad_query", Message: "no words"}, http.StatusBadRequest, "bad_query", false},
		{fmt.Errorf("document %q: %w", "x", engine.ErrNotFound), http.StatusNotFound, "not_found", false},
		{fmt.Errorf("search %q: %w", "人才", context.Canceled), http.StatusServiceUnavailable, "cancelled", false},
		{context.DeadlineExceeded, http.StatusServiceUnavailable, "cancelled", false},
		{errors.New("disk on fire"), http.StatusInternalServerError, "internal", true},
	}
	for _, tt := range tests {
		var logs bytes.Buffer
		srv := newServer(slog.New(slog.NewTextHandler(&logs, nil)))
		rec := httptest.NewRecorder()
		srv.writeEngineError(rec, tt.err)
		var body errorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%v: answer is not JSON: %v", tt.err, err)
		}
		if rec.Code != tt.status || body.Error.Code != tt.code {
			t.Errorf("%v: answered %d %q, want %d %q", tt.err, rec.Code, body.Error.Code, tt.status, tt.code)
		}
		if logged := logs.Len() > 0; logged != tt.logged {
			t.Errorf("%v: logged %v, want %v", tt.err, logged, tt.logged)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	big := strings.Repeat("政策<mark>文件</mark>", 4000) // well over one write buffer
	tests := []struct {
		name       string
		value      any
		wantStatus int
		wantBody   string // a part of it
	}{
		{"a page", map[string]string{"html": big}, http.StatusOK, "<mark>文件</mark>"},
		{"short after long", map[string]string{"status": "ok"}, http.StatusOK, `{"status":"ok"}`},
		{"not encodable", map[string]float64{"score": math.NaN()}, http.StatusInternalServerError, `"code":"internal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, http.StatusOK, tt.value)
			}))
			defer ts.Close()
			resp, err := http.Get(ts.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if len(resp.TransferEncoding) > 0 || resp.ContentLength != int64(len(body)) {
				t.Errorf("Content-Length %d, transfer encoding %v, for a body of %d bytes; want the length sent", resp.ContentLength, resp.TransferEncoding, len(body))
			}
			if !json.Valid(body) || !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("body %.200s: want valid JSON holding %s", body, tt.wantBody)
			}
		})
	}
}
