package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// docNumber is a document number split into the parts people vary when they
// type it: 国发〔2019〕5号 is {prefix 国发, year 2019, serial 5}; an order
// such as 国务院令第697号 is {prefix 国务院, serial 697, order true}.
type docNumber struct {
	prefix string
	year   string
	serial string
	order  bool
}

// String gives the normalized spelling: 国发〔2019〕5号 or 国务院令第697号.
func (n docNumber) String() string {
	if n.order {
		return n.prefix + "令第" + n.serial + "号"
	}
	return n.prefix + "〔" + n.year + "〕" + n.serial + "号"
}

// keys gives the compact search keys of n (see DocNumberKeys).
func (n docNumber) keys() []string {
	if !n.order {
		return []string{n.prefix + n.year + "-" + n.serial}
	}
	if n.prefix == "" {
		return []string{"令" + n.serial}
	}
	return []string{n.prefix + "令" + n.serial, "令" + n.serial}
}

// Patterns run on width-folded text, so ［］（） arrive as [] ().
var (
	// yearNumberRe is 国发〔2019〕5号 with any bracket, or 国发2019 5号 /
	// 国发2019年5号 / 国发2019-5 where a separator stands in for brackets.
	yearNumberRe = regexp.MustCompile(`^([\p{Han}A-Za-z]*?)\s*(?:[〔\[(【〖]\s*(\d{4})\s*[〕\])】〗]|(\d{4})\s*(?:年|-|\s)\s*)\s*第?\s*(\d+)\s*号?$`)
	// orderRe is 国务院令第697号 / 国务院令697号.
	orderRe = regexp.MustCompile(`^([\p{Han}、]*?)\s*令\s*第?\s*(\d+)\s*号$`)
	// orderSuffixRe is 国务院第697号令 / 697号令.
	orderSuffixRe = regexp.MustCompile(`^([\p{Han}、]*?)\s*第?\s*(\d+)\s*号令$`)

	// inLineYearNumberRe finds a bracketed number inside a header line.
	inLineYearNumberRe = regexp.MustCompile(`([\p{Han}A-Za-z]{1,8})\s*[〔\[(【〖]\s*(\d{4})\s*[〕\])】〗]\s*第?\s*(\d+)\s*号`)
	// inLineOrderRe finds an order number inside a header line.
	// Old orders count in Chinese numerals (主席令第三号).
	inLineOrderRe = regexp.MustCompile(`([\p{Han}、]{1,30}?)令\s*第\s*([\d零〇一二三四五六七八九十百千]+)\s*号`)

	// docNumberLabelRe strips the labels scraped pages put before a number.
	docNumberLabelRe = regexp.MustCompile(`^(?:发文字号|文件编号|发文号|文号|字号)\s*[:：]?\s*`)
	// bracketYearRe matches a bracketed year for the fallback normalization.
	bracketYearRe = regexp.MustCompile(`[〔\[(【〖]\s*(\d{4})\s*[〕\])】〗]`)
)

// prefixCutChars end words that can precede a number prefix in a sentence
// (最高人民法院以法发〔1993〕15号): the prefix starts after the last of them.
const prefixCutChars = "以经的据将按照于在"

// parseDocNumber recognizes s, as a whole, as a document number.
func parseDocNumber(s string) (docNumber, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return docNumber{}, false
	}
	if m := yearNumberRe.FindStringSubmatch(s); m != nil {
		year := m[2]
		if year == "" {
			year = m[3]
			if m[1] == "" {
				// Without brackets or a prefix, "2019年5号" reads as a date.
				return docNumber{}, false
			}
		}
		return docNumber{prefix: m[1], year: year, serial: trimZeros(m[4])}, true
	}
	for _, re := range []*regexp.Regexp{orderRe, orderSuffixRe} {
		if m := re.FindStringSubmatch(s); m != nil {
			return docNumber{prefix: orderIssuer(m[1]), serial: trimZeros(m[2]), order: true}, true
		}
	}
	return docNumber{}, false
}

