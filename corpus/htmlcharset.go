package corpus

import (
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// metaCharset finds a charset declared in a page's <meta charset> or
// <meta http-equiv="Content-Type" content="…; charset=…"> tag.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// charsetSniffLen is how much of a page is searched for <meta> charsets;
// some pages declare theirs after long inline scripts.
const charsetSniffLen = 64 << 10

// decodeHTML returns a page's text as UTF-8. A BOM decides first. A page
// whose bytes are valid UTF-8 is UTF-8 whatever it declares (several pages
// declare gb2312 in a stale second meta tag but are UTF-8). Otherwise the
// charsets declared by the HTTP header (contentType, from the sidecar) and
// by the page are tried in that order, then GB18030; GBK and GB2312 are
// decoded as GB18030, their superset. Bytes that fit no candidate are an
// error, never replaced.
func decodeHTML(data []byte, contentType string) (string, error) {
	if s, ok, err := decodeBOM(data); ok || err != nil {
		return s, err
	}
	if err := checkBinary(data); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return normalizeNewlines(string(data)), nil
	}
	var labels []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		// Some servers send a list, as "utf-8,gbk".
		labels = append(labels, strings.Split(params["charset"], ",")...)
	}
	for _, m := range metaCharset.FindAllSubmatch(data[:min(len(data), charsetSniffLen)], -1) {
		labels = append(labels, string(m[1]))
	}
	var declared []encoding.Encoding
	for _, l := range labels {
		if enc := lookupCharset(l); enc != nil {
			declared = append(declared, enc)
		}
	}
	return decodeNonUTF8(data, declared)
}

// lookupCharset maps a charset label to its decoder, or nil when the label
// is unknown or means UTF-8 (already ruled out).
func lookupCharset(label string) encoding.Encoding {
	enc, name := charset.Lookup(strings.TrimSpace(label))
	switch {
	case enc == nil || name == "utf-8":
		return nil
	case name == "gbk" || name == "gb18030":
		return simplifiedchinese.GB18030
	}
	return enc
}
