package corpus

import (
	"crypto/sha256"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"policysearch/internal/testcorpus"
)

func TestNormalizeTitle(t *testing.T) {
	tests := []struct{ a, b string }{
		{"中华人民共和国专利法实施细则", "专利法实施细则"},
		{"人民检察院刑事诉讼规则（试行）", "人民检察院刑事诉讼规则"},
		{"中华人民共和国公司法（2018年修正）", "中华人民共和国公司法"},
		{"国务院关于修改〈中华人民共和国专利法实施细则〉的决定", "国务院关于修改《中华人民共和国专利法实施细则》的决定"},
	}
	for _, tt := range tests {
		if NormalizeTitle(tt.a) != NormalizeTitle(tt.b) {
			t.Errorf("NormalizeTitle(%q) = %q, NormalizeTitle(%q) = %q; want equal", tt.a, NormalizeTitle(tt.a), tt.b, NormalizeTitle(tt.b))
		}
	}
	distinct := [][2]string{
		{"中华人民共和国刑法", "中华人民共和国刑法修正案（八）"},
		{"上海市物业管理条例", "北京市物业管理条例"},
		{"中华人民共和国民事诉讼法", "中华人民共和国刑事诉讼法"},
	}
	for _, p := range distinct {
		if NormalizeTitle(p[0]) == NormalizeTitle(p[1]) {
			t.Errorf("NormalizeTitle(%q) == NormalizeTitle(%q); want distinct", p[0], p[1])
		}
	}
}

func TestGroup(t *testing.T) {
	body := "第一条 甲。\n第二条 乙。"
	docs := []*Document{
		{Path: "a/x(2010-01-09).md", Title: "中华人民共和国专利法实施细则", Body: "第一条 旧。", Region: "全国", Published: "2010-01-09", Status: "现行有效"},
		{Path: "a/y.md", Title: "实施办法", Body: body, Region: "全国", Published: "2019-01-01", Cites: []string{"专利法实施细则", "实施办法"}},
		{Path: "a/x(2023-12-11).md", Title: "中华人民共和国专利法实施细则", Body: "第一条 新。", Region: "全国", Published: "2023-12-11"},
		{Path: "b/y.md", Title: "实施办法", Body: "第一条 甲。\n\n　第二条 乙。", Region: "全国", Published: "2019-01-01"},
		{Path: "b/x(2010-01-09).md", Title: "专利法实施细则", Body: "第一条 旧。", Region: "全国", Published: "2010-01-09"},
		{Path: "a/empty.md", Title: "空", Body: ""},
		{Path: "b/empty.md", Title: "空2", Body: " "},
	}
	g := Group(docs)
	wantDup := map[string][]string{"a/x(2010-01-09).md": {"b/x(2010-01-09).md"}, "a/y.md": {"b/y.md"}}
	if !reflect.DeepEqual(g.Duplicates, wantDup) {
		t.Errorf("Duplicates = %v, want %v", g.Duplicates, wantDup)
	}
	if g.DuplicateOf["b/y.md"] != "a/y.md" {
		t.Errorf("DuplicateOf[b/y.md] = %q", g.DuplicateOf["b/y.md"])
	}
	wantVersions := []string{"a/x(2023-12-11).md", "a/x(2010-01-09).md"}
	if got := g.Versions["a/x(2010-01-09).md"]; !reflect.DeepEqual(got, wantVersions) {
		t.Errorf("Versions = %v, want %v", got, wantVersions)
	}
	if g.IsCurrent("a/x(2010-01-09).md") || g.IsCurrent("b/x(2010-01-09).md") || !g.IsCurrent("a/x(2023-12-11).md") || !g.IsCurrent("a/y.md") {
		t.Error("IsCurrent wrong")
	}
	if docs[0].Status != "已修改" || docs[4].Status != "已修改" || docs[2].Status != "" {
		t.Errorf("statuses = %q, %q, %q", docs[0].Status, docs[4].Status, docs[2].Status)
	}
	if got := g.Cites["a/y.md"]; !reflect.DeepEqual(got, []string{"a/x(2023-12-11).md"}) {
		t.Errorf("Cites = %v (want the current version, not self)", got)
	}
	if got := g.CitedBy["a/x(2023-12-11).md"]; !reflect.DeepEqual(got, []string{"a/y.md"}) {
		t.Errorf("CitedBy = %v", got)
	}
}

