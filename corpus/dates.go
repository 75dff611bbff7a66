package corpus

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Date patterns run on width-folded text, so full-width digits arrive as ASCII.
var (
	// cnDateRe is 2001年6月15日, tolerating spaces; the day is optional so
	// that 2019年4月 gives a year-month date.
	cnDateRe = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?`)
	// isoDateRe is 2019-04-18, 2019.4.18 or 2019/4/18, tolerating the spaces
	// scraped pages leave (2019- 04- 18).
	isoDateRe = regexp.MustCompile(`(\d{4})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?`)
	// hanDateRe is 二〇一九年四月十八日, written in Chinese numerals.
	hanDateRe = regexp.MustCompile(`([〇零○O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?`)

	// pathDateRe is the (YYYY-MM-DD) suffix of lawrefbook file names.
	pathDateRe = regexp.MustCompile(`\((\d{4}-\d{2}-\d{2})\)$`)
	// dateLabelRe is the 日期: label of scraped pages.
	dateLabelRe = regexp.MustCompile(`(?:发布日期|成文日期|发布时间|日期)\s*[:：]\s*`)
	// effectiveRe is 自2019年3月1日起施行 in a header line.
	effectiveRe = regexp.MustCompile(`自\s*(.{6,24}?)\s*起\s*(?:施行|实施|执行|生效)`)
	// bodyEffectiveRe is 本条例自2019年3月1日起施行 in the body: only the
	// document's own provision, not a cited law's date.
	bodyEffectiveRe = regexp.MustCompile(`本\p{Han}{1,8}自\s*(.{6,24}?)\s*起\s*(?:施行|实施|执行|生效)`)
	// enactVerbRe marks the header lines that publish a version.
	enactVerbRe = regexp.MustCompile(`公布|发布|修订|修正|通过|批准|印发|公告`)
)

// findDate returns the first date in s as YYYY-MM-DD (or YYYY-MM when no day
// is given) with the byte range it spans in the width-folded s.
func findDate(s string) (date string, start, end int, ok bool) {
	s = foldWidth(s)
	best := -1
	for _, re := range []*regexp.Regexp{cnDateRe, isoDateRe, hanDateRe} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil || (best >= 0 && m[0] >= start) {
			continue
		}
		d, valid := makeDate(s[m[2]:m[3]], s[m[4]:m[5]], group(s, m, 3))
		if !valid {
			continue
		}
		date, start, end, best = d, m[0], m[1], m[0]
	}
	return date, start, end, best >= 0
}

// group returns submatch i of an index match, or "" when it did not take part.
func group(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// makeDate validates and formats year, month and optional day, each in
// Arabic or Chinese numerals.
func makeDate(y, mo, d string) (string, bool) {
	year, ok1 := ChineseNumber(y)
	month, ok2 := ChineseNumber(mo)
	if !ok1 || !ok2 || year < 1900 || year > 2100 || month < 1 || month > 12 {
		return "", false
	}
	if d == "" {
		return fmt.Sprintf("%04d-%02d", year, month), true
	}
	day, ok := ChineseNumber(d)
	if !ok || day < 1 || day > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), true
}

// NormalizeDate parses a date written in any form the corpus uses
// (2001年6月15日, 二〇一九年四月十八日, 2019- 04- 18) and returns YYYY-MM-DD,
// or YYYY-MM when no day is given. A bare year (2019) is returned as is.
func NormalizeDate(s string) (string, bool) {
	t := strings.TrimSpace(foldWidth(s))
	if len(t) == 4 && isASCIIDigits(t) {
		return t, true
	}
	d, _, _, ok := findDate(t)
	return d, ok
}

// stripLeadingDate removes a date that opens line, with the space after it.
func stripLeadingDate(line string) string {
	folded := foldWidth(line)
	if _, start, end, ok := findDate(folded); ok && start == 0 {
		return strings.TrimSpace(folded[end:])
	}
	return line
}

// headerEvents returns every dated header line, oldest first. A line that
// does not start with a date continues the event above it, because the
// source wraps some long lines.
func headerEvents(header string) []Event {
	var events []Event
	for _, line := range strings.Split(header, "\n") {
		line = strings.TrimSpace(strings.Trim(line, "\u3000 "))
		if line == "" {
			continue
		}
		if d, start, _, ok := findDate(line); ok && start == 0 && len(d) == 10 {
			events = append(events, Event{Date: d, Text: line})
			continue
		}
		if n := len(events); n > 0 && isContinuation(line) {
			events[n-1].Text += line
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Date < events[j].Date })
	return events
}

// isContinuation reports whether a header line without a date is the wrapped
// tail of the line above rather than a label of its own (a document number,
// a collection name such as 消费者权益保护典型案例, an issuer line).
func isContinuation(line string) bool {
	if _, ok := parseDocNumber(line); ok {
		return false
	}
	return strings.ContainsAny(line, "》〉") || strings.HasSuffix(line, "修正") ||
		strings.HasSuffix(line, "通过") || strings.HasSuffix(line, "批准") || strings.HasSuffix(line, "施行")
}

// publishedFromEvents is the newest date on which this version was passed,
// published or amended; 施行 lines give the effective date instead.
func publishedFromEvents(events []Event) string {
	date := ""
	for _, e := range events {
		if enactVerbRe.MatchString(e.Text) && e.Date > date {
			date = e.Date
		}
	}
	return date
}

// effectiveFromHeader reads 施行 lines: "2019年12月30日 施行" or a line
// stating 自…起施行.
func effectiveFromHeader(header string, events []Event) string {
	for _, e := range events {
		rest := strings.TrimSpace(stripLeadingDate(e.Text))
		if rest == "施行" || rest == "起施行" || rest == "实施" {
			return e.Date
		}
	}
	if m := effectiveRe.FindStringSubmatch(foldWidth(header)); m != nil {
		if d, ok := NormalizeDate(m[1]); ok {
			return d
		}
	}
	return ""
}

// effectiveFromBody reads the document's own 本…自YYYY年M月D日起施行 clause.
func effectiveFromBody(body string) string {
	if m := bodyEffectiveRe.FindStringSubmatch(foldWidth(body)); m != nil {
		if d, ok := NormalizeDate(m[1]); ok && len(d) == 10 {
			return d
		}
	}
	return ""
}

// dateFromPath reads the (YYYY-MM-DD) suffix of a lawrefbook file name.
func dateFromPath(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if m := pathDateRe.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

// leadLines is how many leading non-empty body lines may carry a page's
// date line; later dates belong to the text.
const leadLines = 12

// dateFromLeadLines reads the date a scraped page or report states near
// its top: a 日期: label (2019- 04- 18 08: 17), or a short line opening with
// a date such as （2023年3月13日第十四届全国人民代表大会第一次会议通过）.
func dateFromLeadLines(body string) string {
	for _, line := range leadingLines(body, leadLines) {
		line = foldWidth(line)
		if loc := dateLabelRe.FindStringIndex(line); loc != nil {
			if d, start, _, ok := findDate(line[loc[1]:]); ok && start == 0 {
				return d
			}
		}
		opening := strings.TrimLeft(line, "(（—-－ ")
		if utf8.RuneCountInString(line) > 60 || strings.Contains(line, "。") {
			continue
		}
		if d, start, _, ok := findDate(opening); ok && start == 0 && len(d) == 10 && enactOrDelivered(opening) {
			return d
		}
	}
	return ""
}

// enactOrDelivered reports whether a dated line says the text was passed,
// published or delivered that day, not merely mentions the date.
func enactOrDelivered(line string) bool {
	return enactVerbRe.MatchString(line) || strings.Contains(line, "会议上")
}
