package corpus

import (
	"regexp"
	"strings"
)

// titleSuffixRe matches the parenthesized notes that follow a title's last
// word: （试行）, （暂行）, (修订), （2019年修订）, （2024年版）, （第一批）, （摘要）.
var titleSuffixRe = regexp.MustCompile(`\s*[(（\[【〔][^()（）]{0,16}[)）\]】〕]\s*$`)

// trailingYearRe matches a year or date range ending a title: …规划2021-2025年.
var trailingYearRe = regexp.MustCompile(`\s*\d{4}[\d\-—～~至年度版]*$`)

// docTypes are the title endings that name a document's type, longest
// first so that 实施细则 wins over 细则 and 办法 over 法. Each maps to the
// type it belongs to.
var docTypes = []struct{ suffix, docType string }{
	{"实施细则", "细则"}, {"暂行办法", "办法"}, {"暂行条例", "条例"}, {"暂行规定", "规定"},
	{"实施意见", "意见"}, {"指导意见", "意见"}, {"实施方案", "方案"}, {"工作方案", "方案"},
	{"行动计划", "计划"}, {"工作规则", "规则"}, {"复函", "函"}, {"法典", "法"},
	{"条例", "条例"}, {"办法", "办法"}, {"规定", "规定"}, {"细则", "细则"},
	{"通知", "通知"}, {"意见", "意见"}, {"决定", "决定"}, {"决议", "决议"},
	{"指南", "指南"}, {"指引", "指引"}, {"方案", "方案"}, {"规则", "规则"}, {"规程", "规程"},
	{"规范", "规范"}, {"规划", "规划"}, {"报告", "报告"}, {"解释", "解释"}, {"批复", "批复"},
	{"公告", "公告"}, {"通告", "通告"}, {"通报", "通报"}, {"纲要", "纲要"}, {"标准", "标准"},
	{"计划", "计划"}, {"导则", "导则"}, {"答复", "答复"}, {"措施", "措施"}, {"要点", "要点"},
	{"章程", "章程"}, {"守则", "守则"}, {"清单", "清单"}, {"目录", "目录"}, {"命令", "命令"},
	{"修正案", "修正案"}, {"制度", "制度"}, {"函", "函"}, {"令", "令"}, {"法", "法"},
}

// DocType returns the type a title's last word names (条例, 办法, 通知 …),
// after dropping notes such as （试行） and trailing years; "" when the title
// ends with no known type word.
func DocType(title string) string {
	t := strings.TrimSpace(title)
	for {
		s := titleSuffixRe.ReplaceAllString(t, "")
		s = trailingYearRe.ReplaceAllString(s, "")
		s = strings.TrimRight(s, "》” ")
		if s == t {
			break
		}
		t = s
	}
	for _, d := range docTypes {
		if strings.HasSuffix(t, d.suffix) {
			return d.docType
		}
	}
	return ""
}

// statusWords maps the status spellings sources use to the project's
// vocabulary; china-law-db's 废止或失效 is read as 已废止, as the readers do.
var statusWords = map[string]string{
	"现行有效": "现行有效", "有效": "有效", "已修改": "已修改", "已废止": "已废止",
	"废止": "已废止", "失效": "失效", "已失效": "失效", "废止或失效": "已废止", "试行": "试行",
}

// abolishedRe is a body line stating the document was repealed or expired.
var abolishedRe = regexp.MustCompile(`^[(（]?本\p{Han}{0,8}(?:已|已经)(?:被)?(废止|失效)`)

// statusOf returns the stated validity status: the reader's value mapped to
// the vocabulary, else 试行 for trial titles, else a 已废止/失效 statement
// among the first body lines; "" when the file says nothing.
func statusOf(doc *Document) string {
	if s := strings.TrimSpace(doc.Status); s != "" {
		if v, ok := statusWords[s]; ok {
			return v
		}
		return s
	}
	for _, line := range leadingLines(doc.Body, leadLines) {
		if m := abolishedRe.FindStringSubmatch(line); m != nil {
			if m[1] == "废止" {
				return "已废止"
			}
			return "失效"
		}
	}
	if strings.Contains(foldWidth(doc.Title), "(试行)") {
		return "试行"
	}
	return ""
}

// leadingLines returns the first n non-empty lines of s, trimmed.
func leadingLines(s string, n int) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
			if len(out) == n {
				break
			}
		}
	}
	return out
}
