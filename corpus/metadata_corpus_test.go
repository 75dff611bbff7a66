package corpus

import (
	"os"
	"strings"
	"testing"

	"policysearch/internal/testcorpus"
)

// TestEnrichRealFiles reads real files of every source folder and checks
// the metadata enrich derives, and the first and last clause labels.
func TestEnrichRealFiles(t *testing.T) {
	dir := testcorpus.Dir(t)
	fsys := os.DirFS(dir)
	const re = "cn-realestate-policy-pages/data/raw/webpages/2026/07/"
	tests := []struct {
		path                                  string
		title, docNumber, agencies, published string
		status, category, docType, region     string
		firstClause, lastClause               string
	}{
		// National laws, regulations, rules and interpretations (lawrefbook-laws).
		{"lawrefbook-laws/行政法规/专利法实施细则(2023-12-11).md", "中华人民共和国专利法实施细则", "国务院令第306号", "国务院", "2023-12-11", "", "行政法规", "细则", "全国", "第一章", "第一百四十九条"},
		{"lawrefbook-laws/行政法规/快递暂行条例(2019-03-02).md", "快递暂行条例", "国务院令第697号", "国务院", "2019-03-02", "", "行政法规", "条例", "全国", "第一章", "第四十八条"},
		{"lawrefbook-laws/行政法规/教师资格条例(1995-12-12).md", "教师资格条例", "国务院令第188号", "国务院", "1995-12-12", "", "行政法规", "条例", "全国", "第一章", "第二十三条"},
		{"lawrefbook-laws/行政法规/国家机关、事业单位贯彻《国务院关于职工工作时间的规定》的实施办法(1995-05-01).md", "国家机关、事业单位贯彻《国务院关于职工工作时间的规定》的实施办法", "人薪发〔1995〕32号", "", "1995-05-01", "", "行政法规", "办法", "全国", "第一条", "第十二条"},
		{"lawrefbook-laws/宪法相关法/专属经济区和大陆架法(1998-06-26).md", "中华人民共和国专属经济区和大陆架法", "", "全国人民代表大会常务委员会", "1998-06-26", "", "法律", "法", "全国", "第一条", "第十六条"},
		{"lawrefbook-laws/宪法相关法/澳门特别行政区基本法(1993-03-31).md", "中华人民共和国澳门特别行政区基本法", "主席令第3号", "全国人民代表大会", "1993-03-31", "", "法律", "法", "全国", "", "第一百四十五条"},
		{"lawrefbook-laws/社会法/社会保险法(2018-12-29).md", "中华人民共和国社会保险法", "", "全国人民代表大会常务委员会", "2018-12-29", "", "法律", "法", "全国", "第一章", "第九十八条"},
		{"lawrefbook-laws/民法典/物权编.md", "中华人民共和国民法典", "", "全国人民代表大会", "2020-05-28", "", "法律", "法", "全国", "第一分编", "第四百六十二条"},
		{"lawrefbook-laws/诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md", "中华人民共和国民事诉讼法", "", "全国人民代表大会", "2021-12-24", "", "法律", "法", "全国", "第一编", "第二百九十一条"},
		{"lawrefbook-laws/刑法/刑法修正案（八）.md", "中华人民共和国刑法修正案（八）", "", "全国人民代表大会常务委员会", "2011-02-25", "", "法律", "修正案", "全国", "一、", "五十、"},
		{"lawrefbook-laws/宪法/宪法修正案（1988年）.md", "中华人民共和国宪法修正案（1988年）", "", "全国人民代表大会", "1988-04-12", "", "宪法", "修正案", "全国", "第一条", "第二条"},
		{"lawrefbook-laws/部门规章/人力资源社会保障部/关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md", "关于职工全年月平均工作时间和工资折算问题的通知", "劳社部发〔2008〕3号", "", "2009-03-29", "", "部门规章", "通知", "全国", "", "二、"},
		{"lawrefbook-laws/部门规章/人力资源社会保障部/企业职工带薪年休假实施办法(2008-07-17).md", "企业职工带薪年休假实施办法", "", "人力资源和社会保障部", "2008-07-17", "", "部门规章", "办法", "全国", "第一条", "第十九条"},
		{"lawrefbook-laws/部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md", "公安机关办理行政案件程序规定", "公安部令第125号", "公安部", "2019-04-27", "", "部门规章", "规定", "全国", "第一章", "第二百六十六条"},
		{"lawrefbook-laws/部门规章/市场监督管理总局/医疗机构制剂配制质量管理规范（试行）(2001-03-13).md", "医疗机构制剂配制质量管理规范（试行）", "国家食品药品监督管理局令第27号", "国家食品药品监督管理局", "2001-03-13", "试行", "部门规章", "规范", "全国", "第一章", "第六十八条"},
		{"lawrefbook-laws/司法解释/人民检察院刑事诉讼规则(2019-12-02).md", "人民检察院刑事诉讼规则", "", "最高人民检察院", "2019-12-02", "", "司法解释", "规则", "全国", "第一章", "第六百八十四条"},
		{"lawrefbook-laws/司法解释/最高人民法院关于审理涉外民商事案件适用国际条约和国际惯例若干问题的解释(2023-12-28).md", "最高人民法院关于审理涉外民商事案件适用国际条约和国际惯例若干问题的解释", "法释〔2023〕15号", "最高人民法院", "2023-12-28", "", "司法解释", "解释", "全国", "", "第九条"},
		{"lawrefbook-laws/案例/劳动人事/加班费的仲裁时效应当如何认定.md", "加班费的仲裁时效应当如何认定", "", "", "", "", "案例", "", "", "", ""},
		{"lawrefbook-laws/其他/人体损伤程度鉴定标准(2014-01-01).md", "人体损伤程度鉴定标准", "", "", "2014-01-01", "", "其他", "标准", "", "", ""},
		// Local regulations (DLC).
		{"lawrefbook-laws/DLC/上海地方法规/地方性法规/上海/上海口岸服务条例(2020-05-14).md", "上海口岸服务条例", "", "上海市人民代表大会常务委员会", "2020-05-14", "", "地方性法规", "条例", "上海市", "第一章", "第三十一条"},
		{"lawrefbook-laws/DLC/山东地方法规/地方性法规/山东/山东省信访条例(2015-09-24).md", "山东省信访条例", "", "山东省人民代表大会常务委员会", "2015-09-24", "", "地方性法规", "条例", "山东省", "第一章", "第六十八条"},
		// china-law-db: front matter plus the same body layout.
		{"china-law-db/laws/行政法规/政府信息公开条例(2019-04-03).md", "中华人民共和国政府信息公开条例", "国务院令第492号", "国务院", "2007-04-05", "现行有效", "行政法规", "条例", "全国", "第一章", "第五十六条"},
		{"china-law-db/laws/法律/宪法相关法/国徽法(2020-10-17).md", "中华人民共和国国徽法", "", "全国人民代表大会常务委员会", "1991-03-02", "现行有效", "法律", "法", "全国", "第一条", "第十九条"},
		{"china-law-db/laws/司法解释/人民检察院刑事诉讼规则（试行）(2012-11-22).md", "人民检察院刑事诉讼规则（试行）", "", "最高人民检察院", "1997-01-15", "试行", "司法解释", "规则", "全国", "第一章", "第七百零八条"},
		{"china-law-db/laws/部门规章/公民举报危害国家安全行为奖励办法(2022-06-06).md", "公民举报危害国家安全行为奖励办法", "国家安全部令第2号", "国家安全部", "2022-06-06", "现行有效", "部门规章", "办法", "全国", "第一章", "第二十四条"},
		{"china-law-db/laws/民法典/物权编.md", "中华人民共和国民法典", "", "全国人民代表大会", "2020-05-28", "现行有效", "法律", "法", "全国", "第一分编", "第四百六十二条"},
		// Scraped page, Shanghai notices, saved web pages.
		{"seed/linhai-talent-2019-04-18.txt", "梅式苗在市委人才工作领导小组会议上强调: 全力打造人才生态最优市 为高质量建设活力品质幸福临海提供强有力智力支撑", "", "", "2019-04-18", "", "", "", "", "", ""},
		{"shanghai-gov-docs/docs/工程建设管理/2026年静安区打造出海服务平台专项资金申报指南（第一批）.md", "2026年静安区打造出海服务平台专项资金申报指南（第一批）", "", "上海市静安区发展和改革委员会", "2026-04-23", "有效", "规范性文件", "指南", "上海市静安区", "", "5．"},
		{"shanghai-gov-docs/docs/建筑垃圾与材料/关于规范本市工程渣土（泥浆）消纳场所管理的通知.md", "关于规范本市工程渣土（泥浆）消纳场所管理的通知", "沪绿容规〔2024〕6号", "上海市绿化和市容管理局", "2024-12-23", "有效", "规范性文件", "通知", "上海市", "", "3."},
		{"shanghai-gov-docs/docs/工程建设管理/上海市发展和改革委员会 上海市民政局关于我市生态安葬服务收费有关事项的通知.md", "上海市发展和改革委员会 上海市民政局关于我市生态安葬服务收费有关事项的通知", "沪发改价调〔2025〕54号", "上海市发展和改革委员会,上海市民政局", "2025-10-11", "有效", "规范性文件", "通知", "上海市", "", "三、"},
		{re + "135dc87d67ee8758feca9a37210b194277c71dc5288ffe761f4f03eb313e998c.html", "福州市人民政府办公厅关于进一步促进房地产市场平稳健康发展的补充通知", "榕政办〔2016〕186号", "福州市人民政府办公厅", "2016-10-06", "", "", "通知", "福州市", "", "三、"},
		{re + "1b08154c7a729274d1180f76be822140a6d69ca68f18c289caceaf0110f83be4.html", "三明市沙县区人民政府关于印发沙县区进一步稳定房地产市场的若干措施的通知", "沙政规〔2022〕3号", "区政府", "2022-09-21", "", "", "通知", "三明市沙县区", "", "四、"},
		{re + "1b8f6f57a5e90c62318cf2af966f20754f8841d16ce0de55f7957b793c836ac1.html", "广东省人民政府办公厅关于印发广东省进一步提振和扩大消费若干措施的通知", "粤办函〔2023〕305号", "广东省人民政府办公厅", "2023-11-24", "", "", "通知", "广东省", "", "（二十七）"},
		{re + "1c23f92c67fcc030068848f0ecba835bce35e1f2c76a7dc9b056304f342eaa93.html", "北京市教育委员会关于印发《北京市属高校基本建设管理办法》的通知", "京教建〔2026〕22号", "北京市教育委员会", "2026-07-20", "", "", "通知", "北京市", "", "第四十二条"},
		{re + "1f7ad8061216e6aec149970ced00ea145e64e00e02eaa391720102acadead6f9.html", "常州市户籍准入和迁移管理规定", "", "常州市人民政府", "2014-06-06", "", "", "规定", "常州市", "", "第十九条"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			docs, err := ReadFile(fsys, tt.path, Options{})
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			d := docs[0]
			got := []string{d.Title, d.DocNumber, strings.Join(d.Agencies, ","), d.Published, d.Status, d.Category, d.DocType, d.Region}
			want := []string{tt.title, tt.docNumber, tt.agencies, tt.published, tt.status, tt.category, tt.docType, tt.region}
			names := []string{"title", "doc_number", "agencies", "published", "status", "category", "doc_type", "region"}
			for i := range names {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", names[i], got[i], want[i])
				}
			}
			if len(d.Clauses) == 0 {
				t.Fatal("no clauses")
			}
			first, last := d.Clauses[0].Label, d.Clauses[len(d.Clauses)-1].Label
			if first != tt.firstClause || last != tt.lastClause {
				t.Errorf("first, last clause = %q, %q; want %q, %q", first, last, tt.firstClause, tt.lastClause)
			}
			checkClauseOffsets(t, d.Body, d.Clauses)
		})
	}
}

