package corpus

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// invisibleTags hold no document text: code, styles, form widgets, media
// and the page frame (navigation, page header and footer).
var invisibleTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Svg: true, atom.Canvas: true, atom.Select: true, atom.Option: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Map: true,
	atom.Audio: true, atom.Video: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true,
}

// blockTags start a new line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Figcaption: true, atom.Figure: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// isInvisible reports whether an element and everything in it is not shown.
func isInvisible(n *html.Node) bool {
	if n.Type == html.CommentNode {
		return true
	}
	if n.Type != html.ElementNode {
		return false
	}
	if invisibleTags[n.DataAtom] {
		return true
	}
	if _, hidden := findAttr(n, "hidden"); hidden {
		return true
	}
	// visibility:hidden is not trusted: some pages hide the whole <body>
	// until a script has run.
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none")
}

// findAttr returns an attribute's value and whether the element has it.
func findAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// mainText returns the visible text of the page's main content container
// as lines, without page furniture, link lists or the site's footer.
func mainText(root *html.Node) string {
	body := findElement(root, atom.Body)
	if body == nil {
		body = root
	}
	stats := measure(body)
	container := mainContainer(body, stats)
	var lines []string
	for _, l := range renderLines(container, stats) {
		if !isFurnitureLine(l) && !isBoilerplateLine(l) && !isPageMetaLine(l) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// findElement returns the first element with the given tag, or nil.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findElement(c, a); found != nil {
			return found
		}
	}
	return nil
}

// textStats are the measures of one element's visible text.
type textStats struct {
	score    float64 // textScore of its text outside links
	chars    int     // visible characters
	linkText int     // visible characters inside links
	links    int     // number of links
}

// measure computes textStats for every visible element below n.
func measure(n *html.Node) map[*html.Node]*textStats {
	stats := map[*html.Node]*textStats{}
	var walk func(n *html.Node, inLink bool) textStats
	walk = func(n *html.Node, inLink bool) textStats {
		var st textStats
		if isInvisible(n) {
			return st
		}
		if n.Type == html.TextNode {
			l := visibleLen(n.Data)
			st.chars = l
			if inLink {
				st.linkText = l
			} else {
				st.score = textScore(n.Data)
			}
			return st
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			inLink = true
			st.links = 1
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := walk(c, inLink)
			st.score += cs.score
			st.chars += cs.chars
			st.linkText += cs.linkText
			st.links += cs.links
		}
		if n.Type == html.ElementNode {
			stats[n] = &st
		}
		return st
	}
	walk(n, false)
	return stats
}

// mainShare is the part of a page's running text that the main container
// must hold.
const mainShare = 0.9

// mainContainer finds the element holding the document: the deepest
// element that still holds mainShare of the page's running text (as rated
// by textScore). Menus are link text and footers boilerplate, so they rate
// nothing; the container is the smallest box around the document's
// sentences, however deeply an editor nested them.
func mainContainer(body *html.Node, stats map[*html.Node]*textStats) *html.Node {
	total := stats[body].score
	cur := body
	for {
		var best *html.Node
		for c := cur.FirstChild; c != nil; c = c.NextSibling {
			if st := stats[c]; st != nil && (best == nil || st.score > stats[best].score) {
				best = c
			}
		}
		if best == nil || stats[best].score == 0 || stats[best].score < mainShare*total {
			return cur
		}
		cur = best
	}
}

// isLinkList reports whether an element is a list of links (a menu, a
// list of related articles or attachments) rather than text.
func isLinkList(st *textStats) bool {
	return st != nil && st.links >= 2 && st.linkText*10 >= st.chars*7
}

// textScore rates a run of text as document text. Sentences carry Chinese
// punctuation and count fully; bare phrases (menu entries, place lists)
// count a third; tiny labels and page boilerplate count nothing.
func textScore(s string) float64 {
	n := visibleLen(s)
	if n < 6 || isFurnitureLine(s) || isBoilerplateLine(s) {
		return 0
	}
	if strings.ContainsAny(s, "，。；：、,;") {
		return float64(n)
	}
	return float64(n) / 3
}

// visibleLen counts the non-space characters of a text.
func visibleLen(s string) int {
	n := 0
	for _, r := range s {
		if !isHTMLSpace(r) && r != '\u3000' {
			n++
		}
	}
	return n
}

// isHTMLSpace reports whether r is white space that HTML rendering
// collapses; the full-width space U+3000 is text and is kept.
func isHTMLSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0':
		return true
	}
	return false
}

// renderLines returns the visible text of n as trimmed, non-empty lines:
// block elements and <br> break lines, table cells are separated by a
// space, runs of white space become one space, and link lists are left out.
func renderLines(root *html.Node, stats map[*html.Node]*textStats) []string {
	var lines []string
	var cur strings.Builder
	space := false // a space is pending before the next text
	breakLine := func() {
		if l := trimLine(cur.String()); l != "" {
			lines = append(lines, l)
		}
		cur.Reset()
		space = false
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		// The container itself may be a link list: a column page lists
		// documents and has no text of its own; its links are its content.
		if isInvisible(n) || (n != root && n.Type == html.ElementNode && isLinkList(stats[n])) {
			return
		}
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if dropZeroWidth(r) < 0 {
					continue
				}
				if isHTMLSpace(r) {
					space = cur.Len() > 0
					continue
				}
				if space {
					cur.WriteByte(' ')
					space = false
				}
				cur.WriteRune(r)
			}
			return
		}
		isBlock := n.Type == html.ElementNode && blockTags[n.DataAtom]
		switch {
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Br:
			breakLine()
			return
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			space = cur.Len() > 0
		case isBlock:
			breakLine()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlock {
			breakLine()
		}
	}
	walk(root)
	breakLine()
	return lines
}
