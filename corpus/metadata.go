package corpus

import "strings"

// enrich derives the metadata a reader could not take from the file's own
// fields: normalized document number, agencies, dates, status, category,
// doc type, region, level, events, clauses and citations. Fields a reader
// filled are kept (only normalized); nothing the file does not state is
// guessed, so a field stays empty when no rule applies.
func enrich(doc *Document) {
	events := headerEvents(doc.Header)
	if len(doc.Events) == 0 {
		doc.Events = events
	}
	doc.DocNumber = docNumberOf(doc)
	doc.Category = categoryOf(doc)
	doc.Agencies = agenciesOf(doc)
	if doc.Published == "" {
		doc.Published = publishedOf(doc, events)
	}
	if doc.Effective == "" {
		doc.Effective = effectiveFromHeader(doc.Header, events)
	}
	if doc.Effective == "" {
		doc.Effective = effectiveFromBody(doc.Body)
	}
	doc.Status = statusOf(doc)
	if doc.DocType == "" {
		doc.DocType = DocType(doc.Title)
	}
	if doc.Region == "" {
		doc.Region = regionOf(doc)
	}
	if doc.Level == "" {
		doc.Level = levelOf(doc)
	}
	if len(doc.Cites) == 0 {
		doc.Cites = citations(doc.Body)
	}
	if len(doc.Clauses) == 0 {
		doc.Clauses = SplitClauses(doc.Body)
	}
}

// docNumberOf normalizes the number a reader found, else reads one from the
// header, else from a line of its own at the top of the body.
func docNumberOf(doc *Document) string {
	if n := strings.TrimSpace(doc.DocNumber); n != "" && strings.Trim(n, "-—无 ") != "" {
		return NormalizeDocNumber(n)
	}
	if n := docNumberFromHeader(doc.Header); n != "" {
		return n
	}
	return docNumberFromBody(doc.Body)
}

// agenciesOf keeps the agencies a reader found (split and normalized), else
// reads the promulgation lines of the header, else the title's prefix.
func agenciesOf(doc *Document) []string {
	if len(doc.Agencies) > 0 {
		stated := normalizeAgencies(doc.Agencies)
		// A joint title may list co-issuers the 发布单位 field leaves out;
		// take the title's list when it includes every stated agency.
		if fromTitle := agenciesFromTitle(doc.Title); len(fromTitle) > len(stated) && containsAll(fromTitle, stated) {
			return fromTitle
		}
		return stated
	}
	if a := agenciesFromHeader(doc.Header); len(a) > 0 {
		return a
	}
	return agenciesFromTitle(doc.Title)
}

// publishedOf reads the publication date of this version: the file name's
// (YYYY-MM-DD) suffix, which lawrefbook sets to the version's date (its
// headers often lack the latest revision line), else the newest enactment
// line of the header, else the date a scraped page or report states near
// its top.
func publishedOf(doc *Document, events []Event) string {
	if d := dateFromPath(doc.Path); d != "" {
		return d
	}
	if d := publishedFromEvents(events); d != "" {
		return d
	}
	return dateFromLeadLines(doc.Body)
}

// containsAll reports whether every string of want is in have.
func containsAll(have, want []string) bool {
	set := make(map[string]bool, len(have))
	for _, h := range have {
		set[h] = true
	}
	for _, w := range want {
		if !set[w] {
			return false
		}
	}
	return true
}
