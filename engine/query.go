package engine

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch/analysis"
	"policysearch/corpus"
)

// Ranking weights, tuned on the relevance dev set (see relevance_test.go).
// Proximity, version and status enter later, in rerank.go.
const (
	titleBoost       = 1.0  // a query word in the title, on top of its BM25 weight there
	docNumberBoost   = 50.0 // a typed document number goes straight to its document
	citedNumberBoost = 10.0 // and then to the documents citing it
	synonymWeight    = 0.6  // a synonym's match counts this much of the word's own
	bigramWeight     = 3.0  // a match of the term's character bigrams, besides its words
	// A query term matches with one word in three missing, or with two of
	// every three of its character bigrams missing (see mostOf): users type
	// colloquial forms (没签, 不用理由) that the law words differently.
	wordMissingThirds   = 1
	bigramMissingThirds = 2
)

// buildQuery turns a parsed query and the request's filters into a bleve query.
func (ix *Index) buildQuery(pq parsedQuery, req Request) (query.Query, error) {
	if ix.baseline {
		return baselineQuery(pq), nil
	}
	var groups []query.Query
	for _, g := range pq.groups {
		var alts []query.Query
		for _, t := range g {
			if q := ix.termQuery(t); q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) > 0 {
			groups = append(groups, anyOf(alts))
		}
	}
	if len(groups) == 0 {
		return nil, badQuery("bad_query", "the query holds no searchable words")
	}
	text := combineGroups(groups)
	if num, ok := typedDocNumber(req.Query); ok {
		var keys []query.Query
		for _, k := range corpus.DocNumberKeys(num) {
			keys = append(keys, termIn(fieldDocNumKey, k, docNumberBoost))
		}
		alts := []query.Query{text}
		if len(keys) > 0 {
			alts = append(alts, anyOf(keys))
		}
		// Documents citing the number: its words in a row, whatever
		// brackets a document put around the year (punctuation takes no
		// position). They come before those that merely share its words
		// (国发〔2016〕8号 for 国发〔2019〕5号).
		if q := phraseOf(wordsOf(num), false, citedNumberBoost); q != nil {
			alts = append(alts, q)
		}
		text = anyOf(alts)
	}

	bq := bleve.NewBooleanQuery()
	bq.AddMust(text)
	filters, err := filterQueries(req.Filters)
	if err != nil {
		return nil, err
	}
	bq.AddMust(filters...)
	for _, t := range pq.excluded {
		if q := ix.termQuery(t); q != nil {
			bq.AddMustNot(q)
		}
	}
	return bq, nil
}

// typedDocNumber recognizes a query that is a document number, typed in
// simplified or traditional characters (國務院令第697號). The number is read
// as typed first: Normalize also lowercases, and the numbers' keys keep the
// case of the documents' letters.
func typedDocNumber(q string) (string, bool) {
	if num, ok := corpus.ParseDocNumber(q); ok {
		return num, true
	}
	return corpus.ParseDocNumber(analysis.Normalize(q))
}

