package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"policysearch/corpus"
	"policysearch/corpus/sample"
	"policysearch/engine"
	"policysearch/internal/testcorpus"
)

// Sample documents the tests below rely on (see corpus/sample/sample.go).
const (
	sampleRegulation    = "laws/地方性法规/示例省/示例市人才发展促进条例(2024-03-28).md"
	sampleRegulationOld = "laws/地方性法规/示例省/示例市人才发展促进条例(2021-06-18).md"
	samplePostdoc       = "laws/社会法/示例市博士后科研工作站资助管理办法(2023-09-01).md"
	samplePostdocCopy   = "laws/部门规章/示例市人力资源和社会保障局/示例市博士后科研工作站资助管理办法(2023-09-01).md"
	sampleLoanMeasure   = "gov-docs/docs/就业与创业/示例市创业担保贷款及贴息管理办法.md"
	sampleHousing       = "gov-docs/docs/人才与住房/示例市高层次人才安居补贴办法.md"
	sampleSeedPage      = "seed/shili-talent-2024-03-05.txt"
)

// getDocument fetches /api/documents/{id} of the document at path.
func getDocument(t *testing.T, ts *httptest.Server, path string) engine.Document {
	t.Helper()
	var doc engine.Document
	if status := get(t, ts, "/api/documents/"+corpus.DocID(path), &doc); status != http.StatusOK {
		t.Fatalf("document %s: status %d", path, status)
	}
	return doc
}

// suggest fetches /api/suggest for q and returns the suggested titles.
func suggest(t *testing.T, ts *httptest.Server, q string) []engine.Suggestion {
	t.Helper()
	var res suggestResponse
	if status := get(t, ts, "/api/suggest?q="+url.QueryEscape(q), &res); status != http.StatusOK {
		t.Fatalf("suggest %q: status %d", q, status)
	}
	return res.Suggestions
}

func TestDocumentFieldsAndClauses(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	doc := getDocument(t, ts, sampleRegulation)

	if doc.ID != corpus.DocID(sampleRegulation) || doc.Path != sampleRegulation || doc.Title != "示例市人才发展促进条例" {
		t.Errorf("identity = %q %q %q", doc.ID, doc.Path, doc.Title)
	}
	if doc.Published != "2024-03-28" || doc.Effective != "2024-07-01" || doc.DocType != "条例" || doc.Agency == "" {
		t.Errorf("metadata = published %q effective %q doc_type %q agency %q", doc.Published, doc.Effective, doc.DocType, doc.Agency)
	}
	if !strings.Contains(doc.Body, "第十条") {
		t.Errorf("body lacks the last article: %q", doc.Body)
	}
	byAnchor := map[string]engine.ClauseText{}
	for _, c := range doc.Clauses {
		byAnchor[c.Anchor] = c
		if !strings.Contains(doc.Body, c.Text) {
			t.Errorf("clause %s text is not in the body: %q", c.Anchor, c.Text)
		}
	}
	tests := []struct{ anchor, label, starts string }{
		{"ch-1", "第一章", "第一章"},
		{"art-1", "第一条", "第一条"},
		{"art-10", "第十条", "第十条 本条例自2024年7月1日起施行"},
	}
	for _, tt := range tests {
		c, ok := byAnchor[tt.anchor]
		if !ok || c.Label != tt.label || !strings.HasPrefix(c.Text, tt.starts) {
			t.Errorf("clause %s = %+v, want label %s, text starting %q", tt.anchor, c, tt.label, tt.starts)
		}
	}
}

func TestUnstructuredDocumentIsParagraphClauses(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	doc := getDocument(t, ts, sampleSeedPage)
	if len(doc.Clauses) < 2 || doc.Clauses[0].Anchor != "p-1" || doc.Clauses[1].Anchor != "p-2" || doc.Clauses[0].Label != "" {
		t.Errorf("clauses of an unstructured page = %+v, want paragraphs p-1, p-2 …", doc.Clauses)
	}
}

