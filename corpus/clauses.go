package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// num is a Chinese or Arabic numeral as it appears in clause labels.
const num = `[零〇一二三四五六七八九十百千两0-9０-９]+`

// sep is what follows an article label: a space, an ideographic space or
// the end of the line. Lines such as 第三十一条的决定》… are not articles.
const sep = `(?:[ \t\x{3000}]|$)`

// Clause patterns are anchored at the first non-blank character of a line.
var (
	partRe    = regexp.MustCompile(`^第(` + num + `)编`)
	subpartRe = regexp.MustCompile(`^第(` + num + `)分编`)
	chapterRe = regexp.MustCompile(`^第(` + num + `)章`)
	sectionRe = regexp.MustCompile(`^第(` + num + `)节`)
	articleRe = regexp.MustCompile(`^第(` + num + `)条(?:之([一二三四五六七八九十]+))?` + sep)

	item1Re = regexp.MustCompile(`^([一二三四五六七八九十百]+)[、.．]`)
	item2Re = regexp.MustCompile(`^[(（]([一二三四五六七八九十百]+)[)）]`)
	item3Re = regexp.MustCompile(`^([0-9０-９]{1,3})[、．.]`)
	item4Re = regexp.MustCompile(`^[(（]([0-9０-９]{1,3})[)）]`)
)

// headingMaxRunes bounds how long a 第X章 line may be: a heading, not a
// sentence that happens to start with 第一章.
const headingMaxRunes = 60

// line is one body line: [start, end) without its newline, and text from
// its first non-blank character.
type line struct {
	start, end int
	text       string
}

