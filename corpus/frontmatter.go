package corpus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// frontMatter holds the key/value pairs of a Markdown file's front matter.
// A key listed more than once keeps its first value; list items (tags) are
// kept in lists.
type frontMatter struct {
	values map[string]string
	lists  map[string][]string
}

// get returns a key's value, or "" when the key is absent or the value
// means "unknown" ("-" or empty).
func (fm frontMatter) get(key string) string {
	v := trimLine(fm.values[key])
	if v == "-" || v == "－" || v == "—" {
		return ""
	}
	return v
}

// splitFrontMatter separates a leading "---" front matter block from the
// rest of the text. It returns a nil frontMatter when the text has none.
//
// The block is parsed line by line as "key: value" pairs and "- item"
// lists rather than as full YAML: the corpus writes unknown values as a
// bare "-" (文号: -), which YAML rejects, and needs nothing more.
func splitFrontMatter(text string) (*frontMatter, string, error) {
	if !strings.HasPrefix(text, "---\n") {
		return nil, text, nil
	}
	rest := text[len("---\n"):]
	var block string
	switch {
	case strings.HasPrefix(rest, "---\n") || rest == "---":
		block, rest = "", strings.TrimPrefix(strings.TrimPrefix(rest, "---"), "\n")
	default:
		end := strings.Index(rest, "\n---\n")
		if end < 0 {
			if !strings.HasSuffix(rest, "\n---") {
				return nil, "", errors.New("front matter not closed: missing closing ---")
			}
			end = len(rest) - len("\n---")
		}
		block = rest[:end]
		rest = rest[min(end+len("\n---\n"), len(rest)):]
	}
	fm, err := parseFrontMatter(block)
	if err != nil {
		return nil, "", err
	}
	return fm, rest, nil
}

// parseFrontMatter parses the lines between the "---" fences.
func parseFrontMatter(block string) (*frontMatter, error) {
	fm := &frontMatter{values: map[string]string{}, lists: map[string][]string{}}
	lastKey := ""
	for i, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if item, ok := strings.CutPrefix(trimmed, "- "); ok && lastKey != "" && line != trimmed {
			fm.lists[lastKey] = append(fm.lists[lastKey], unquote(item))
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || line != strings.TrimLeft(line, " \t") {
			return nil, fmt.Errorf("front matter line %d: expected \"key: value\", got %q", i+2, line)
		}
		lastKey = key
		if _, dup := fm.values[key]; !dup {
			fm.values[key] = unquote(strings.TrimSpace(value))
		}
	}
	return fm, nil
}

// unquote removes YAML-style quotes from a scalar value.
func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		if s, err := strconv.Unquote(v); err == nil {
			return s
		}
		return v[1 : len(v)-1]
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}

// statusVocabulary maps the validity statuses the sources state to the
// project's vocabulary; other values are kept as stated.
var statusVocabulary = map[string]string{
	"现行有效":  "现行有效",
	"废止或失效": "已废止",
	"试行":    "试行",
}

// applyFrontMatter copies the fields a front matter states into doc. It
// understands the English keys of china-law-db and the Chinese keys of the
// Shanghai documents.
func applyFrontMatter(doc *Document, fm *frontMatter) {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := fm.get(k); v != "" {
				return v
			}
		}
		return ""
	}
	doc.Title = first("title", "标题")
	doc.DocNumber = first("文号")
	doc.Published = parseStatedDate(first("publish_date", "发布日期"))
	doc.Effective = parseStatedDate(first("implement_date"))
	doc.Category = first("category")
	doc.SourceURL = first("官方链接")
	if s := first("status", "状态"); s != "" {
		if mapped, ok := statusVocabulary[s]; ok {
			s = mapped
		}
		doc.Status = s
	}
	// 其他 ("other") names no level at all.
	if l := first("层级"); l != "" && l != "其他" {
		doc.Level = l
	}
	if a := first("issuing_authority", "发布单位"); a != "" {
		doc.Agencies = splitAgencies(a)
	}
}