func TestDocumentRelations(t *testing.T) {
	ts := newTestServer(t, sample.FS())

	t.Run("versions newest first", func(t *testing.T) {
		for _, path := range []string{sampleRegulation, sampleRegulationOld} {
			doc := getDocument(t, ts, path)
			if len(doc.Versions) != 2 {
				t.Fatalf("%s: versions = %+v, want 2", path, doc.Versions)
			}
			newest, older := doc.Versions[0], doc.Versions[1]
			if newest.Path != sampleRegulation || !newest.Current || newest.ID != corpus.DocID(sampleRegulation) || newest.Published != "2024-03-28" {
				t.Errorf("%s: newest version = %+v", path, newest)
			}
			if older.Path != sampleRegulationOld || older.Current || older.Status != "已修改" {
				t.Errorf("%s: older version = %+v", path, older)
			}
		}
		if doc := getDocument(t, ts, sampleHousing); doc.Versions == nil || len(doc.Versions) != 0 {
			t.Errorf("a document without versions lists %+v, want []", doc.Versions)
		}
	})

	t.Run("duplicates", func(t *testing.T) {
		doc := getDocument(t, ts, samplePostdoc)
		if !slices.Equal(doc.Duplicates, []string{samplePostdocCopy}) {
			t.Errorf("duplicates = %v, want [%s]", doc.Duplicates, samplePostdocCopy)
		}
		if copied := getDocument(t, ts, samplePostdocCopy); copied.Path != samplePostdoc {
			t.Errorf("the duplicate's id gives %s, want the indexed %s", copied.Path, samplePostdoc)
		}
	})

	t.Run("cites and cited by", func(t *testing.T) {
		doc := getDocument(t, ts, sampleLoanMeasure)
		want := []engine.DocRef{
			{ID: corpus.DocID(sampleRegulation), Title: "示例市人才发展促进条例"},
			{ID: corpus.DocID(sampleHousing), Title: "示例市高层次人才安居补贴办法（示例）"},
		}
		if !slices.Equal(doc.Cites, want) {
			t.Errorf("cites = %+v, want %+v", doc.Cites, want)
		}
		cited := getDocument(t, ts, sampleRegulation)
		if !slices.Contains(cited.CitedBy, engine.DocRef{ID: doc.ID, Title: doc.Title}) {
			t.Errorf("cited_by of the regulation = %+v, lacks %s", cited.CitedBy, doc.Title)
		}
	})
}

func TestUnknownDocumentIs404JSON(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	for _, path := range []string{"/api/documents/no-such-id", "/api/documents/no-such-id/similar"} {
		var body errorBody
		if status := get(t, ts, path, &body); status != http.StatusNotFound || body.Error.Code != "not_found" || body.Error.Message == "" {
			t.Errorf("GET %s = %d %+v, want 404 not_found", path, status, body)
		}
	}
}

func TestSimilarDocuments(t *testing.T) {
	ts := newTestServer(t, sample.FS())
	for _, path := range []string{sampleRegulation, sampleHousing, samplePostdoc} {
		var res engine.Result
		if status := get(t, ts, "/api/documents/"+corpus.DocID(path)+"/similar?size=5", &res); status != http.StatusOK {
			t.Fatalf("similar to %s: status %d", path, status)
		}
		if len(res.Hits) == 0 || res.Size != 5 || res.Facets == nil {
			t.Fatalf("similar to %s: %d hits, size %d, facets %v", path, len(res.Hits), res.Size, res.Facets)
		}
		for _, h := range res.Hits {
			if h.Path == path || h.Path == sampleRegulationOld && path == sampleRegulation {
				t.Errorf("similar to %s lists the document itself or its version: %s", path, h.Path)
			}
		}
		if !strings.Contains(res.Hits[0].TitleHTML+strings.Join(res.Hits[0].Snippets, ""), "<mark>") {
			t.Errorf("similar to %s: first hit not highlighted: %+v", path, res.Hits[0])
		}
	}
	var body errorBody
	if status := get(t, ts, "/api/documents/"+corpus.DocID(sampleRegulation)+"/similar?size=0", &body); status != http.StatusBadRequest {
		t.Errorf("size=0 answered %d, want 400", status)
	}
}

