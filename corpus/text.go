package corpus

import (
	"io/fs"
	"regexp"
	"strings"
)

// pageMetaLine matches the label lines a scraped page shows under its
// headline: date, source, author, view counter, font switch. Bullets and
// spaces before the label are allowed.
var pageMetaLine = regexp.MustCompile(`^[•·\s]*(日期|发布日期|发布时间|时间|来源|信息来源|文章来源|作者|责任编辑|编辑|浏览次数|访问次数|点击数|阅读次数|字体|字号)\s*[:：]`)

// dateLabels are the page meta labels whose value is the publication date.
var dateLabels = map[string]bool{"日期": true, "发布日期": true, "发布时间": true, "时间": true}

// readText reads a plain-text document. Text scraped from a web page loses
// its navigation (进入老年模式, 当前位置 breadcrumbs), its meta lines under
// the headline (日期/来源/浏览次数/字体) and its buttons (打印 关闭); the
// headline becomes the title and the date line gives Published. Plain text
// without such structure simply has its first line as the title.
func readText(_ fs.FS, p string, data []byte) ([]*Document, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	doc := newDocument(p)
	lines := strings.Split(text, "\n")
	i := 0
	// Navigation above the headline: breadcrumbs continue on lines that
	// start with ">".
	for i < len(lines) {
		t := trimLine(lines[i])
		if t != "" && !isFurnitureLine(t) && !strings.HasPrefix(t, ">") && !strings.HasPrefix(t, "＞") {
			break
		}
		i++
	}
	if i < len(lines) {
		doc.Title = trimLine(lines[i])
		i++
	}
	// Meta lines right under the headline.
	for ; i < len(lines); i++ {
		t := trimLine(lines[i])
		if t == "" {
			continue
		}
		m := pageMetaLine.FindStringSubmatch(t)
		if m == nil {
			break
		}
		if dateLabels[m[1]] && doc.Published == "" {
			doc.Published = parseStatedDate(t[len(m[0]):])
		}
	}
	var body []string
	for _, l := range lines[i:] {
		if !isFurnitureLine(l) {
			body = append(body, l)
		}
	}
	doc.Body = joinLines(body)
	if err := finish(doc); err != nil {
		return nil, err
	}
	return []*Document{doc}, nil
}