// TestEnrichGovernmentReports checks records of the JSON Lines report file.
func TestEnrichGovernmentReports(t *testing.T) {
	dir := testcorpus.Dir(t)
	docs, err := ReadFile(os.DirFS(dir), "chinese-political-corpora/government_work_reports.jsonl", Options{})
	if err != nil && len(docs) == 0 {
		t.Fatalf("ReadFile: %v", err)
	}
	for _, d := range docs {
		switch {
		case strings.HasSuffix(d.Title, "政府工作报告") || strings.HasSuffix(d.Title, "政府工作报告（摘要）"):
			if d.Category != "政府工作报告" || d.DocType != "报告" || strings.Join(d.Agencies, ",") != "国务院" || d.Region != "全国" {
				t.Errorf("%s: category %q doc type %q agencies %q region %q", d.Title, d.Category, d.DocType, d.Agencies, d.Region)
			}
		case strings.HasSuffix(d.Title, "关于政府工作报告的决议"):
			if d.DocType != "决议" || strings.Join(d.Agencies, ",") != "全国人民代表大会" {
				t.Errorf("%s: doc type %q agencies %q", d.Title, d.DocType, d.Agencies)
			}
		}
		if len(d.Clauses) == 0 {
			t.Errorf("%s: no clauses", d.Title)
		}
	}
}