// termQuery matches one query term: a phrase, or a word whose segments must
// all occur, in the title or the body, or any of its synonyms.
func (ix *Index) termQuery(t queryTerm) query.Query {
	if t.phrase {
		var alts []query.Query
		for _, words := range phraseWords(t.text) {
			if q := phraseOf(words, t.titleOnly, 1); q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) == 0 {
			return nil
		}
		return anyOf(alts)
	}
	var alts []query.Query
	for i, variant := range ix.variants(t.text) {
		words := contentWords(variant)
		if len(words) == 0 {
			continue
		}
		weight := 1.0
		if i > 0 {
			weight = synonymWeight
		}
		var each []query.Query
		for _, w := range words {
			each = append(each, ix.wordQuery(w.Term, t.titleOnly, weight))
		}
		alts = append(alts, mostOf(each, wordMissingThirds))
		if q := bigramQuery(variant, t.titleOnly, bigramWeight*weight); q != nil {
			alts = append(alts, q)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return anyOf(alts)
}

// bigramQuery matches the character bigrams of a term, a third of them
// required, in the title (boosted) or the body: the safety net for words the
// segmentation cut differently in the document.
func bigramQuery(text string, titleOnly bool, weight float64) query.Query {
	grams := analysis.Bigrams(text)
	if len(grams) == 0 {
		return nil
	}
	var title, body []query.Query
	for _, g := range grams {
		title = append(title, termIn(fieldTitleBigram, g, titleBoost*weight))
		body = append(body, termIn(fieldBodyBigram, g, weight))
	}
	if titleOnly {
		return mostOf(title, bigramMissingThirds)
	}
	return anyOf([]query.Query{mostOf(title, bigramMissingThirds), mostOf(body, bigramMissingThirds)})
}

// wordQuery matches one segmented word or one of its synonyms. Weights go
// on the leaf term queries: bleve ignores the boost of a compound query.
func (ix *Index) wordQuery(term string, titleOnly bool, weight float64) query.Query {
	alts := []query.Query{fieldsQuery(term, titleOnly, weight)}
	for _, syn := range ix.synonyms.Expand(term) {
		alts = append(alts, fieldsQuery(syn, titleOnly, weight*synonymWeight))
	}
	return anyOf(alts)
}

// fieldsQuery matches a term in the title (boosted) or, unless titleOnly, the body.
func fieldsQuery(term string, titleOnly bool, weight float64) query.Query {
	title := termIn(fieldTitle, term, titleBoost*weight)
	if titleOnly {
		return title
	}
	return anyOf([]query.Query{title, termIn(fieldBody, term, weight)})
}

// phraseWords gives the ways a quoted text can stand in a document: its
// words (the top-level segmentation, without sub-words) in a row, and, when
// the text holds spaces, the words of the text without them: "人才 引进"
// also finds 人才引进, which the dictionary makes one word.
func phraseWords(text string) [][]string {
	var out [][]string
	for _, variant := range []string{text, strings.Join(strings.Fields(text), "")} {
		words := wordsOf(variant)
		if len(words) > 0 && !slices.ContainsFunc(out, func(w []string) bool { return slices.Equal(w, words) }) {
			out = append(out, words)
		}
	}
	return out
}

// wordsOf returns the terms of the top-level words of text.
func wordsOf(text string) []string {
	var words []string
	for _, tok := range analysis.Words(text) {
		words = append(words, tok.Term)
	}
	return words
}

// phraseOf matches words at consecutive positions (and, in the evaluator,
// in a row in the text: see keepPhrases). A document's sub-words are
// indexed at the position of their word, so "政府" still matches inside
// 人民政府; but the query's own sub-words are not alternatives: with them,
// "外国人" matched any document holding 人, and quoting a word made the
// search looser than typing it bare.
func phraseOf(words []string, titleOnly bool, boost float64) query.Query {
	var positions [][]string
	for _, w := range words {
		positions = append(positions, []string{w})
	}
	if len(positions) == 0 {
		return nil
	}
	mk := func(field string, b float64) query.Query {
		q := query.NewMultiPhraseQuery(positions, field)
		q.SetBoost(b)
		return q
	}
	if titleOnly {
		return mk(fieldTitle, boost*titleBoost)
	}
	return anyOf([]query.Query{mk(fieldTitle, boost*titleBoost), mk(fieldBody, boost)})
}

var (
	yearRE = regexp.MustCompile(`^\d{4}$`)
	dayRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// filterQueries turns the request's filters into required clauses.
func filterQueries(f Filters) ([]query.Query, error) {
	var out []query.Query
	for _, field := range []struct {
		name   string
		values []string
	}{
		{fieldAgency, f.Agency}, {fieldCategory, f.Category}, {fieldStatus, f.Status},
		{fieldDocType, f.DocType}, {fieldRegion, f.Region},
	} {
		var alts []query.Query
		for _, v := range field.values {
			if v != "" {
				alts = append(alts, termIn(field.name, v, 0))
			}
		}
		if len(alts) > 0 {
			out = append(out, anyOf(alts))
		}
	}
	if f.From == "" && f.To == "" {
		return out, nil
	}
	for _, d := range []struct{ name, value string }{{"from", f.From}, {"to", f.To}} {
		if d.value != "" && !yearRE.MatchString(d.value) && !dayRE.MatchString(d.value) {
			return nil, badQuery("bad_parameter", fmt.Sprintf("%s must be YYYY or YYYY-MM-DD, not %q", d.name, d.value))
		}
	}
	lo, hi := f.From, f.To
	if lo == "" {
		// Every date starts with a digit. An undated document is indexed
		// with an empty date, which an empty lower bound would let in.
		lo = "0"
	}
	if yearRE.MatchString(hi) {
		hi += "-99" // sorts after every date within that year
	}
	if hi != "" && lo > hi {
		return nil, badQuery("bad_parameter", "from is later than to")
	}
	yes := true
	r := bleve.NewTermRangeInclusiveQuery(lo, hi, &yes, &yes)
	r.SetField(fieldPublished)
	r.SetBoost(0)
	return append(out, r), nil
}

func termIn(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func anyOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func allOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// baselineQuery is the straightforward search the engine is measured
// against: every query word matched in title or body by the field's own
// analyzer, words ORed, no boosts, no synonyms, no filters.
func baselineQuery(pq parsedQuery) query.Query {
	var alts []query.Query
	for _, g := range pq.groups {
		for _, t := range g {
			for _, field := range []string{fieldTitle, fieldBody} {
				m := bleve.NewMatchQuery(t.text)
				m.SetField(field)
				alts = append(alts, m)
			}
		}
	}
	return anyOf(alts)
}

// combineGroups joins the query's word groups: any of two, all but one of
// three or more. Requiring every word loses the documents that answer a
// question in other words (多久, 怎么领); letting any one of three decide made
// the median query match half the corpus through one common word (办理,
// 规定) and let such documents into the re-ranked candidates. On the dev
// set, all but one of three or more: nDCG@10 0.810 → 0.820, MRR 0.880 →
// 0.901, recall@10 0.830 → 0.826, median total 1,981 → 582.
func combineGroups(groups []query.Query) query.Query {
	if len(groups) == 1 {
		return groups[0]
	}
	d := bleve.NewDisjunctionQuery(groups...)
	if len(groups) >= 3 {
		d.SetMin(float64(len(groups) - 1))
	}
	return d
}

// mostOf matches documents holding all but missingThirds thirds (rounded
// down) of qs, the words or bigrams of one query term: 科技进步条例 should
// still find 科学技术进步条例, whose text has 进步 and 条例 but may never
// abbreviate 科学技术, and 不用理由 should meet 无需说明理由 by its 理由.
func mostOf(qs []query.Query, missingThirds int) query.Query {
	need := max(1, len(qs)-len(qs)*missingThirds/3)
	if need >= len(qs) {
		return allOf(qs)
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetMin(float64(need))
	return d
}
