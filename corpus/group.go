package corpus

import (
	"crypto/sha256"
	"regexp"
	"sort"
	"strings"
)

// Grouping relates documents across the corpus.
type Grouping struct {
	Duplicates  map[string][]string // first path of an exact-duplicate set → the other paths, corpus order
	DuplicateOf map[string]string   // each other path → the first path
	Versions    map[string][]string // each canonical path that has versions → all canonical paths of its version group, newest first
	CitedBy     map[string][]string // canonical path → canonical paths of documents citing it
	Cites       map[string][]string // canonical path → canonical paths it cites (matched by normalized title)
}

// Group computes the grouping of docs, which must be in corpus order. It
// also marks superseded versions: an older version whose Status is empty or
// 现行有效 becomes 已修改 (a stated 已废止 or 失效 is kept). Exact duplicates of
// a superseded version are marked the same way.
func Group(docs []*Document) *Grouping {
	g := &Grouping{
		Duplicates:  make(map[string][]string),
		DuplicateOf: make(map[string]string),
		Versions:    make(map[string][]string),
		CitedBy:     make(map[string][]string),
		Cites:       make(map[string][]string),
	}
	canonical := g.groupDuplicates(docs)
	g.groupVersions(canonical)
	g.markSuperseded(docs)
	g.linkCitations(canonical)
	return g
}

// IsCurrent reports whether path is the newest of its version group (true
// when it has none).
func (g *Grouping) IsCurrent(path string) bool {
	if first, ok := g.DuplicateOf[path]; ok {
		path = first
	}
	versions := g.Versions[path]
	return len(versions) == 0 || versions[0] == path
}

// groupDuplicates finds documents with the same body text and returns the
// canonical ones (the first of each set, and every unique document) in
// corpus order. Empty bodies are never duplicates of each other.
func (g *Grouping) groupDuplicates(docs []*Document) []*Document {
	first := make(map[[sha256.Size]byte]string)
	var canonical []*Document
	for _, d := range docs {
		sum, empty := compactHash(d.Body)
		if empty {
			canonical = append(canonical, d)
			continue
		}
		if p, ok := first[sum]; ok {
			g.Duplicates[p] = append(g.Duplicates[p], d.Path)
			g.DuplicateOf[d.Path] = p
			continue
		}
		first[sum] = d.Path
		canonical = append(canonical, d)
	}
	return canonical
}

// compactHash hashes s without its whitespace, so that bodies differing only
// in line breaks and indentation hash the same; empty reports that s holds
// nothing else. The text goes to the hash through a fixed buffer: building
// the compacted copy of every body took most of the grouping's time.
func compactHash(s string) (sum [sha256.Size]byte, empty bool) {
	h := sha256.New()
	var buf [4096]byte
	n, kept := 0, 0
	for i := 0; i < len(s); {
		at, size := NextSpace(s, i)
		for run := s[i:at]; run != ""; {
			if n == len(buf) {
				h.Write(buf[:n])
				n = 0
			}
			copied := copy(buf[n:], run)
			n += copied
			kept += copied
			run = run[copied:]
		}
		i = at + size
	}
	h.Write(buf[:n])
	h.Sum(sum[:0])
	return sum, kept == 0
}

// versionKey groups documents that are versions of one text: the same
// normalized title within the same region, so that two provinces' equally
// named regulations stay apart.
func versionKey(d *Document) string {
	return d.Region + "|" + NormalizeTitle(d.Title)
}

// versionDate is the date that orders versions: the file name's
// (YYYY-MM-DD) suffix when there is one, because china-law-db's front
// matter publish_date repeats the original promulgation date in every
// version; else Published.
func versionDate(d *Document) string {
	if p := dateFromPath(d.Path); p != "" {
		return p
	}
	return d.Published
}

