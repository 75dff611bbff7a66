package corpus

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// infoEndMarker ends the header block (date and event lines) of the law
// files and starts the body.
const infoEndMarker = "<!-- INFO END -->"

// readMarkdown reads a Markdown document: optional front matter, optional
// quoted notes, an H1 title, an optional header block ended by
// <!-- INFO END -->, and the body.
func readMarkdown(_ fs.FS, p string, data []byte) ([]*Document, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	fm, rest, err := splitFrontMatter(text)
	if err != nil {
		return nil, err
	}
	doc := newDocument(p)
	if fm != nil {
		applyFrontMatter(doc, fm)
	}
	h1, header, body := splitMarkdown(rest)
	// The front matter title is complete; the H1 and the file name may be
	// cut short.
	if doc.Title == "" {
		doc.Title = h1
	}
	if doc.Title == "" {
		doc.Title = titleFromFileName(p)
	}
	doc.Header = header
	doc.Body = body
	if err := finish(doc); err != nil {
		return nil, err
	}
	return []*Document{doc}, nil
}

// datedLine matches a header line that starts with a full date, such as
// "2026-03-12 公布" or "2018年3月2日 国务院令第697号公布".
var datedLine = regexp.MustCompile(`^\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)`)

// isDatedHeaderLine reports whether a line looks like a header's dated
// event line rather than a sentence of the body: short, starting with a full
// date, and not ending like a sentence.
func isDatedHeaderLine(line string) bool {
	return datedLine.MatchString(line) && utf8.RuneCountInString(line) <= 60 &&
		!strings.HasSuffix(line, "。") && !strings.HasSuffix(line, "；") && !strings.HasSuffix(line, "：")
}

// splitMarkdown splits the text after the front matter into the H1 title,
// the header lines and the clean body.
func splitMarkdown(text string) (h1, header, body string) {
	lines := strings.Split(text, "\n")
	i := 0
	// Skip blank lines and the quoted notes some sources put above the title.
	for i < len(lines) && (trimLine(lines[i]) == "" || strings.HasPrefix(lines[i], ">")) {
		i++
	}
	if i < len(lines) && strings.HasPrefix(lines[i], "# ") {
		h1 = trimLine(strings.TrimLeft(lines[i], "#"))
		i++
	} else {
		i = 0 // no title line: keep everything, notes included
	}
	lines = lines[i:]
	if end := indexLine(lines, infoEndMarker); end >= 0 {
		header = joinLines(lines[:end])
		lines = lines[end+1:]
	} else {
		// Without the marker, a header is only the dated lines right after the title.
		n := 0
		for n < len(lines) && (trimLine(lines[n]) == "" || isDatedHeaderLine(trimLine(lines[n]))) {
			n++
		}
		header = joinLines(lines[:n])
		lines = lines[n:]
	}
	return h1, header, cleanMarkdownBody(lines)
}

// indexLine returns the index of the first line equal to want after
// trimming, or -1.
func indexLine(lines []string, want string) int {
	for i, l := range lines {
		if trimLine(l) == want {
			return i
		}
	}
	return -1
}

// tableRule matches the separator row of a Markdown table.
var tableRule = regexp.MustCompile(`^\|[\s|:-]*\|$`)

// cleanMarkdownBody turns Markdown body lines into plain text: headings
// lose their # marks, tables their pipes, and HTML comments, the Shanghai
// pages' info table, trailing page buttons and attachment link lists go.
func cleanMarkdownBody(lines []string) string {
	lines = dropShanghaiPageFurniture(lines)
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		t := trimLine(l)
		switch {
		case strings.HasPrefix(t, "<!--") && strings.HasSuffix(t, "-->"):
			continue // layout hints such as <!-- FORCE BREAK -->
		case strings.HasPrefix(t, "#"):
			if h := strings.TrimLeft(t, "#"); h == "" || h[0] == ' ' || h[0] == '\t' {
				t = h
			}
		case tableRule.MatchString(t):
			continue
		case strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1:
			cells := strings.Split(t[1:len(t)-1], "|")
			for i := range cells {
				cells[i] = trimLine(cells[i])
			}
			t = strings.Join(cells, " ")
		}
		out = append(out, t)
	}
	return joinLines(out)
}

// dropShanghaiPageFurniture removes what the Shanghai pages kept from
// their web page: the info table from 索取号 to 内容描述 at the top (its
// values repeat the front matter), the 收藏/打印本页/关闭窗口 buttons, the
// 相关附件/相关稿件 link blocks and the "## 附件（官方直链）" link list at the
// end. Other files have none of these and pass through unchanged.
func dropShanghaiPageFurniture(lines []string) []string {
	// The info table: only when it opens the body.
	first := 0
	for first < len(lines) && trimLine(lines[first]) == "" {
		first++
	}
	if first < len(lines) && trimLine(lines[first]) == "索取号" {
		if end := indexLine(lines[first:min(len(lines), first+40)], "内容描述"); end >= 0 {
			lines = lines[first+end+1:]
		}
	}
	// The appended attachment list runs to the end of the file.
	for i, l := range lines {
		if t := trimLine(l); strings.HasPrefix(t, "## 附件（官方直链）") || strings.HasPrefix(t, "## 附件(官方直链)") {
			lines = lines[:i]
			break
		}
	}
	// Buttons and related-link blocks, from the end backwards.
	for {
		end := len(lines)
		for end > 0 && trimLine(lines[end-1]) == "" {
			end--
		}
		lines = lines[:end]
		if end == 0 {
			return lines
		}
		if isFurnitureLine(lines[end-1]) {
			lines = lines[:end-1]
			continue
		}
		cut := -1
		for i := end - 1; i >= max(0, end-12); i-- {
			if t := trimLine(lines[i]); t == "相关附件" || t == "相关稿件" {
				cut = i
				break
			}
		}
		if cut < 0 {
			return lines
		}
		lines = lines[:cut]
	}
}

// fileDateSuffix matches the "(YYYY-MM-DD)" date that ends many law file names.
var fileDateSuffix = regexp.MustCompile(`[(（]\d{4}(?:-\d{2}(?:-\d{2})?)?[)）]$`)

// titleFromFileName derives a title from a file name when the file states
// none: the name without its extension and date suffix.
func titleFromFileName(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	return trimLine(fileDateSuffix.ReplaceAllString(name, ""))
}
