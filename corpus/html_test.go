package corpus

import (
	"os"
	"testing"

	"policysearch/internal/testcorpus"
)

// pagesDir holds the saved web pages of the corpus.
const pagesDir = "cn-realestate-policy-pages/data/raw/webpages/2026/07/"

// htmlFurniture is text of page frames that must not reach a body.
var htmlFurniture = []string{"<script", "function(", "var ", "版权所有", "ICP备", "网站标识码", "首页", "打印", "分享到"}

// TestReadHTMLCorpus reads real saved pages, including GBK and CRLF ones.
func TestReadHTMLCorpus(t *testing.T) {
	fsys := os.DirFS(testcorpus.Dir(t))
	tests := []struct {
		name string
		path string
		want wantDoc
	}{
		{
			name: "beijing info table",
			path: pagesDir + "045d3056380539c514219c6a2e3ed7792895691b8c6d6c478b0ea217029d9cb3.html",
			want: wantDoc{
				Title:     "北京市科学技术委员会、中关村科技园区管理委员会关于印发《北京市科技行政处罚裁量权适用规定》的通知",
				Published: "2026-07-14",
				DocNumber: "京科发〔2026〕10号",
				Agencies:  []string{"北京市科学技术委员会", "中关村科技园区管理委员会"},
				SourceURL: "https://www.beijing.gov.cn/zhengce/zhengcefagui/202607/t20260715_4764203.html",
				BodyStart: "京科发〔2026〕10号\n各相关单位：\n为规范本市科技行政处罚裁量权的行使",
				BodyEnd:   "《北京市科技行政处罚裁量权适用规定》（京科发〔2021〕78号）同时废止。",
				BodyNot:   append([]string{"首都之窗", "北京市人民政府门户网站"}, htmlFurniture...),
			},
		},
		{
			name: "foshan meta tags",
			path: pagesDir + "003dcd8456354f3510ff471b4e847d370d4eefd1648f97a8df5588fcc27d8e66.html",
			want: wantDoc{
				Title:     "《关于进一步完善人才住房政策的补充通知》操作指引",
				Published: "2019-12-04",
				SourceURL: "http://fszj.foshan.gov.cn/zwgk/txgg/content/post_3253392.html",
				BodyStart: "为落实《佛山市人力资源和社会保障局 佛山市住房和城乡建设局关于进一步完善人才住房政策的补充通知》要求",
				BodyNot:   htmlFurniture,
			},
		},
		{
			name: "gb2312 page",
			path: pagesDir + "45b31dbbc228bd5f4dae20a158a46bec341aa85f6c6d15e5e71b3f5d1186f4e0.html",
			want: wantDoc{
				Title:     "印发《关于促进安化县房地产市场平稳健康发展的若干政策措施》的通知",
				Published: "2022-10-12",
				DocNumber: "安政办发〔2022〕20号",
				SourceURL: "http://www.anhua.gov.cn/16/39/43/content_1663341.html",
				BodyHas:   []string{"安政办发〔2022〕20号", "安化县人民政府办公室"},
				BodyEnd:   "本政策措施自2022年6月1日起实行，有效期至2023年12月31日止。",
				BodyNot:   append([]string{"\ufffd"}, htmlFurniture...),
			},
		},
		{
			// GBK bytes under two declarations (GBK, then utf-8), and a
			// generic <title> over the document's <h1>.
			name: "gbk page declared utf-8 too",
			path: pagesDir + "dca6ed22c3a27c72a64bd573ff2ca2258f6cb0d78ba103f176af028bd748da6b.html",
			want: wantDoc{
				Title:     "关于支持房地产业良性循环和健康发展的十条政策措施",
				Published: "2022-07-15",
				SourceURL: "http://www.chengan.gov.cn/zfxxgk/view.jsp?id=19259&xxfl=null",
				BodyHas:   []string{"一、统筹疫情防控和支持合理购房需求。"},
				BodyNot:   append([]string{"\ufffd", "主题分类"}, htmlFurniture...),
			},
		},
		{
			// The only page with CRLF and lone CR line endings; its text is
			// an image, so the body is the headline the page shows.
			name: "crlf page",
			path: pagesDir + "6bb0487fbbda0b635cdc28f6a8903ba193f679048cee243a1e3b3435295c942e.html",
			want: wantDoc{
				SourceURL: "http://dzgjj.dezhou.gov.cn/n4690142/c88035816/content.html",
				BodyHas:   []string{"德州市住房公积金管理委员会办公室关于调整住房公积金贷款政策的通知"},
				BodyNot:   []string{"版权所有", "ICP备", "来源：", "您所在的位置"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDoc(t, readOne(t, fsys, tt.path), tt.want)
		})
	}
}

// TestReadHTMLFixture reads a generated GBK page with a sidecar.
func TestReadHTMLFixture(t *testing.T) {
	doc := readOne(t, os.DirFS("testdata"), "gbk.html")
	checkDoc(t, doc, wantDoc{
		Title:     "关于调整住房公积金贷款政策的通知",
		Published: "2023-05-06",
		DocNumber: "示公积金〔2023〕5号",
		Agencies:  []string{"示例市住房公积金管理委员会"},
		SourceURL: "https://gjj.example.gov.cn/tzgg/a.html",
		BodyStart: "各缴存单位、缴存职工：\n为支持缴存职工合理住房需求",
		BodyEnd:   "示例市住房公积金管理委员会\n2023年5月6日",
		BodyNot:   []string{"首页", "通知公告", "政策法规", "menu", "color:red", "分享到", "打印", "版权所有", "ICP"},
	})
}

// TestStripSiteName removes site names from page titles.
func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"关于xx的通知_首都之窗_北京市人民政府门户网站", "", "关于xx的通知"},
		{"高阳县人民政府关于加强房地产市场管控的意见--高阳县人民政府网站", "", "高阳县人民政府关于加强房地产市场管控的意见"},
		{"2021-2025年规划 - 示例市人民政府", "示例市人民政府", "2021-2025年规划"},
		{"南京市住房保障和房产局", "南京市住房保障和房产局", ""},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
