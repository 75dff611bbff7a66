package analysis

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
)

// Synonyms is a set of synonym rules read from a synonyms file. It is
// immutable after parsing, so it is safe for concurrent use.
//
// File format (UTF-8 text, one rule per line):
//
//	# a comment; text after # is ignored, blank lines too
//	户口,户籍                  equivalent terms: each expands to all the others
//	个税 => 个人所得税          one-way: the left terms expand to the right terms
//	个税,个调税 => 个人所得税   several terms on either side of =>
//
// Terms are separated by commas; full-width commas (，) work too because every
// line is normalized (see Normalize) before it is parsed, which also makes
// traditional, full-width and upper-case spellings of a term equivalent to
// its normal form. A term in several rules expands to the union of them;
// expansion is not transitive.
type Synonyms struct {
	expansions map[string][]string // normalized term → its other terms, sorted
}

//go:embed synonyms.txt
var defaultSynonymsText string

var (
	defaultOnce sync.Once
	defaultSyns *Synonyms
)

// DefaultSynonyms returns the synonyms embedded in the binary: equivalences
// of the policy domain such as 公积金/住房公积金 and 社保/社会保险.
func DefaultSynonyms() *Synonyms {
	return defaultSynonyms()
}

// defaultSynonyms parses the embedded file once. A parse error is a bug in
// synonyms.txt, which the tests catch, so it panics.
func defaultSynonyms() *Synonyms {
	defaultOnce.Do(func() {
		s, err := ParseSynonyms(strings.NewReader(defaultSynonymsText))
		if err != nil {
			panic(fmt.Errorf("analysis: embedded synonyms.txt: %w", err))
		}
		defaultSyns = s
	})
	return defaultSyns
}

// LoadSynonyms reads and parses the synonyms file at path.
func LoadSynonyms(path string) (*Synonyms, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("analysis: opening synonyms: %w", err)
	}
	defer f.Close()
	s, err := ParseSynonyms(f)
	if err != nil {
		return nil, fmt.Errorf("analysis: synonyms file %s: %w", path, err)
	}
	return s, nil
}

// ParseSynonyms parses synonym rules in the format described on Synonyms.
// Errors name the offending line.
func ParseSynonyms(r io.Reader) (*Synonyms, error) {
	s := &Synonyms{expansions: make(map[string][]string)}
	sc := bufio.NewScanner(r)
	for lineNo := 1; sc.Scan(); lineNo++ {
		if err := s.addRule(sc.Text()); err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading synonyms: %w", err)
	}
	for term, exp := range s.expansions {
		slices.Sort(exp)
		s.expansions[term] = slices.Compact(exp)
	}
	return s, nil
}

// addRule parses one line and records its expansions.
func (s *Synonyms) addRule(line string) error {
	// Normalize first, so that a full-width ＃ or ， works like # and ,.
	line, _, _ = strings.Cut(Normalize(line), "#")
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	left, right, oneWay := strings.Cut(line, "=>")
	from, err := splitTerms(left)
	if err != nil {
		return err
	}
	if !oneWay {
		if len(from) < 2 {
			return fmt.Errorf("group %q needs at least two different terms", line)
		}
		for _, term := range from {
			s.add(term, from)
		}
		return nil
	}
	to, err := splitTerms(right)
	if err != nil {
		return err
	}
	for _, term := range from {
		s.add(term, to)
	}
	return nil
}

// add records that term expands to each of targets other than itself.
func (s *Synonyms) add(term string, targets []string) {
	for _, t := range targets {
		if t != term {
			s.expansions[term] = append(s.expansions[term], t)
		}
	}
}

// splitTerms splits a comma-separated list of terms, rejecting empty ones.
func splitTerms(list string) ([]string, error) {
	if strings.Contains(list, "=>") {
		return nil, fmt.Errorf("more than one => in rule")
	}
	var terms []string
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, fmt.Errorf("empty term in %q", list)
		}
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms, nil
}

// Expand returns the equivalents of term, normalized and sorted, not
// including term itself; nil if it has none. The caller may modify the
// returned slice.
func (s *Synonyms) Expand(term string) []string {
	return slices.Clone(s.expansions[Normalize(strings.TrimSpace(term))])
}

// Terms returns every term that appears in a rule, on either side, sorted.
func (s *Synonyms) Terms() []string {
	var terms []string
	for term, exp := range s.expansions {
		terms = append(terms, term)
		terms = append(terms, exp...)
	}
	slices.Sort(terms)
	return slices.Compact(terms)
}