// orderIssuer drops the country name from an order's issuer, so that
// 中华人民共和国国务院令 and 国务院令 agree.
func orderIssuer(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "中中华", "中华") // a known typo
	return strings.ReplaceAll(s, "中华人民共和国", "")
}

// trimZeros drops leading zeros from a serial number ("05" → "5").
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// ParseDocNumber recognizes a whole query string as a document number typed
// in any common form (国发〔2019〕5号, 国发[2019]5号, 国发(2019)5号,
// 国发2019 5号, 国务院令第697号, 697号令) and returns its normalized form.
func ParseDocNumber(text string) (string, bool) {
	n, ok := parseDocNumber(text)
	if !ok {
		return "", false
	}
	return n.String(), true
}

// NormalizeDocNumber gives the canonical spelling of a document number:
// every bracket around the year becomes 〔〕, full-width digits become ASCII
// and spaces go. Numbers it cannot parse are cleaned the same way, not dropped.
func NormalizeDocNumber(s string) string {
	if n, ok := parseDocNumber(s); ok {
		return n.String()
	}
	s = strings.Join(strings.Fields(foldDigits(s)), "")
	return bracketYearRe.ReplaceAllString(s, "〔$1〕")
}

// DocNumberKeys returns the compact keys a document number is indexed and
// searched under. Every typed form of one number yields the same keys:
// 国发〔2019〕5号 and 国发2019 5号 both give "国发2019-5"; 国务院令第697号 gives
// "国务院令697" and "令697", which 697号令 also gives.
func DocNumberKeys(s string) []string {
	if n, ok := parseDocNumber(s); ok {
		return n.keys()
	}
	if n := NormalizeDocNumber(s); n != "" {
		return []string{n}
	}
	return nil
}

// foldDigits turns full-width digits and brackets into ASCII and leaves
// every other character alone.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '［':
			return '['
		case r == '］':
			return ']'
		case r == '（':
			return '('
		case r == '）':
			return ')'
		}
		return r
	}, s)
}

// cutPrefix keeps what follows the last word that can precede a number
// prefix in a sentence: 最高人民法院以法发 → 法发.
func cutPrefix(s string) string {
	if i := strings.LastIndexAny(s, prefixCutChars); i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		return s[i+size:]
	}
	return s
}

// docNumberFromHeader finds the first document number stated in a header:
// a bracketed number (劳社部发[2008]3号) or an order (中华人民共和国国务院令第697号).
func docNumberFromHeader(header string) string {
	for _, line := range strings.Split(header, "\n") {
		line = foldWidth(stripLeadingDate(strings.TrimSpace(line)))
		if m := inLineOrderRe.FindStringSubmatch(line); m != nil {
			issuer := m[1]
			serial, ok := ChineseNumber(m[2])
			if !ok {
				continue
			}
			return docNumber{prefix: orderIssuer(issuer), serial: strconv.Itoa(serial), order: true}.String()
		}
		if m := inLineYearNumberRe.FindStringSubmatch(line); m != nil {
			return docNumber{prefix: cutPrefix(m[1]), year: m[2], serial: trimZeros(m[3])}.String()
		}
	}
	return ""
}

// docNumberLines is how many leading non-empty body lines may hold the
// document number of a scraped page; later numbers are citations.
const docNumberLines = 12

// docNumberFromBody finds a line near the top of the body that is nothing
// but a document number (沪府办规〔2023〕5号, optionally labelled or in
// parentheses). Numbers cited inside sentences are ignored.
func docNumberFromBody(body string) string {
	for _, line := range leadingLines(body, docNumberLines) {
		line = docNumberLabelRe.ReplaceAllString(foldWidth(line), "")
		line = strings.TrimSuffix(strings.TrimPrefix(line, "("), ")")
		if n, ok := parseDocNumber(line); ok && (n.order || strings.ContainsAny(line, "〔[(【〖")) {
			return n.String()
		}
	}
	return ""
}
