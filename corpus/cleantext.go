package corpus

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// trimLine trims the spaces a line may carry at either end, including the
// full-width space (U+3000) used for indentation and the no-break space.
func trimLine(s string) string {
	return strings.TrimFunc(s, unicode.IsSpace)
}

// joinLines trims every line, drops leading and trailing blank lines and
// keeps at most one blank line between paragraphs.
func joinLines(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		l = trimLine(l)
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		b.WriteString(l)
		blank = false
	}
	return b.String()
}

// statedDate matches a date as pages and front matter state it, with any
// separator and stray spaces: 2019-04-18, 2019- 04- 18, 2019/4/18,
// 2019年4月18日, or only year and month.
var statedDate = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?`)

// yearOnly matches a bare four-digit year.
var yearOnly = regexp.MustCompile(`^\d{4}$`)

// parseStatedDate returns the first date in s as YYYY-MM-DD (or YYYY-MM,
// or YYYY when only that is stated), or "" when s holds no valid date.
func parseStatedDate(s string) string {
	s = strings.TrimSpace(s)
	if yearOnly.MatchString(s) {
		return s
	}
	m := statedDate.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	// Atoi, not Sscan: Sscan would read "08" as a bad octal number.
	month, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 {
		return ""
	}
	if m[3] == "" {
		return fmt.Sprintf("%s-%02d", m[1], month)
	}
	day, _ := strconv.Atoi(m[3])
	if day < 1 || day > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], month, day)
}

// splitAgencies splits a stated list of issuing bodies on 、，,;； and
// spaces, but never inside brackets, where a body's own name may list its
// other names (浦东新区建设和交通委员会（国防动员办公室、人民防空办公室）).
func splitAgencies(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if a := trimLine(cur.String()); a != "" && a != "-" {
			out = append(out, a)
		}
		cur.Reset()
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune("(（[［【〔", r):
			depth++
		case strings.ContainsRune(")）]］】〕", r):
			depth = max(depth-1, 0)
		case depth == 0 && (strings.ContainsRune("、，,;；", r) || unicode.IsSpace(r)):
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// furnitureWords are the words of page furniture: buttons and widgets that
// web pages put around a document. A line made only of these is dropped.
var furnitureWords = map[string]bool{
	"进入老年模式": true, "退出老年模式": true, "老年模式": true, "无障碍": true,
	"打印": true, "打印本页": true, "打印此页": true, "打印页面": true,
	"关闭": true, "关闭窗口": true, "关闭本页": true, "返回顶部": true,
	"收藏": true, "加入收藏": true, "分享": true, "分享到": true,
	"扫一扫": true, "扫一扫在手机打开当前页": true, "扫一扫在手机上查看当前页面": true,
	"关闭当前页面": true, "下载本信息公开文件": true, "字体": true, "大": true, "中": true, "小": true,
}

// furnitureLabel matches short lines that label page widgets rather than
// text: breadcrumbs, view counters and font-size switches.
var furnitureLabel = regexp.MustCompile(`^(?:当前位置|您所在的位置|您当前的位置|您的位置|你的位置|您现在的位置|当前的位置|浏览次数|访问次数|点击数|点击次数|阅读次数|访问量|字体|字号)\s*[:：]?`)

// isFurnitureLine reports whether a whole line is page furniture.
func isFurnitureLine(line string) bool {
	line = strings.TrimFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == '•' || r == '·' })
	if line == "" || utf8.RuneCountInString(line) > 80 {
		return false
	}
	if furnitureLabel.MatchString(strings.TrimLeft(line, "【[")) {
		return true
	}
	// Compare words without brackets and separators, so that "【打印】",
	// "[ 关闭 ]", "【大 中 小】" and "分享到：" all count.
	words := strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("[]【】|｜/:：", r)
	})
	if len(words) == 0 {
		return false
	}
	// Pages also run buttons together ("打印关闭"): remove every known
	// word and see whether anything is left.
	rest := strings.Join(words, "")
	for _, w := range furnitureByLength {
		rest = strings.ReplaceAll(rest, w, "")
	}
	return rest == "" || rest == "大中小"
}

// furnitureByLength lists furnitureWords longest first, so that a long
// word is removed before a shorter word inside it.
var furnitureByLength = func() []string {
	words := make([]string, 0, len(furnitureWords))
	for w := range furnitureWords {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	return words
}()

// boilerplateMarks are phrases that only a site's footer or frame uses:
// registration numbers, copyright and site-support notes, visitor counters.
var boilerplateMarks = regexp.MustCompile(`ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|技术支持|您是本站第|总访问量|网站地图|建议您?使用.{0,20}浏览器|浏览器版本|分辨率`)

// isBoilerplateLine reports whether a line belongs to a web site's frame
// (its footer) rather than to a document.
func isBoilerplateLine(line string) bool {
	return utf8.RuneCountInString(line) <= 200 && boilerplateMarks.MatchString(line)
}

// dateTimeOnly matches a value that is only a date and time.
var dateTimeOnly = regexp.MustCompile(`^[\d\s\-/.:：年月日时分]*$`)

// otherPageMeta matches a second page meta label later in the line.
var otherPageMeta = regexp.MustCompile(`来源|浏览|点击|阅读|作者|编辑|字体|字号`)

// isPageMetaLine reports whether a line is a web page's meta line
// ("发布时间：2022-07-22 来源：… 浏览次数：…"), which describes the page, not
// the document. A dated line only counts when it holds nothing but the
// date or further meta labels, so that a notice's own "时间：…至…" stays.
func isPageMetaLine(line string) bool {
	line = trimLine(line)
	m := pageMetaLine.FindStringSubmatch(line)
	if m == nil || utf8.RuneCountInString(line) > 80 {
		return false
	}
	rest := line[len(m[0]):]
	if dateLabels[m[1]] {
		return dateTimeOnly.MatchString(rest) || otherPageMeta.MatchString(rest)
	}
	return utf8.RuneCountInString(rest) <= 40
}
