package engine

import (
	"reflect"
	"testing"
)

func TestWithoutHistory(t *testing.T) {
	tests := []struct {
		query   string
		want    []string // the first term of each group, after removal
		history bool
	}{
		{"政府信息公开条例 修订", []string{"政府信息公开条例"}, true},
		{"楼市调控 历次通知", []string{"楼市调控", "通知"}, true},
		{"科技进步条例 修订前后", []string{"科技进步条例"}, true},
		{"修订", []string{"修订"}, false}, // nothing else to search for
		{"试用期 最长", []string{"试用期", "最长"}, false},
		{`"修订草案"`, []string{"修订草案"}, false}, // a phrase stays as typed
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			pq, err := parseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, history := withoutHistory(pq)
			var firsts []string
			for _, g := range got.groups {
				firsts = append(firsts, g[0].text)
			}
			if !reflect.DeepEqual(firsts, tt.want) || history != tt.history {
				t.Errorf("withoutHistory(%q) = %q, %v; want %q, %v", tt.query, firsts, history, tt.want, tt.history)
			}
		})
	}
}
