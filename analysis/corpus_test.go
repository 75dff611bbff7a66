package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"policysearch/internal/testcorpus"
)

// corpusFile is one file of the real corpus.
type corpusFile struct {
	path, text string
}

var (
	corpusOnce  sync.Once
	corpusFiles []corpusFile
	corpusErr   error
)

// readCorpus reads every file of the corpus once per test binary; it skips
// the test or benchmark when the corpus is absent.
func readCorpus(tb testing.TB) []corpusFile {
	tb.Helper()
	dir := testcorpus.Dir(tb)
	corpusOnce.Do(func() {
		corpusErr = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			corpusFiles = append(corpusFiles, corpusFile{path: path, text: string(data)})
			return nil
		})
	})
	if corpusErr != nil {
		tb.Fatalf("reading corpus %s: %v", dir, corpusErr)
	}
	return corpusFiles
}

// longestMarkdown returns the longest Markdown document of the corpus.
func longestMarkdown(tb testing.TB) corpusFile {
	var longest corpusFile
	for _, f := range readCorpus(tb) {
		if strings.HasSuffix(f.path, ".md") && len(f.text) > len(longest.text) {
			longest = f
		}
	}
	return longest
}

// TestCorpusOffsets checks the offset invariant on the start of every 25th
// corpus file (Markdown, HTML, JSON alike).
func TestCorpusOffsets(t *testing.T) {
	files := readCorpus(t)
	for i := 0; i < len(files); i += 25 {
		text := files[i].text
		if len(text) > 20000 {
			cut := 20000
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			text = text[:cut]
		}
		checkOffsets(t, text, Tokens(text))
	}
}

func BenchmarkTokensLongDoc(b *testing.B) {
	doc := longestMarkdown(b)
	if err := Load(); err != nil { // load outside the timer
		b.Fatal(err)
	}
	b.Logf("%s: %d bytes", filepath.Base(doc.path), len(doc.text))
	b.SetBytes(int64(len(doc.text)))
	b.ResetTimer()
	for b.Loop() {
		Tokens(doc.text)
	}
}

func BenchmarkTokensCorpus(b *testing.B) {
	files := readCorpus(b)
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.text))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			Tokens(f.text)
		}
	}
}

// BenchmarkNormalizeCorpus measures Normalize, including the t2s check, on
// the whole corpus.
func BenchmarkNormalizeCorpus(b *testing.B) {
	files := readCorpus(b)
	var total int64
	traditional := 0
	for _, f := range files {
		total += int64(len(f.text))
		if _, hasTrad := foldString(f.text); hasTrad {
			traditional++
		}
	}
	b.Logf("%d of %d files hold a traditional character", traditional, len(files))
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			Normalize(f.text)
		}
	}
}

// BenchmarkT2SAlwaysLongDoc measures what t2s would cost if every text went
// through opencc, as it would without the traditional-character check.
func BenchmarkT2SAlwaysLongDoc(b *testing.B) {
	doc := longestMarkdown(b)
	if err := loadT2S(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.text)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := t2sConv.Convert(doc.text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegmenterLoad measures the time and heap of loading a segmenter
// (a fresh one each iteration, not the shared one).
func BenchmarkSegmenterLoad(b *testing.B) {
	defaultSynonyms()
	for b.Loop() {
		before := heapInUse()
		start := time.Now()
		s, err := loadSegmenter()
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.ReportMetric(float64(heapInUse()-before)/(1<<20), "heap-MiB")
		b.ReportMetric(elapsed.Seconds(), "load-s")
		runtime.KeepAlive(s)
	}
}

// BenchmarkDictLoad measures the time and heap of loading the segmentation
// dictionary that Tokens uses, from the embedded copy (a fresh one each
// iteration, not the shared one).
func BenchmarkDictLoad(b *testing.B) {
	defaultSynonyms()
	for b.Loop() {
		before := heapInUse()
		start := time.Now()
		d, err := loadDict()
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.ReportMetric(float64(heapInUse()-before)/(1<<20), "heap-MiB")
		b.ReportMetric(elapsed.Seconds(), "load-s")
		runtime.KeepAlive(d)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkCorpusStats reports what the tokens of the corpus are made of,
// to judge the sub-word rules: per MB of text, the number of words, of
// sub-words of two or more characters, of single-character sub-words, and of
// the character bigrams that would be added for Chinese words of three or
// more characters whose only sub-words are single characters (人社局, 习近平).
func BenchmarkCorpusStats(b *testing.B) {
	files := readCorpus(b)
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var bytes, words, multi, single, bigramWords, bigrams float64
		for _, f := range files {
			bytes += float64(len(f.text))
			var parent Token
			var parentRunes int
			onlySingles := false
			flush := func() {
				if parentRunes >= 3 && onlySingles && allHan(parent.Term) {
					bigramWords++
					bigrams += float64(parentRunes - 1)
				}
			}
			for _, tok := range Tokens(f.text) {
				n := utf8.RuneCountInString(tok.Term)
				if tok.Position != parent.Position {
					flush()
					parent, parentRunes, onlySingles = tok, n, true
					words++
					continue
				}
				if n == 1 {
					single++
				} else {
					multi++
					onlySingles = false
				}
			}
			flush()
		}
		mb := bytes / 1e6
		b.ReportMetric(words/mb, "words/MB")
		b.ReportMetric(multi/mb, "subwords/MB")
		b.ReportMetric(single/mb, "single-subwords/MB")
		b.ReportMetric(bigramWords/mb, "bigram-words/MB")
		b.ReportMetric(bigrams/mb, "bigrams/MB")
	}
}

// BenchmarkTokenizeCorpus measures the bleve tokenizer, the path documents
// take at index time, on the whole corpus.
func BenchmarkTokenizeCorpus(b *testing.B) {
	files := readCorpus(b)
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	inputs := make([][]byte, len(files))
	var total int64
	for i, f := range files {
		inputs[i] = []byte(f.text)
		total += int64(len(f.text))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, in := range inputs {
			Tokenizer{}.Tokenize(in)
		}
	}
}