// groupVersions groups canonical documents sharing a version key whose
// version dates differ, newest first; undated documents are left out
// because they cannot be ordered.
func (g *Grouping) groupVersions(canonical []*Document) {
	byKey := make(map[string][]*Document)
	var keys []string
	for _, d := range canonical {
		if versionDate(d) == "" || NormalizeTitle(d.Title) == "" {
			continue
		}
		k := versionKey(d)
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], d)
	}
	for _, k := range keys {
		group := byKey[k]
		if !hasDistinctDates(group) {
			continue
		}
		sort.SliceStable(group, func(i, j int) bool { return versionDate(group[i]) > versionDate(group[j]) })
		paths := make([]string, len(group))
		for i, d := range group {
			paths[i] = d.Path
		}
		for _, d := range group {
			g.Versions[d.Path] = paths
		}
	}
}

// hasDistinctDates reports whether the group's documents have more than
// one version date.
func hasDistinctDates(group []*Document) bool {
	for _, d := range group[1:] {
		if versionDate(d) != versionDate(group[0]) {
			return true
		}
	}
	return false
}

// markSuperseded sets 已修改 on every version but the newest, and on its
// exact duplicates, unless the file stated another status.
func (g *Grouping) markSuperseded(docs []*Document) {
	for _, d := range docs {
		if g.IsCurrent(d.Path) {
			continue
		}
		if d.Status == "" || d.Status == "现行有效" {
			d.Status = "已修改"
		}
	}
}

// linkCitations resolves each canonical document's 《…》 citations to the
// current version of the cited document.
func (g *Grouping) linkCitations(canonical []*Document) {
	targets := make(map[string]*Document) // normalized title → cited document
	for _, d := range canonical {
		t := NormalizeTitle(d.Title)
		if t == "" || !g.IsCurrent(d.Path) {
			continue
		}
		if prev, ok := targets[t]; !ok || preferTarget(d, prev) {
			targets[t] = d
		}
	}
	for _, d := range canonical {
		seen := make(map[string]bool)
		for _, title := range d.Cites {
			target, ok := targets[NormalizeTitle(title)]
			if !ok || target.Path == d.Path || seen[target.Path] {
				continue
			}
			seen[target.Path] = true
			g.Cites[d.Path] = append(g.Cites[d.Path], target.Path)
			g.CitedBy[target.Path] = append(g.CitedBy[target.Path], d.Path)
		}
	}
}

// preferTarget decides between two current documents with one title: a
// national text wins (a local regulation cites 《中华人民共和国…法》), then
// the newer one; otherwise the first in corpus order stays.
func preferTarget(d, prev *Document) bool {
	if (d.Region == "全国") != (prev.Region == "全国") {
		return d.Region == "全国"
	}
	return versionDate(d) > versionDate(prev)
}

var (
	// titleNoteRe matches notes that differ between versions of one text:
	// （2019年修订）, （试行）, （暂行）, (修正), （草案）, （YYYY-MM-DD）.
	titleNoteRe = regexp.MustCompile(`[(\[【〔]\s*(?:\d{4}\s*年?\s*(?:修订|修正|版|修订版|修正版|-\d{1,2}-\d{1,2})?|试行|暂行|修订|修正|草案|修订草案|修正草案|征求意见稿)\s*[)\]】〕]`)
	// titlePunctRe matches the marks titles are written with or without.
	titlePunctRe = regexp.MustCompile(`[\s《》〈〉<>“”"‘’'·・]`)
)

// NormalizeTitle gives the key two versions of one document share: width
// folded, without spaces and title marks, without notes such as
// （2019年修订） or （试行）, and without a leading 中华人民共和国, which file
// names drop but the laws' own titles carry. The rest of the title is kept,
// so distinct laws stay distinct.
func NormalizeTitle(title string) string {
	t := foldWidth(title)
	t = titleNoteRe.ReplaceAllString(t, "")
	t = titlePunctRe.ReplaceAllString(t, "")
	return strings.TrimPrefix(t, "中华人民共和国")
}
