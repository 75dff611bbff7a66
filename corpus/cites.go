package corpus

import (
	"regexp"
	"strings"
)

// citeRe matches a title cited in 《…》; nested titles use 〈〉 inside it.
var citeRe = regexp.MustCompile(`《([^《》\n]{1,120})》`)

// innerTitleMarks turns nested 〈〉 into 《》, the way the cited document
// spells its own title (国务院关于修改《…》的决定).
var innerTitleMarks = strings.NewReplacer("〈", "《", "〉", "》", "<", "《", ">", "》")

// citations returns the titles body cites in 《…》, deduplicated in order of
// first use.
func citations(body string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, m := range citeRe.FindAllStringSubmatch(body, -1) {
		t := strings.TrimSpace(innerTitleMarks.Replace(m[1]))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}
