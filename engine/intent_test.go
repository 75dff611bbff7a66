package engine

import (
	"reflect"
	"testing"
)

func TestSplitIntent(t *testing.T) {
	tests := []struct {
		query   string
		want    []string // the first term of each group, after removal
		history bool
		local   bool
	}{
		{"政府信息公开条例 修订", []string{"政府信息公开条例"}, true, false},
		{"楼市调控 历次通知", []string{"楼市调控", "通知"}, true, false},
		{"科技进步条例 修订前后", []string{"科技进步条例"}, true, false},
		{"修订", []string{"修订"}, false, false}, // nothing else to search for
		{"试用期 最长", []string{"试用期", "最长"}, false, false},
		{`"修订草案"`, []string{"修订草案"}, false, false}, // a phrase stays as typed
		{"外商投资 地方条例", []string{"外商投资", "条例"}, false, true},
		{"华侨权益保护条例 各地", []string{"华侨权益保护条例"}, false, true},
		{"地方条例 修订", []string{"条例"}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			pq, err := parseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, in := splitIntent(pq)
			var firsts []string
			for _, g := range got.groups {
				firsts = append(firsts, g[0].text)
			}
			if !reflect.DeepEqual(firsts, tt.want) || in.keepVersions != tt.history || in.local != tt.local {
				t.Errorf("splitIntent(%q) = %q, %+v; want %q, history %v, local %v", tt.query, firsts, in, tt.want, tt.history, tt.local)
			}
		})
	}
}
