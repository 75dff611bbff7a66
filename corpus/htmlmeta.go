package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPage indexes what a page states about its document: <meta> tags, the
// <title>, the first <h1> and the labelled values of its info table.
type htmlPage struct {
	metas     map[string]string // lower-case meta name → content
	pageTitle string
	h1        string
	labels    map[string]string // info-table label → value
}

// infoLabels are the info-table labels the reader looks for.
var infoLabels = []string{"标题", "名称", "发文字号", "文号", "发布机构", "发文机关", "发文单位", "发布日期", "成文日期"}

// newHTMLPage collects the metadata of a parsed page.
func newHTMLPage(root *html.Node) *htmlPage {
	pg := &htmlPage{metas: map[string]string{}, labels: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Meta:
				name := strings.ToLower(attr(n, "name"))
				if _, seen := pg.metas[name]; name != "" && !seen {
					pg.metas[name] = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Title:
				if pg.pageTitle == "" {
					pg.pageTitle = collapseSpace(nodeText(n, false))
				}
			case atom.H1:
				if pg.h1 == "" {
					pg.h1 = collapseSpace(nodeText(n, false))
				}
			}
		}
		if n.Type == html.TextNode {
			pg.readLabel(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return pg
}

// readLabel records the value of an info-table label held by text node t.
// The value follows the label in the same text, or in the label's
// following siblings (<li>[发文字号] <span>…</span></li>), or in the next
// cell of a table row (<td>发布日期：</td><td>…</td>).
func (pg *htmlPage) readLabel(t *html.Node) {
	text := strings.TrimSpace(t.Data)
	if text == "" || utf8.RuneCountInString(text) > 60 {
		return
	}
	for _, label := range infoLabels {
		rest, ok := cutLabel(text, label)
		if !ok {
			continue
		}
		if _, seen := pg.labels[label]; seen {
			return
		}
		value := collapseSpace(rest)
		if value == "" {
			value = followingText(t)
		}
		if value != "" && !startsWithLabel(value) {
			pg.labels[label] = value
		}
		return
	}
}

// followingText returns the text after node n: its following siblings,
// or, when n ends its element, the next element beside its nearest
// ancestors (up to three levels, as the label may sit in <b> inside <td>).
func followingText(n *html.Node) string {
	var b strings.Builder
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		b.WriteString(nodeText(s, false))
	}
	if v := collapseSpace(b.String()); v != "" {
		return v
	}
	for up, level := n.Parent, 0; up != nil && level < 3; up, level = up.Parent, level+1 {
		for s := up.NextSibling; s != nil; s = s.NextSibling {
			// The next cell holds the value, even when it is empty: the
			// cell after it belongs to another label.
			if s.Type == html.ElementNode {
				return collapseSpace(nodeText(s, false))
			}
			if v := collapseSpace(s.Data); s.Type == html.TextNode && v != "" {
				return v
			}
		}
	}
	return ""
}

// labelDecor is what pages put around a label: spaces, brackets, colons.
func labelDecor(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("[]【】:：", r)
}

// cutLabel reports whether text starts with label, ignoring the spaces and
// brackets pages put in and around labels ("[发文字号]", "发布日期：",
// "标　　题"), and returns the text after it.
func cutLabel(text, label string) (rest string, ok bool) {
	i := 0
	for _, want := range label {
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !labelDecor(r) {
				break
			}
			i += size
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != want {
			return "", false
		}
		i += size
	}
	rest = text[i:]
	// The label must end here: "发布日期：x" is a label, "发布日期前" is not.
	r, _ := utf8.DecodeRuneInString(rest)
	if rest != "" && !labelDecor(r) {
		return "", false
	}
	return strings.TrimLeftFunc(rest, labelDecor), true
}

// startsWithLabel reports whether a value is really the next label, as
// when a field the page fills by script is empty.
func startsWithLabel(v string) bool {
	for _, l := range infoLabels {
		if _, ok := cutLabel(v, l); ok {
			return true
		}
	}
	return false
}

// info returns the first of the labels' values, or "".
func (pg *htmlPage) info(labels ...string) string {
	for _, l := range labels {
		if v := pg.labels[l]; v != "" {
			return v
		}
	}
	return ""
}

// published returns the date the page states: the CMS PubDate meta tag,
// else the info table's 发布日期 or 成文日期.
func (pg *htmlPage) published() string {
	for _, v := range []string{pg.metas["pubdate"], pg.labels["发布日期"], pg.labels["成文日期"]} {
		if d := parseStatedDate(v); d != "" {
			return d
		}
	}
	return ""
}

// title returns the document title: the ArticleTitle meta tag, the info
// table's 标题 or 名称, a document heading in <h1>, the <title> without the
// site name, or failing all these the whole <title> or the SiteName tag.
func (pg *htmlPage) title() string {
	if t := collapseSpace(pg.metas["articletitle"]); t != "" {
		return t
	}
	if t := pg.info("标题", "名称"); t != "" {
		return t
	}
	// Many pages put a generic <title> over a document whose heading is
	// the <h1>; an <h1> that the <title> already contains, or that is as
	// short as a site logo, is no better than the <title>.
	stripped := stripSiteName(pg.pageTitle, pg.metas["sitename"])
	if utf8.RuneCountInString(pg.h1) >= 8 && !strings.Contains(pg.pageTitle, pg.h1) && pg.h1 != pg.metas["sitename"] {
		return pg.h1
	}
	if stripped != "" {
		return stripped
	}
	if pg.h1 != "" {
		return pg.h1
	}
	// Home and list pages name only their site; that is still what the
	// page calls itself.
	if pg.pageTitle != "" {
		return pg.pageTitle
	}
	return collapseSpace(pg.metas["sitename"])
}

// titleSeparator splits a <title> into the document title and site names:
// "_", "|", "--", "—", or a "-" that is not part of a number range.
var titleSeparator = regexp.MustCompile(`\s*(?:_|\||｜|--+|—+|\s-\s|-)\s*`)

// siteNamePart matches the parts of a <title> that name a web site.
var siteNamePart = regexp.MustCompile(`(?:网站|门户|首都之窗|政府网|网)$`)

// stripSiteName removes site names from a page <title>:
// "xxx_首都之窗_北京市人民政府门户网站" becomes "xxx".
func stripSiteName(title, siteName string) string {
	title = collapseSpace(title)
	locs := titleSeparator.FindAllStringIndex(title, -1)
	var parts []string
	start := 0
	for _, loc := range locs {
		// A "-" between digits belongs to the title (2021-2025年).
		if strings.TrimSpace(title[loc[0]:loc[1]]) == "-" && loc[0] > 0 && loc[1] < len(title) &&
			isDigitByte(title[loc[0]-1]) && isDigitByte(title[loc[1]]) {
			continue
		}
		parts = append(parts, title[start:loc[0]])
		start = loc[1]
	}
	parts = append(parts, title[start:])
	var kept []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || p == strings.TrimSpace(siteName) || siteNamePart.MatchString(p) {
			continue
		}
		kept = append(kept, p)
	}
	if len(kept) == 0 {
		return ""
	}
	// The document title comes first; what follows names columns and sites.
	return kept[0]
}

// isDigitByte reports whether b is an ASCII digit.
func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// attr returns the value of an element's attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// nodeText returns all text below n, skipping scripts and styles; with
// skipLinks it also skips the text of links.
func nodeText(n *html.Node, skipLinks bool) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.A:
				if skipLinks {
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapseSpace turns every run of white space into one space, drops
// zero-width characters and trims the ends.
func collapseSpace(s string) string {
	return CollapseSpace(strings.Map(dropZeroWidth, s))
}

// dropZeroWidth is a strings.Map function that removes zero-width spaces
// and stray byte-order marks, which some editors leave in pages.
func dropZeroWidth(r rune) rune {
	if r == '\u200b' || r == '\ufeff' {
		return -1
	}
	return r
}
