package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const testSynonyms = `# test rules
户口,户籍
补贴，补助，资助   # full-width commas
个税 => 个人所得税
社保,社会保险
社保,五险         # a term in two groups expands to both
`

func TestSynonymsExpand(t *testing.T) {
	s, err := ParseSynonyms(strings.NewReader(testSynonyms))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term string
		want []string
	}{
		{"户口", []string{"户籍"}},
		{"户籍", []string{"户口"}},
		{"戶籍", []string{"户口"}}, // traditional input is normalized
		{" 补贴 ", []string{"补助", "资助"}},
		{"个税", []string{"个人所得税"}},
		{"个人所得税", nil}, // one-way
		{"社保", []string{"五险", "社会保险"}},
		{"五险", []string{"社保"}}, // not transitive
		{"落户", nil},
	}
	for _, tt := range tests {
		if got := s.Expand(tt.term); !slices.Equal(got, tt.want) {
			t.Errorf("Expand(%q) = %q, want %q", tt.term, got, tt.want)
		}
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	tests := []struct {
		name, text, wantInError string
	}{
		{"lone term", "户口,户籍\n# ok\n户口\n", "line 3"},
		{"empty term", "户口,,户籍\n", "line 1"},
		{"empty right side", "a,b\nc,d\n个税 =>\n", "line 3"},
		{"two arrows", "a => b => c\n", "line 1"},
		{"same term twice", "户口,户口\n", "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSynonyms(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("ParseSynonyms error = %v, want one mentioning %q", err, tt.wantInError)
			}
		})
	}
}

func TestDefaultSynonyms(t *testing.T) {
	s := DefaultSynonyms()
	tests := []struct {
		term, want string
	}{
		{"公积金", "住房公积金"},
		{"社保", "社会保险"},
		{"个税", "个人所得税"},
		{"低保", "最低生活保障"},
		{"版权", "著作权"},
		{"保租房", "保障性租赁住房"},
		{"网约车", "网络预约出租汽车"},
		{"户口", "户籍"},
		{"GDP", "国内生产总值"},
	}
	for _, tt := range tests {
		if got := s.Expand(tt.term); !slices.Contains(got, tt.want) {
			t.Errorf("default Expand(%q) = %q, want it to contain %q", tt.term, got, tt.want)
		}
	}
	if got := s.Expand("落户"); slices.Contains(got, "户籍") {
		t.Errorf("落户 (an action) must not expand to 户籍: %q", got)
	}
}

// TestDomainWordsAreTokens checks that the long default synonym terms added
// to the segmenter's dictionary come out as single tokens.
func TestDomainWordsAreTokens(t *testing.T) {
	for _, term := range []string{"保租房", "公租房", "保障性租赁住房", "网络预约出租汽车", "人社局"} {
		words := Words(term)
		if len(words) != 1 || words[0].Term != term {
			t.Errorf("Words(%q) = %q, want the term as one word", term, terms(words))
		}
	}
}

func TestReloadable(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(good, []byte("户口,户籍\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("# bad\n社保,社会保险\n社保,\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := NewReloadable(DefaultSynonyms())
	if got := r.Expand("个税"); !slices.Contains(got, "个人所得税") {
		t.Fatalf("initial set: Expand(个税) = %q", got)
	}
	if err := r.Reload(good); err != nil {
		t.Fatalf("Reload(good): %v", err)
	}
	if got := r.Expand("户口"); !slices.Equal(got, []string{"户籍"}) {
		t.Errorf("after reload: Expand(户口) = %q, want [户籍]", got)
	}

	err := r.Reload(bad)
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), bad) {
		t.Errorf("Reload(bad) error = %v, want one naming the file and line 3", err)
	}
	if got := r.Expand("户口"); !slices.Equal(got, []string{"户籍"}) {
		t.Errorf("after bad reload: Expand(户口) = %q, want the old set's [户籍]", got)
	}
	if err := r.Reload(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("Reload of a missing file succeeded")
	}
}

func TestExpandReturnsCopy(t *testing.T) {
	s := DefaultSynonyms()
	got := s.Expand("户口")
	got[0] = "changed"
	if again := s.Expand("户口"); again[0] == "changed" {
		t.Error("Expand returned the internal slice")
	}
}
