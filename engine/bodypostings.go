package engine

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// The body's words (fieldBody) and character bigrams (fieldBodyBigram) are
// not in bleve's index but in postings files of their own (see
// postingsfile.go). They are most of the index (the bigrams alone are 17.5
// million tokens, 6.4 million postings over 326,000 terms on the full
// corpus), and zap spent most of a build on them: making them into a
// segment per batch, then merging every segment again on one core. Yet the
// evaluator is all that reads them, term by term, and the locations of the
// words only for the documents it places. So the build counts them in
// memory as batches are analyzed (bigramCounter, wordCounter) and writes
// them once, after the merge, in the merged index's document numbers; the
// evaluator reads them as it reads zap's postings, with zap's norms and
// locations, so that scores and highlights are the same.
//
// Generations built before the files existed keep the fields in bleve,
// where the snapshot reader then finds them. bleve's own searchers, which
// answer only what the evaluator cannot (generations without the tables it
// keeps in memory), never see the files: there only titles match.
const (
	bodyBigramsFile = "body_bigrams"
	bodyWordsFile   = "body_words"
)

// bodyFieldsInBleve also indexes the body's words and bigrams in bleve,
// for tests that compare the evaluator over the postings files with
// bleve's own searchers.
var bodyFieldsInBleve = false

// writeBodyPostings writes the body postings files of the generation gen,
// whose index is built and merged; ids are its documents' ids in build
// order. The files are written at once, one per core: each is sorted and
// encoded on one.
func writeBodyPostings(gen string, ids []string, bigrams *bigramCounter, words *wordCounter) error {
	numberOf, err := documentNumbers(gen, ids)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	var bigramsErr, wordsErr error
	wg.Go(func() { bigramsErr = bigrams.write(filepath.Join(gen, bodyBigramsFile), numberOf) })
	wg.Go(func() { wordsErr = words.write(filepath.Join(gen, bodyWordsFile), numberOf) })
	wg.Wait()
	if bigramsErr != nil {
		bigramsErr = fmt.Errorf("write %s: %w", bodyBigramsFile, bigramsErr)
	}
	if wordsErr != nil {
		wordsErr = fmt.Errorf("write %s: %w", bodyWordsFile, wordsErr)
	}
	return errors.Join(bigramsErr, wordsErr)
}

// documentNumbers returns the number in the merged index of gen of each
// document of ids, in their order.
func documentNumbers(gen string, ids []string) ([]uint32, error) {
	b, err := bleve.OpenUsing(filepath.Join(gen, bleveSubdir), map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open index to number its documents: %w", err)
	}
	defer b.Close()
	adv, err := b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index internals: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	defer r.Close()
	numberOf := make([]uint32, len(ids))
	for i, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", id, err)
		}
		n, ok := docNumber(iid)
		if !ok || n >= uint64(len(ids)) {
			return nil, fmt.Errorf("document %s has no number in the merged index", id)
		}
		numberOf[i] = uint32(n)
	}
	return numberOf, nil
}

// openPostingsFiles maps the body postings files of gen that exist, by
// field, checking that each counts the index's docs documents.
func openPostingsFiles(gen string, docs int) (map[string]*postingsFile, error) {
	files := map[string]*postingsFile{}
	for field, name := range map[string]string{fieldBody: bodyWordsFile, fieldBodyBigram: bodyBigramsFile} {
		f, err := openPostingsFile(gen, name)
		if err == nil && f != nil && f.docs != docs {
			err = fmt.Errorf("%s counts %d documents, the index %d", name, f.docs, docs)
			_ = f.close()
		}
		if err != nil {
			for _, open := range files {
				_ = open.close()
			}
			return nil, err
		}
		if f != nil {
			files[field] = f
		}
	}
	return files, nil
}

// termNumbers numbers the terms of a field as a build meets them, and
// counts their occurrences in the document being added. The counters keep
// their per-term data in slices indexed by these numbers.
type termNumbers struct {
	ids     map[string]uint32
	terms   []string
	counts  []uint32 // per term: its occurrences in the document being added
	touched []uint32 // the terms whose counts are not zero, as met
}

// count counts an occurrence of term and returns its number; isNew says
// the term was never met before, and the caller then grows its per-term
// slices by one.
func (t *termNumbers) count(term string) (id uint32, isNew bool) {
	id, ok := t.ids[term]
	if !ok {
		if t.ids == nil {
			t.ids = map[string]uint32{}
		}
		// The analysis's terms share one copy of the document's text.
		term = strings.Clone(term)
		id = uint32(len(t.terms))
		t.ids[term] = id
		t.terms = append(t.terms, term)
		t.counts = append(t.counts, 0)
	}
	if t.counts[id] == 0 {
		t.touched = append(t.touched, id)
	}
	t.counts[id]++
	return id, !ok
}

// reset forgets the counts of the document added, for the next one.
func (t *termNumbers) reset() {
	for _, id := range t.touched {
		t.counts[id] = 0
	}
	t.touched = t.touched[:0]
}

// writeTerms writes the postings file of a counted field at path: the
// field's lengths per build number, renumbered as numberOf gives (build
// number → number in the merged index), then every term in sorted order,
// whose postings list appends to buf in the merged numbers, returning them
// and how many documents they hold.
func writeTerms(path string, located bool, t *termNumbers, lengths, numberOf []uint32, list func(id uint32, buf []byte) ([]byte, int)) error {
	if len(numberOf) != len(lengths) {
		return fmt.Errorf("%d document numbers for %d documents", len(numberOf), len(lengths))
	}
	renumbered := make([]uint32, len(lengths))
	for doc, n := range lengths {
		renumbered[numberOf[doc]] = n
	}
	order := make([]uint32, len(t.terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(t.terms[a], t.terms[b]) })
	pw, err := newPostingsWriter(path, located)
	if err != nil {
		return err
	}
	var buf []byte
	for _, id := range order {
		var n int
		buf, n = list(id, buf[:0])
		pw.add(t.terms[id], buf, n)
	}
	return pw.finish(renumbered)
}