func TestSuggest(t *testing.T) {
	ts := newTestServer(t, sample.FS())

	t.Run("prefix beats substring", func(t *testing.T) {
		got := suggest(t, ts, "示例市人才")
		if len(got) == 0 || got[0].Title != "示例市人才发展促进条例" || got[0].Status == "已修改" {
			t.Errorf("suggest 示例市人才 = %+v, want the current regulation first", got)
		}
		got = suggest(t, ts, "人才发展")
		if len(got) == 0 || got[0].Title != "示例市人才发展促进条例" {
			t.Errorf("suggest 人才发展 (substring) = %+v", got)
		}
		got = suggest(t, ts, "示例")
		for _, s := range got {
			if !strings.HasPrefix(s.Title, "示例") {
				t.Errorf("a substring match %q ranks among prefix matches of 示例: %+v", s.Title, got)
			}
		}
	})

	t.Run("one character and size", func(t *testing.T) {
		var res suggestResponse
		if status := get(t, ts, "/api/suggest?q="+url.QueryEscape("示")+"&size=3", &res); status != http.StatusOK || len(res.Suggestions) != 3 {
			t.Errorf("suggest 示 size 3 = %d %+v", status, res)
		}
	})

	t.Run("bad requests", func(t *testing.T) {
		for _, tt := range []struct{ path, code string }{
			{"/api/suggest", "missing_query"},
			{"/api/suggest?q=", "missing_query"},
			{"/api/suggest?q=%20", "missing_query"},
			{"/api/suggest?q=" + strings.Repeat("人", engine.MaxQueryLength+1), "query_too_long"},
			{"/api/suggest?q=人&size=21", "bad_parameter"},
			{"/api/suggest?q=人&size=x", "bad_parameter"},
		} {
			var body errorBody
			if status := get(t, ts, tt.path, &body); status != http.StatusBadRequest || body.Error.Code != tt.code {
				t.Errorf("GET %.40s = %d %+v, want 400 %s", tt.path, status, body, tt.code)
			}
		}
	})
}

func TestRealDocumentRelations(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the real-corpus document test in -short mode")
	}
	dir := testcorpus.Dir(t)
	ts := newTestServer(t, realSubset(t, dir, "lawrefbook-laws/行政法规", "lawrefbook-laws/民法商法"))

	const rules = "lawrefbook-laws/行政法规/专利法实施细则(2023-12-11).md"
	doc := getDocument(t, ts, rules)
	var versions []string
	for _, v := range doc.Versions {
		versions = append(versions, v.Path+" "+v.Published)
	}
	want := []string{rules + " 2023-12-11", "lawrefbook-laws/行政法规/专利法实施细则(2010-01-09).md 2010-01-09"}
	if !slices.Equal(versions, want) || !doc.Versions[0].Current || doc.Versions[1].Current {
		t.Errorf("versions of %s = %+v, want %v, the first current", rules, doc.Versions, want)
	}
	citesPatentLaw := false
	for _, c := range doc.Cites {
		citesPatentLaw = citesPatentLaw || strings.TrimPrefix(c.Title, "中华人民共和国") == "专利法"
	}
	if !citesPatentLaw {
		t.Errorf("%s cites %+v, want 专利法", rules, doc.Cites)
	}

	if got := suggest(t, ts, "快递"); len(got) == 0 || got[0].Title != "快递暂行条例" {
		t.Errorf("suggest 快递 = %+v, want 快递暂行条例 first", got)
	}
}

func TestDocumentRoutesBeforeIndexAnswer503(t *testing.T) {
	srv := newServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ts := httptest.NewServer(srv.routes())
	defer ts.Close()
	for _, path := range []string{"/api/documents/x", "/api/documents/x/similar", "/api/suggest?q=人才"} {
		var body errorBody
		if status := get(t, ts, path, &body); status != http.StatusServiceUnavailable || body.Error.Code != "not_ready" {
			t.Errorf("GET %s before the index opened = %d %+v", path, status, body)
		}
	}
}
