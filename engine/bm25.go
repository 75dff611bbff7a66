package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/analysis"
	"policysearch/corpus"
)

// bleve's BM25 takes a field's average length to be the number of distinct
// terms in the field divided by the number of documents. For Chinese bodies
// that is about 24 tokens against a true average in the thousands, so every
// long law looked 50 times longer than average and lost to one-line notices.
// The build therefore measures the true average lengths, keeps them in the
// generation, and every search hands them to bleve's scorer through the
// context key bleve provides for that purpose.

const statsFile = "stats.json"

// sampleEvery: without body counters (the cjk baseline's build), body
// lengths are estimated from every n-th indexed document; segmenting all of
// them again would double that build's work.
const sampleEvery = 8

// fieldStats holds the document count and average field lengths in tokens.
type fieldStats struct {
	Docs      int                `json:"docs"`
	AvgTokens map[string]float64 `json:"avg_tokens"`
	// TitleDates says that titles.json records every document's
	// publication date, empty for none: generations built before it did
	// leave date order and date ranges to bleve.
	TitleDates bool `json:"title_dates"`
}

// measureFieldStats measures the average title lengths in tokens of the
// documents indexed. sampleBodies estimates the body's from every
// sampleEvery-th of them too; a build that counts the body's terms leaves
// that to setBodyAverages, which knows every length exactly.
func measureFieldStats(indexed []*corpus.Document, sampleBodies bool) fieldStats {
	n := len(indexed)
	var sampled int
	var titleTokens, titleBigrams, bodyTokens, bodyBigrams int
	for i, d := range indexed {
		titleTokens += analysis.TokenCount(d.Title)
		titleBigrams += analysis.BigramCount(d.Title)
		if sampleBodies && i%sampleEvery == 0 {
			sampled++
			bodyTokens += analysis.TokenCount(d.Body)
			bodyBigrams += analysis.BigramCount(d.Body)
		}
	}
	st := fieldStats{Docs: n, AvgTokens: map[string]float64{}, TitleDates: true}
	if n > 0 {
		st.AvgTokens[fieldTitle] = float64(titleTokens) / float64(n)
		st.AvgTokens[fieldTitleBigram] = float64(titleBigrams) / float64(n)
	}
	if sampled > 0 {
		st.AvgTokens[fieldBody] = float64(bodyTokens) / float64(sampled)
		st.AvgTokens[fieldBodyBigram] = float64(bodyBigrams) / float64(sampled)
	}
	return st
}

// setBodyAverages sets the body's average lengths from the counters'
// lengths of every indexed document.
func (st *fieldStats) setBodyAverages(c *bodyCounters) {
	average := func(lengths []uint32) float64 {
		var sum int
		for _, l := range lengths {
			sum += int(l)
		}
		return float64(sum) / float64(max(len(lengths), 1))
	}
	st.AvgTokens[fieldBody] = average(c.words.lengths)
	st.AvgTokens[fieldBodyBigram] = average(c.bigrams.lengths)
}

func (st fieldStats) write(gen string) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(gen, statsFile), data, 0o644); err != nil {
		return fmt.Errorf("write field statistics: %w", err)
	}
	return nil
}

func readFieldStats(gen string) (fieldStats, error) {
	var st fieldStats
	data, err := os.ReadFile(filepath.Join(gen, statsFile))
	if err != nil {
		return st, fmt.Errorf("read field statistics: %w", err)
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("decode field statistics: %w", err)
	}
	return st, nil
}

// bm25Stats turns the measured averages into bleve's form: it divides a
// "cardinality" by the document count to get the average length. Keyword
// fields hold one token per value.
func (st fieldStats) bm25Stats() *bsearch.BM25Stats {
	if st.Docs == 0 {
		return nil
	}
	card := map[string]int{}
	for _, f := range []string{fieldDocNumber, fieldDocNumKey, fieldAgency, fieldCategory, fieldStatus,
		fieldDocType, fieldRegion, fieldYear, fieldPublished, fieldCurrent} {
		card[f] = st.Docs
	}
	for f, avg := range st.AvgTokens {
		card[f] = int(math.Round(avg * float64(st.Docs)))
	}
	return &bsearch.BM25Stats{DocCount: float64(st.Docs), FieldCardinality: card}
}

// withBM25Stats attaches the statistics to a search context.
func withBM25Stats(ctx context.Context, stats *bsearch.BM25Stats) context.Context {
	if stats == nil {
		return ctx
	}
	return context.WithValue(ctx, bsearch.BM25StatsKey, stats)
}
