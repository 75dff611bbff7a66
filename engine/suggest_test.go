package engine

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestTitleTableRanking(t *testing.T) {
	table := newTitleTable([]titleEntry{
		{ID: "kd-old", Title: "快递暂行条例", Status: "已修改"},
		{ID: "kd", Title: "快递暂行条例", Status: "现行有效", Current: true},
		{ID: "zj", Title: "浙江省快递业促进条例", Current: true},
		{ID: "kd-long", Title: "快递市场管理办法（征求意见稿）", Current: true},
		{ID: "yz", Title: "中华人民共和国邮政法", Current: true},
		{ID: "yzss", Title: "邮政法实施细则", Current: true},
		{ID: "wide", Title: "ＡＢＣ管理规定", Current: true},
		{ID: "trad", Title: "戶籍管理條例", Current: true},
		{ID: "mark", Title: "关于贯彻《快递暂行条例》的通知", Current: true},
	})
	tests := []struct {
		name string
		q    string
		size int
		want []string
	}{
		{"prefix before substring, current first, shorter first", "快递", 10, []string{"kd", "kd-long", "kd-old", "zj", "mark"}},
		{"size cuts the list", "快递", 2, []string{"kd", "kd-long"}},
		{"prefix after the state name", "邮政法", 10, []string{"yz", "yzss"}},
		{"the state name itself is a prefix", "中华人民", 10, []string{"yz"}},
		{"one character", "邮", 10, []string{"yz", "yzss"}},
		{"spaces and book-title marks ignored", "《快递 暂行", 10, []string{"kd", "kd-old", "mark"}},
		{"full-width folded", "abc", 10, []string{"wide"}},
		{"traditional folded", "户籍", 10, []string{"trad"}},
		{"no match", "不存在的标题", 10, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, s := range table.match(normalizeTitleKey(tt.q), tt.size) {
				got = append(got, s.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("match(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSuggestRejectsBadInput(t *testing.T) {
	ix := &Index{titles: newTitleTable([]titleEntry{{ID: "a", Title: "快递暂行条例", Current: true}})}
	tests := []struct {
		q    string
		size int
		code string
	}{
		{"", 0, "missing_query"},
		{"  《 》 ", 0, "missing_query"},
		{strings.Repeat("快", MaxQueryLength+1), 0, "query_too_long"},
		{"快递", MaxSuggestions + 1, "bad_parameter"},
		{"快递", -1, "bad_parameter"},
	}
	for _, tt := range tests {
		_, err := ix.Suggest(tt.q, tt.size)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Code != tt.code {
			t.Errorf("Suggest(%.20q, %d) error = %v, want %s", tt.q, tt.size, err, tt.code)
		}
	}
}

// TestTitleTableMatchesFullScan checks the candidate list a scan reads
// against the definition it stands for: over every title of the sample
// index, the titles starting with the key (or with it after the state name)
// in rank order, then those merely holding it.
func TestTitleTableMatchesFullScan(t *testing.T) {
	table := openSample(t, nil).titles
	fullScan := func(key string, size int) []Suggestion {
		var prefix, inner []Suggestion
		for _, e := range table.entries {
			if strings.HasPrefix(e.norm, key) || (e.stripped != "" && strings.HasPrefix(e.stripped, key)) {
				prefix = append(prefix, e.Suggestion)
			} else if strings.Contains(e.norm, key) {
				inner = append(inner, e.Suggestion)
			}
		}
		all := append(prefix, inner...)
		return all[:min(len(all), size)]
	}
	keys := map[string]bool{"不存在的标题": true}
	for _, e := range table.entries {
		runes := []rune(e.norm)
		for i := range runes {
			for n := 1; n <= 4 && i+n <= len(runes); n++ {
				keys[string(runes[i:i+n])] = true
			}
		}
	}
	for key := range keys {
		for _, size := range []int{1, 3, DefaultSuggestions} {
			got, want := table.match(key, size), fullScan(key, size)
			if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
				t.Fatalf("match(%q, %d) = %v, want %v", key, size, got, want)
			}
		}
	}
	if len(keys) < 500 {
		t.Fatalf("only %d keys from the sample titles; the test checks too little", len(keys))
	}
}
