package corpus

import (
	"regexp"
	"strings"
)

// lawBranches are the lawrefbook / china-law-db folders that hold national
// laws sorted by branch of law; all of them are 法律 in the project's
// vocabulary (宪法 keeps its own category).
var lawBranches = map[string]bool{
	"宪法相关法": true, "民法典": true, "民法商法": true, "行政法": true, "经济法": true,
	"社会法": true, "刑法": true, "诉讼与非诉讼程序法": true, "法律": true,
}

// vocabulary is the set of category names the project uses as they are.
var vocabulary = map[string]bool{
	"宪法": true, "法律": true, "行政法规": true, "部门规章": true, "司法解释": true,
	"地方性法规": true, "地方政府规章": true, "规范性文件": true, "政府工作报告": true,
	"案例": true, "其他": true,
}

// nationalCategories are the categories that apply to the whole country.
var nationalCategories = map[string]bool{
	"宪法": true, "法律": true, "行政法规": true, "部门规章": true, "司法解释": true,
	"政府工作报告": true,
}

// ministryRe recognizes a ministry name used as a category (公安部, 市场监督管理总局).
var ministryRe = regexp.MustCompile(`(?:部|总局|局|署|委员会)$`)

// categoryOf derives the category from the corpus folder a document sits in,
// falling back to the category its reader took from front matter.
func categoryOf(doc *Document) string {
	parts := strings.Split(doc.Path, "/")
	sub := ""
	switch {
	case len(parts) > 2 && parts[0] == "lawrefbook-laws":
		sub = parts[1]
		if sub == "DLC" {
			return "地方性法规"
		}
	case len(parts) > 3 && parts[0] == "china-law-db" && parts[1] == "laws":
		sub = parts[2]
	case parts[0] == "shanghai-gov-docs":
		return "规范性文件"
	case parts[0] == "chinese-political-corpora" && strings.Contains(doc.Title, "政府工作报告"):
		return "政府工作报告"
	}
	if c := mapCategory(sub); c != "" {
		return c
	}
	return mapCategory(doc.Category)
}

// mapCategory maps a folder or front-matter category to the project's
// vocabulary: law branches (行政法, 法律/行政法) are 法律, ministry names
// are 部门规章. Unknown names are kept as stated.
func mapCategory(c string) string {
	c = strings.TrimSpace(c)
	if i := strings.Index(c, "/"); i >= 0 {
		c = c[:i] // 法律/行政法 → 法律
	}
	switch {
	case c == "":
		return ""
	case lawBranches[c]:
		return "法律"
	case vocabulary[c]:
		return c
	case ministryRe.MatchString(c):
		return "部门规章"
	}
	return c
}

// provinces are the full official names of China's provincial-level divisions.
var provinces = []string{
	"北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省",
	"黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
	"湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
	"甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
	"宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
}

// provinceByShortName finds the full name for a short one (上海 → 上海市).
func provinceByShortName(short string) string {
	for _, p := range provinces {
		if strings.HasPrefix(p, short) && short != "" {
			return p
		}
	}
	return ""
}

var (
	// cityRe is a prefecture-level city opening a name: 佛山市住房和城乡建设局.
	// At least two characters before 市 keep 市场监督管理局 and 城市… out.
	cityRe = regexp.MustCompile(`^(\p{Han}{2,3}?市)`)
	// districtRe is a district or county right after its city: 上海市嘉定区….
	districtRe = regexp.MustCompile(`^(\p{Han}{1,4}?(?:县区|新区|区|县|旗))`)
)

// regionFromName reads the place an agency name or title opens with:
// 上海市嘉定区人民政府 → 上海市嘉定区, 佛山市住房和城乡建设局 → 佛山市,
// 海南省住房和城乡建设厅 → 海南省. It returns "" when the name names no place.
func regionFromName(name string) string {
	name = strings.TrimSpace(name)
	region := ""
	for _, p := range provinces {
		if strings.HasPrefix(name, p) {
			region, name = p, strings.TrimPrefix(name, p)
			break
		}
	}
	if !strings.HasSuffix(region, "市") { // provinces contain cities; municipalities do not
		if m := cityRe.FindStringSubmatch(name); m != nil {
			region, name = region+m[1], strings.TrimPrefix(name, m[1])
		}
	}
	if region == "" {
		return ""
	}
	if m := districtRe.FindStringSubmatch(name); m != nil {
		region += m[1]
	}
	return region
}

// regionOf derives the region: 全国 for national categories, the province of
// a DLC local regulation's folder, 上海市 (or its district) for Shanghai
// notices, else the place the agencies or title name.
func regionOf(doc *Document) string {
	parts := strings.Split(doc.Path, "/")
	switch {
	case nationalCategories[doc.Category]:
		return "全国"
	case len(parts) > 2 && parts[0] == "lawrefbook-laws" && parts[1] == "DLC":
		// The folder names the province: DLC/上海地方法规/….
		return provinceByShortName(strings.TrimSuffix(parts[2], "地方法规"))
	case parts[0] == "shanghai-gov-docs":
		for _, a := range doc.Agencies {
			if r := regionFromName(a); strings.HasPrefix(r, "上海市") {
				return r
			}
		}
		return "上海市"
	}
	for _, a := range doc.Agencies {
		if r := regionFromName(a); r != "" {
			return r
		}
	}
	return regionFromName(doc.Title)
}

// levelOf derives the administrative level where the document states it:
// 国家 for national categories; for local regulations, 省级 or 市级 from
// the legislature that passed them.
func levelOf(doc *Document) string {
	if nationalCategories[doc.Category] {
		return "国家"
	}
	if doc.Category != "地方性法规" {
		return ""
	}
	for _, a := range doc.Agencies {
		for _, p := range provinces {
			if a == p+"人民代表大会常务委员会" || a == p+"人民代表大会" {
				return "省级"
			}
		}
		if strings.Contains(a, "市人民代表大会") {
			return "市级"
		}
	}
	return ""
}