// bodyLines splits body into lines with byte offsets; start points past
// leading blanks, so a clause never begins with indentation.
func bodyLines(body string) []line {
	var out []line
	for pos := 0; pos < len(body); {
		end := strings.IndexByte(body[pos:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += pos
		}
		raw := body[pos:end]
		text := strings.TrimLeft(raw, " \t\r\u3000")
		out = append(out, line{start: end - len(text), end: end, text: text})
		pos = end + 1
	}
	return out
}

// marker is where a clause starts.
type marker struct {
	start  int
	label  string
	anchor string
}

// SplitClauses splits a body into addressable clauses: parts, chapters and
// sections (第一编, 第一章, 第一节), articles (第十二条 → art-12, 第十二条之一 →
// art-12-1), or, when there are no articles, numbered items (一、 → item-1,
// （一） → item-1-1, 1. → item-1-1-1), and else one clause per paragraph
// (p-1, p-2 …). Clauses do not overlap: each runs until the next one starts,
// and Start/End slice Body back to its text without surrounding blanks.
// Text before the first marker becomes paragraph clauses. Anchors are unique
// within the body; a repeated number (an attachment restarting at 第一条)
// gets a suffix such as art-1-r2.
func SplitClauses(body string) []Clause {
	lines := bodyLines(body)
	hasArticles := false
	for _, l := range lines {
		if strings.HasPrefix(l.text, "第") && articleRe.MatchString(l.text) {
			hasArticles = true
			break
		}
	}
	var markers []marker
	var structure structureState
	items := itemState{}
	for _, l := range lines {
		if m, ok := structure.heading(l); ok {
			markers = append(markers, m)
			continue
		}
		if hasArticles {
			if !strings.HasPrefix(l.text, "第") {
				continue
			}
			if m := articleRe.FindStringSubmatch(l.text); m != nil {
				if n, ok := ChineseNumber(m[1]); ok {
					anchor := "art-" + strconv.Itoa(n)
					label := "第" + m[1] + "条"
					if m[2] != "" {
						sub, _ := ChineseNumber(m[2])
						anchor += "-" + strconv.Itoa(sub)
						label += "之" + m[2]
					}
					markers = append(markers, marker{start: l.start, label: label, anchor: anchor})
				}
			}
			continue
		}
		if m, ok := items.item(l); ok {
			markers = append(markers, m)
		}
	}
	return buildClauses(body, lines, markers)
}

// structureState tracks the enclosing part and chapter so that chapter and
// section anchors stay unique where numbering restarts (民法典 restarts
// chapters in every 编).
type structureState struct {
	part, chapter string
}

// heading recognizes a part, subpart, chapter or section heading line.
func (s *structureState) heading(l line) (marker, bool) {
	// Every heading pattern starts with 第: most lines are ruled out by it.
	if !strings.HasPrefix(l.text, "第") || utf8.RuneCountInString(l.text) > headingMaxRunes || strings.ContainsAny(l.text, "。；;") {
		return marker{}, false
	}
	number := func(re *regexp.Regexp) (string, string, bool) {
		m := re.FindStringSubmatch(l.text)
		if m == nil {
			return "", "", false
		}
		n, ok := ChineseNumber(m[1])
		return strconv.Itoa(n), m[0], ok
	}
	if n, label, ok := number(subpartRe); ok {
		return marker{l.start, label, s.part + "sub-" + n}, true
	}
	if n, label, ok := number(partRe); ok {
		s.part, s.chapter = "part-"+n+"-", ""
		return marker{l.start, label, "part-" + n}, true
	}
	if n, label, ok := number(chapterRe); ok {
		s.chapter = s.part + "ch-" + n
		return marker{l.start, label, s.chapter}, true
	}
	if n, label, ok := number(sectionRe); ok {
		anchor := "sec-" + n
		if s.chapter != "" {
			anchor = s.chapter + "-sec-" + n
		}
		return marker{l.start, label, anchor}, true
	}
	return marker{}, false
}

// itemState is the stack of open item numbers, one per nesting level:
// 一、 (level 0), （一） (1), 1. (2), （1） (3).
type itemState struct {
	levels [4]int // 0 = not open
}

// item recognizes a numbered item line and returns its nested anchor.
func (s *itemState) item(l line) (marker, bool) {
	for level, re := range []*regexp.Regexp{item1Re, item2Re, item3Re, item4Re} {
		m := re.FindStringSubmatch(l.text)
		if m == nil || startsWithDigit(l.text[len(m[0]):]) { // 1.5亿元 is a number
			continue
		}
		n, ok := ChineseNumber(m[1])
		if !ok {
			return marker{}, false
		}
		s.levels[level] = n
		for deeper := level + 1; deeper < len(s.levels); deeper++ {
			s.levels[deeper] = 0
		}
		parts := []string{"item"}
		for _, v := range s.levels[:level+1] {
			if v != 0 {
				parts = append(parts, strconv.Itoa(v))
			}
		}
		label := strings.TrimRight(m[0], " ")
		return marker{l.start, label, strings.Join(parts, "-")}, true
	}
	return marker{}, false
}

// buildClauses turns markers into non-overlapping clauses. Lines before the
// first marker (or all lines, when there is none) become paragraphs.
func buildClauses(body string, lines []line, markers []marker) []Clause {
	var out []Clause
	seen := make(map[string]int)
	add := func(label, anchor string, start, end int) {
		end = start + len(strings.TrimRight(body[start:end], " \t\r\n\u3000"))
		if end <= start {
			return
		}
		if seen[anchor]++; seen[anchor] > 1 {
			anchor += "-r" + strconv.Itoa(seen[anchor])
		}
		out = append(out, Clause{Label: label, Anchor: anchor, Start: start, End: end})
	}
	firstMarker := len(body)
	if len(markers) > 0 {
		firstMarker = markers[0].start
	}
	para := 0
	for _, l := range lines {
		if l.start >= firstMarker {
			break
		}
		if strings.TrimSpace(l.text) != "" {
			para++
			add("", "p-"+strconv.Itoa(para), l.start, l.end)
		}
	}
	for i, m := range markers {
		end := len(body)
		if i+1 < len(markers) {
			end = markers[i+1].start
		}
		add(m.label, m.anchor, m.start, end)
	}
	return out
}

// startsWithDigit reports whether s opens with an ASCII or full-width digit.
func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}
