package analysis

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// domainWordFreq is the dictionary frequency given to domain words (the terms
// of the default synonyms). It is high enough that the segmenter keeps a term
// such as 公租房 whole instead of splitting it into 公 + 租房, which keeps the
// term a single token that synonym expansion can find.
const domainWordFreq = 1000

var (
	segOnce sync.Once
	seg     *gse.Segmenter
	segErr  error
)

// Segmenter returns the process-wide gse segmenter, loading it on first use
// from the dictionary embedded in the binary (no files on disk are read).
// Loading takes more than a second and over 100 MiB, so Tokens and Words do
// not use it: they segment with a compact copy of its dictionary (see dict),
// which Load loads in milliseconds, and give the same words. The segmenter is
// safe for concurrent use because segmentation only reads the dictionary.
func Segmenter() *gse.Segmenter {
	segOnce.Do(func() { seg, segErr = loadSegmenter() })
	if segErr != nil {
		panic(segErr)
	}
	return seg
}

// Load loads the segmentation dictionary and the traditional-to-simplified
// tables if they are not loaded yet, and reports a loading error. Call it at
// startup to pay that cost early and to get the error instead of a panic. It
// is cheap after the first call.
func Load() error {
	dictOnce.Do(func() { fdict, dictErr = loadDict() })
	if dictErr != nil {
		return dictErr
	}
	return loadT2S()
}

var (
	dictOnce sync.Once
	fdict    *dict
	dictErr  error
)

// fastDict returns the dictionary that Tokens and Words segment with.
func fastDict() *dict {
	if err := Load(); err != nil {
		panic(err)
	}
	return fdict
}

// loadDict loads the segmentation dictionary: it decodes the embedded copy,
// or, if that was built for other domain words (synonyms.txt changed without
// `go generate`), builds it from the gse segmenter.
func loadDict() (*dict, error) {
	// Decode while the synonyms are parsed for the domain words, which also
	// loads the t2s tables: start-up takes the longer of the two, not both.
	type decoded struct {
		d      *dict
		domain uint64
		err    error
	}
	done := make(chan decoded, 1)
	go func() {
		d, domain, err := decodeDict(dictData)
		done <- decoded{d, domain, err}
	}()
	want := domainHash()
	if r := <-done; r.err == nil && r.domain == want {
		return r.d, nil
	}
	segOnce.Do(func() { seg, segErr = loadSegmenter() })
	if segErr != nil {
		return nil, segErr
	}
	return buildDict(seg), nil
}

// loadSegmenter builds a segmenter from gse's embedded simplified-Chinese
// dictionary plus the domain words. gse's LoadDict reads files from the module
// directory, so it must not be used; LoadDictEmbed reads the copy compiled into
// the binary. Only the simplified dictionary is loaded: every text is
// converted to simplified Chinese before segmentation, so the traditional
// dictionary would only cost memory (about 65 MiB).
func loadSegmenter() (*gse.Segmenter, error) {
	s := &gse.Segmenter{
		SkipLog:    true,
		NotLoadHMM: true, // we never use gse's HMM cut; skip loading its model
	}
	// Domain words go in first: gse keeps the first entry of a duplicated word,
	// and recomputes the path costs of all words once, when the big dictionary
	// is loaded after them.
	if err := s.LoadDictStr(domainDictionary()); err != nil {
		return nil, fmt.Errorf("analysis: loading domain words into segmenter: %w", err)
	}
	if err := s.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("analysis: loading embedded gse dictionary zh_s: %w", err)
	}
	return s, nil
}

// domainDictionary returns the Chinese terms of three or more characters of
// the default synonyms in gse's dictionary format ("word frequency" per
// line). Two-character terms missing from gse's dictionary (高企, 国办) are
// left out on purpose: as frequent words they could capture characters of
// their neighbours (提高企业 → 提/高企/业).
func domainDictionary() string {
	var b strings.Builder
	for _, term := range defaultSynonyms().Terms() {
		if utf8.RuneCountInString(term) < 3 || !allHan(term) {
			continue
		}
		fmt.Fprintf(&b, "%s %d\n", term, domainWordFreq)
	}
	return b.String()
}

// allHan reports whether s consists of Chinese characters only.
func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
