package corpus

import (
	"regexp"
	"strings"
)

var (
	// congressRe reads the legislature out of a promulgation line:
	// 第七届全国人民代表大会常务委员会第十五次会议通过, 上海市第十三届人民代表大会
	// 常务委员会…, 青岛市人民代表大会常务委员会公告公布.
	congressRe = regexp.MustCompile(`^经?(\p{Han}*?)(?:第[一二三四五六七八九十]+届)?(全国)?(人民代表大会(?:常务委员会)?)`)
	// meetingRe reads the body whose meeting passed a text:
	// 国务院第N次常务会议通过, 经人力资源和社会保障部第6次部务会议通过.
	meetingRe = regexp.MustCompile(`^经?(\p{Han}+?)(?:第[\d一二三四五六七八九十百]+次)?(?:常务|部务|局务|署务|委务|主任|部长办公|办公|全体)?会议`)
	// issuerLineRe is a line naming only who issued the text: 国务院发布.
	issuerLineRe = regexp.MustCompile(`^(\p{Han}+?)(?:联合)?(?:发布|公布|印发|颁布)[)）。，,]?$`)
	// titleIssuerRe is the issuer prefix of a title: 国务院办公厅关于…,
	// 上海市应急管理局印发…, 人力资源社会保障部 财政部关于….
	titleIssuerRe = regexp.MustCompile(`^(.+?)(?:关于|印发|转发|批转|联合)`)
	// reportIssuerRe is the issuer of a government work report title.
	reportIssuerRe = regexp.MustCompile(`^(?:\d{4}年)?(?:中华人民共和国)?(国务院)政府工作报告`)
	// agencySuffixRe is how the name of a state organ ends.
	agencySuffixRe = regexp.MustCompile(`(?:院|部|委|会|局|署|厅|办|室|府|中心|行|组|队|所|军委)$`)
)

// agenciesFromHeader returns the bodies that first passed or issued the
// text, read from the oldest header line that names one. Approval lines
// (批准) name the approving body, not the issuer, and are skipped.
func agenciesFromHeader(header string) []string {
	for _, raw := range strings.Split(header, "\n") {
		line := strings.TrimSpace(foldWidth(stripLeadingDate(strings.TrimSpace(raw))))
		if line == "" || strings.Contains(line, "批准") || strings.HasSuffix(line, "施行") {
			continue
		}
		if found := agenciesFromLine(line); len(found) > 0 {
			return found
		}
	}
	return nil
}

// agenciesFromLine recognizes one promulgation line (its date removed).
func agenciesFromLine(line string) []string {
	if m := inLineOrderRe.FindStringSubmatch(line); m != nil {
		return splitJointAgencies(orderIssuer(m[1]))
	}
	if strings.HasPrefix(line, "最高人民") {
		return courts(line)
	}
	if m := congressRe.FindStringSubmatch(line); m != nil {
		return []string{m[1] + m[2] + m[3]}
	}
	if m := meetingRe.FindStringSubmatch(line); m != nil && agencySuffixRe.MatchString(m[1]) {
		return []string{normalizeAgency(m[1])}
	}
	if m := issuerLineRe.FindStringSubmatch(line); m != nil && agencySuffixRe.MatchString(m[1]) {
		return []string{normalizeAgency(m[1])}
	}
	return nil
}

// courts lists the supreme court and procuratorate a line names, in order.
func courts(s string) []string {
	court := strings.Index(s, "最高人民法院")
	proc := strings.Index(s, "最高人民检察院")
	switch {
	case court >= 0 && proc >= 0 && proc < court:
		return []string{"最高人民检察院", "最高人民法院"}
	case court >= 0 && proc >= 0:
		return []string{"最高人民法院", "最高人民检察院"}
	case court >= 0:
		return []string{"最高人民法院"}
	case proc >= 0:
		return []string{"最高人民检察院"}
	}
	return nil
}

// agenciesFromTitle reads the issuer prefix of a title; joint documents
// name several issuers separated by spaces or 、.
func agenciesFromTitle(title string) []string {
	title = strings.TrimSpace(foldWidth(title))
	if m := reportIssuerRe.FindStringSubmatch(title); m != nil {
		return []string{m[1]}
	}
	m := titleIssuerRe.FindStringSubmatch(title)
	if m == nil || strings.ContainsAny(m[1], "《》“\"0123456789") {
		return nil
	}
	parts := splitJointAgencies(m[1])
	for i, p := range parts {
		if c := congressRe.FindStringSubmatch(p); c != nil {
			parts[i] = c[1] + c[2] + c[3] // 第十四届全国人民代表大会第三次会议 → 全国人民代表大会
			continue
		}
		if !agencySuffixRe.MatchString(p) {
			return nil // not an issuer: 加强…工作关于 is a sentence
		}
	}
	return parts
}

// splitJointAgencies splits a joint issuer field on spaces, 、 and commas, but
// not inside parentheses, where one body lists its other names.
func splitJointAgencies(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if a := normalizeAgency(cur.String()); a != "" {
			out = append(out, a)
		}
		cur.Reset()
	}
	for _, r := range s {
		switch {
		case r == '(' || r == '（':
			depth++
		case r == ')' || r == '）':
			depth--
		case depth == 0 && (r == ' ' || r == '\u3000' || r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\t'):
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return dedupe(out)
}

// normalizeAgency trims an agency name and drops the country name that
// national bodies carry in formal lines (中华人民共和国国务院 → 国务院).
func normalizeAgency(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "经")
	if t := strings.TrimPrefix(s, "中华人民共和国"); t != "" {
		s = t
	}
	return s
}

// normalizeAgencies splits joint entries a reader stored as one string.
func normalizeAgencies(in []string) []string {
	var out []string
	for _, a := range in {
		out = append(out, splitJointAgencies(a)...)
	}
	return dedupe(out)
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0]
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
