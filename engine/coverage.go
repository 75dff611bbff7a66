package engine

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"policysearch/corpus"
)

// coverageFields are the metadata fields the build report counts, with how
// to tell that a document has one.
var coverageFields = []struct {
	name string
	has  func(*corpus.Document) bool
}{
	{"title", func(d *corpus.Document) bool { return d.Title != "" }},
	{"doc_number", func(d *corpus.Document) bool { return d.DocNumber != "" }},
	{"agency", func(d *corpus.Document) bool { return len(d.Agencies) > 0 }},
	{"published", func(d *corpus.Document) bool { return d.Published != "" }},
	{"effective", func(d *corpus.Document) bool { return d.Effective != "" }},
	{"status", func(d *corpus.Document) bool { return d.Status != "" }},
	{"category", func(d *corpus.Document) bool { return d.Category != "" }},
	{"doc_type", func(d *corpus.Document) bool { return d.DocType != "" }},
	{"region", func(d *corpus.Document) bool { return d.Region != "" }},
	{"level", func(d *corpus.Document) bool { return d.Level != "" }},
	{"source_url", func(d *corpus.Document) bool { return d.SourceURL != "" }},
	{"articles", func(d *corpus.Document) bool {
		for _, c := range d.Clauses {
			if strings.HasPrefix(c.Anchor, "art-") {
				return true
			}
		}
		return false
	}},
	{"cites", func(d *corpus.Document) bool { return len(d.Cites) > 0 }},
}

// writeCoverage prints, per top-level source folder, how many documents
// have each metadata field filled: the measure of how well the readers and
// extractors understand each source.
func writeCoverage(w io.Writer, docs []*corpus.Document) {
	type row struct {
		docs   int
		filled []int
	}
	rows := map[string]*row{}
	total := &row{filled: make([]int, len(coverageFields))}
	for _, d := range docs {
		folder, _, _ := strings.Cut(d.Path, "/")
		r := rows[folder]
		if r == nil {
			r = &row{filled: make([]int, len(coverageFields))}
			rows[folder] = r
		}
		for _, rr := range []*row{r, total} {
			rr.docs++
			for i, f := range coverageFields {
				if f.has(d) {
					rr.filled[i]++
				}
			}
		}
	}
	folders := make([]string, 0, len(rows))
	for f := range rows {
		folders = append(folders, f)
	}
	sort.Strings(folders)

	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "folder\tdocs\t")
	for _, f := range coverageFields {
		fmt.Fprintf(tw, "%s\t", f.name)
	}
	fmt.Fprintln(tw)
	print := func(name string, r *row) {
		fmt.Fprintf(tw, "%s\t%d\t", name, r.docs)
		for _, n := range r.filled {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	for _, f := range folders {
		print(f, rows[f])
	}
	print("all", total)
	_ = tw.Flush()
}
