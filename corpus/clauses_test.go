package corpus

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitClauses(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		labels  []string
		anchors []string
	}{
		{
			name:    "chapters, sections and articles",
			body:    "第一章 总则\n\n第一条 为了……，制定本条例。\n\n第二条 本条例适用于……\n（一）甲；\n（二）乙。\n\n第二章 管理\n第一节 登记\n第十二条 登记……\n第十二条之一 补充……\n第一百零三条 附则……\n",
			labels:  []string{"第一章", "第一条", "第二条", "第二章", "第一节", "第十二条", "第十二条之一", "第一百零三条"},
			anchors: []string{"ch-1", "art-1", "art-2", "ch-2", "ch-2-sec-1", "art-12", "art-12-1", "art-103"},
		},
		{
			name:    "parts restart chapter numbers",
			body:    "第一编 总则\n第一章 基本规定\n第一条 为了……\n第二编 物权\n第一章 一般规定\n第二条 ……",
			labels:  []string{"第一编", "第一章", "第一条", "第二编", "第一章", "第二条"},
			anchors: []string{"part-1", "part-1-ch-1", "art-1", "part-2", "part-2-ch-1", "art-2"},
		},
		{
			name:    "attachment restarts article numbers",
			body:    "第一条 甲\n第二条 乙\n附件\n第一条 丙",
			labels:  []string{"第一条", "第二条", "第一条"},
			anchors: []string{"art-1", "art-2", "art-1-r2"},
		},
		{
			name:    "a sentence starting with 第X条 is not an article",
			body:    "第一条 甲\n第三十一条的决定》第一次修正\n第二条 乙",
			labels:  []string{"第一条", "第二条"},
			anchors: []string{"art-1", "art-2"},
		},
		{
			name:    "numbered items nest; preamble is paragraphs",
			body:    "各区人民政府：\n　　现将有关事项通知如下：\n一、总体要求\n（一）指导思想。……\n（二）基本原则。……\n1.坚持……\n2.坚持……\n二、主要任务\n（一）……\n上海市人民政府\n2023年5月1日",
			labels:  []string{"", "", "一、", "（一）", "（二）", "1.", "2.", "二、", "（一）"},
			anchors: []string{"p-1", "p-2", "item-1", "item-1-1", "item-1-2", "item-1-2-1", "item-1-2-2", "item-2", "item-2-1"},
		},
		{
			name:    "paragraphs when there is no structure",
			body:    "  昨日上午，会议召开。\n\n  会上，梅式苗说……\n\n打印",
			labels:  []string{"", "", ""},
			anchors: []string{"p-1", "p-2", "p-3"},
		},
		{
			name: "empty body",
			body: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clauses := SplitClauses(tt.body)
			var labels, anchors []string
			for _, c := range clauses {
				labels = append(labels, c.Label)
				anchors = append(anchors, c.Anchor)
			}
			if !reflect.DeepEqual(labels, tt.labels) {
				t.Errorf("labels = %q, want %q", labels, tt.labels)
			}
			if !reflect.DeepEqual(anchors, tt.anchors) {
				t.Errorf("anchors = %q, want %q", anchors, tt.anchors)
			}
			checkClauseOffsets(t, tt.body, clauses)
		})
	}
}

// checkClauseOffsets verifies that clauses are in order, do not overlap,
// slice back to text starting with their label, and carry no surrounding blanks.
func checkClauseOffsets(t *testing.T, body string, clauses []Clause) {
	t.Helper()
	end := 0
	seen := make(map[string]bool)
	for _, c := range clauses {
		if c.Start < end || c.End <= c.Start || c.End > len(body) {
			t.Fatalf("clause %s has bad range [%d,%d) after %d", c.Anchor, c.Start, c.End, end)
		}
		end = c.End
		text := c.Text(body)
		if !strings.HasPrefix(text, c.Label) {
			t.Errorf("clause %s text %q does not start with its label %q", c.Anchor, text, c.Label)
		}
		if strings.TrimSpace(text) != text {
			t.Errorf("clause %s text %q has surrounding blanks", c.Anchor, text)
		}
		if seen[c.Anchor] {
			t.Errorf("anchor %s repeated", c.Anchor)
		}
		seen[c.Anchor] = true
	}
}

func TestArticleClauseText(t *testing.T) {
	body := "第一章 总则\n\n第一条 甲。\n\n　　甲续。\n\n第二条 乙。\n"
	clauses := SplitClauses(body)
	if got, want := clauses[1].Text(body), "第一条 甲。\n\n　　甲续。"; got != want {
		t.Errorf("article 1 text = %q, want %q", got, want)
	}
	if got, want := clauses[2].Text(body), "第二条 乙。"; got != want {
		t.Errorf("article 2 text = %q, want %q", got, want)
	}
}