// TestGroupRealLaws groups the two law folders, which nearly duplicate
// each other, and checks the duplicates, a version chain and citations.
func TestGroupRealLaws(t *testing.T) {
	if testing.Short() {
		t.Skip("reads about 5,000 files")
	}
	dir := testcorpus.Dir(t)
	fsys := os.DirFS(dir)
	paths, _, err := ListFiles(fsys)
	if err != nil {
		t.Fatalf("ListFiles: %v", err)
	}
	var docs []*Document
	for _, p := range paths {
		if !strings.HasPrefix(p, "lawrefbook-laws/") && !strings.HasPrefix(p, "china-law-db/") {
			continue
		}
		got, err := ReadFile(fsys, p, Options{})
		if err != nil {
			t.Fatalf("ReadFile(%s): %v", p, err)
		}
		docs = append(docs, got...)
	}
	g := Group(docs)

	cross, sets := 0, 0
	for first, others := range g.Duplicates {
		sets++
		for _, o := range others {
			if strings.Split(first, "/")[0] != strings.Split(o, "/")[0] {
				cross++
			}
		}
	}
	t.Logf("%d documents; %d duplicate sets; %d duplicate pairs across the two folders", len(docs), sets, cross)
	if cross < 1450 || cross > 1543 {
		t.Errorf("%d duplicate pairs across folders, want about 1,510", cross)
	}

	const kuaidiLaw, kuaidiDB = "lawrefbook-laws/行政法规/快递暂行条例(2019-03-02).md", "china-law-db/laws/行政法规/快递暂行条例(2019-03-02).md"
	if g.DuplicateOf[kuaidiLaw] != kuaidiDB {
		t.Errorf("DuplicateOf[%s] = %q, want %s", kuaidiLaw, g.DuplicateOf[kuaidiLaw], kuaidiDB)
	}

	canon := func(p string) string {
		if f, ok := g.DuplicateOf[p]; ok {
			return f
		}
		return p
	}
	newer := canon("lawrefbook-laws/行政法规/专利法实施细则(2023-12-11).md")
	older := canon("lawrefbook-laws/行政法规/专利法实施细则(2010-01-09).md")
	if got := g.Versions[older]; !reflect.DeepEqual(got, []string{newer, older}) {
		t.Errorf("Versions[%s] = %v, want [%s %s]", older, got, newer, older)
	}
	if g.IsCurrent(older) || !g.IsCurrent(newer) {
		t.Errorf("IsCurrent(older) = %v, IsCurrent(newer) = %v", g.IsCurrent(older), g.IsCurrent(newer))
	}
	for _, d := range docs {
		if strings.Contains(d.Path, "专利法实施细则(2010-01-09)") && d.Status != "已修改" {
			t.Errorf("%s: status %q, want 已修改", d.Path, d.Status)
		}
	}

	groups, links := 0, 0
	for p, v := range g.Versions {
		if v[0] == p {
			groups++
		}
	}
	for _, c := range g.Cites {
		links += len(c)
	}
	t.Logf("%d version groups; %d citation links", groups, links)
	// The regulation's body cites the Patent Law it implements.
	patentLaw := canon("lawrefbook-laws/民法商法/专利法(2020-10-17).md")
	if !contains(g.Cites[newer], patentLaw) {
		t.Errorf("Cites[%s] = %v, want it to include %s", newer, g.Cites[newer], patentLaw)
	}
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestCompactHashIgnoresOnlyWhitespace checks compactHash against hashing
// the text with its whitespace removed (invalid bytes kept as they are),
// across the hash buffer's boundary.
func TestCompactHashIgnoresOnlyWhitespace(t *testing.T) {
	long := strings.Repeat("第一条　为了规范人才引进工作，\n制定本办法。 Article 1\t", 300) // well over 4 KB
	for _, s := range []string{"", " \n\t　", "甲", long, long + "\xff\xfe", "a b\u00a0c\u2003d"} {
		want := sha256.Sum256([]byte(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")))
		got, empty := compactHash(s)
		if got != want {
			t.Errorf("compactHash(%.20q…) differs from hashing the text without whitespace", s)
		}
		if wantEmpty := strings.TrimFunc(s, unicode.IsSpace) == ""; empty != wantEmpty {
			t.Errorf("compactHash(%.20q…) empty = %v, want %v", s, empty, wantEmpty)
		}
	}
}
