package engine

import (
	"fmt"
	"strings"
	"time"

	"policysearch/corpus"
)

// Summary describes a finished build.
type Summary struct {
	Documents  int           // documents read, duplicates included
	Bytes      int64         // bytes of the files they came from
	Files      int           // files that gave at least one document
	Skipped    []corpus.Skip // files (or parts of files) not indexed, with reasons
	Elapsed    time.Duration
	Generation string // the directory of the new index generation

	Reused        bool // the corpus was unchanged: the current generation was kept
	Duplicates    int  // documents indexed as another's duplicate
	VersionGroups int  // groups of documents that are versions of one title
	coverage      string
}

// String is the one-line summary the indexer prints last.
func (s *Summary) String() string {
	secs := s.Elapsed.Seconds()
	mbps := 0.0
	if secs > 0 {
		mbps = float64(s.Bytes) / 1e6 / secs
	}
	line := fmt.Sprintf("indexed %d documents (%d bytes) from %d files, skipped %d files, in %.1f s (%.1f MB/s)",
		s.Documents, s.Bytes, s.Files, len(s.Skipped), secs, mbps)
	if s.Reused {
		line += ", unchanged: current index kept"
	}
	return line
}

// Report is the build report kept inside the index generation: the
// summary, every skipped file with its reason, duplicate and version
// counts, and the metadata coverage per source folder.
func (s *Summary) Report() string {
	var b strings.Builder
	fmt.Fprintln(&b, s.String())
	fmt.Fprintf(&b, "\nskipped files (%d):\n", len(s.Skipped))
	for _, sk := range s.Skipped {
		fmt.Fprintf(&b, "  %s: %s\n", sk.Path, sk.Reason)
	}
	fmt.Fprintf(&b, "\nindexed %d distinct documents; %d documents are exact duplicates of another; %d version groups\n",
		s.Documents-s.Duplicates, s.Duplicates, s.VersionGroups)
	fmt.Fprintf(&b, "\nmetadata coverage (documents with the field filled):\n")
	b.WriteString(s.coverage)
	return b.String()
}
