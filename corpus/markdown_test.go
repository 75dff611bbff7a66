package corpus

import (
	"os"
	"testing"

	"policysearch/internal/testcorpus"
)

// TestReadMarkdownCorpus reads real Markdown files of the three Markdown
// sources and checks what each file states.
func TestReadMarkdownCorpus(t *testing.T) {
	fsys := os.DirFS(testcorpus.Dir(t))
	tests := []struct {
		path string
		want wantDoc
	}{
		{
			path: "lawrefbook-laws/行政法规/上海航运交易所管理规定(1996-10-03).md",
			want: wantDoc{
				Title:     "上海航运交易所管理规定",
				Header:    "1996年10月3日 中华人民共和国交通部令第8号发布",
				BodyStart: "第一章 总则\n\n第一条 为了加强对上海航运交易所的管理",
				BodyNot:   []string{"<!-- INFO END -->", "## ", "# 上海航运交易所管理规定"},
			},
		},
		{
			path: "lawrefbook-laws/部门规章/人力资源社会保障部/关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md",
			want: wantDoc{
				Title:     "关于职工全年月平均工作时间和工资折算问题的通知",
				DocNumber: "劳社部发〔2008〕3号",
				Header:    "劳社部发[2008]3号",
				BodyStart: "各省、自治区、直辖市劳动和社会保障厅（局）：",
				BodyEnd:   "（劳社部发[2000]8号）同时废止。",
			},
		},
		{
			path: "china-law-db/laws/部门规章/互联网药品信息服务管理办法(2004-07-08).md",
			want: wantDoc{
				Title:     "互联网药品信息服务管理办法",
				Published: "2004-07-08",
				Status:    "现行有效",
				Header:    "2004年7月8日 国家食品药品监督管理局令第9号公布",
				BodyStart: "第一条 为加强药品监督管理",
				BodyNot:   []string{"---", "title:", "<!--"},
			},
		},
		{
			path: "china-law-db/laws/法律/宪法相关法/立法法(2015-03-15).md",
			want: wantDoc{
				Title:     "中华人民共和国立法法",
				Published: "2000-03-15",
				Status:    "已废止", // the file says 废止或失效
				BodyEnd:   "第一百零五条 本法自2000年7月1日起施行。",
			},
		},
		{
			// No INFO END marker: the dated line after the title is the header.
			path: "china-law-db/laws/法律/宪法相关法/国家发展规划法(2026).md",
			want: wantDoc{
				Title:     "中华人民共和国国家发展规划法",
				Published: "2026-03-12",
				Status:    "现行有效",
				Agencies:  []string{"全国人民代表大会"},
				Header:    "2026-03-12 公布",
				BodyStart: "第一章　总则\n第一条 为了规范国家发展规划的制定",
			},
		},
		{
			path: "shanghai-gov-docs/docs/房屋与住房/上海市个人建造、翻建、大修自住住房公积金贷款实施细则.md",
			want: wantDoc{
				Title:     "上海市个人建造、翻建、大修自住住房公积金贷款实施细则",
				DocNumber: "沪公积金管委会〔2021〕16号",
				Agencies:  []string{"上海市住房公积金管理委员会"},
				Published: "2022-01-04",
				Level:     "市级",
				Status:    "有效",
				SourceURL: "https://www.shanghai.gov.cn/zhengce/detail/0064::55f6a1e4c3c948cf8dd108f279f96084",
				BodyStart: "第一条（目的和依据）\n\n为了进一步规范本市个人建造",
				BodyEnd:   "上海市住房公积金管理委员会\n\n二○二一年十二月三十一日",
				BodyNot:   []string{"> 本文正文由脚本", "著作权法》第五条", "# 上海市"},
			},
		},
		{
			// One of the 16 files of commit 4d8fe16: page labels and an
			// appended attachment list around the text.
			path: "shanghai-gov-docs/docs/市政与基础设施/上海市住房和城乡建设管理委员会关于批准《城市轨道交通无障碍设施建设技术标准》为上海市工程建设规范的通知.md",
			want: wantDoc{
				Title:     "上海市住房和城乡建设管理委员会关于批准《城市轨道交通无障碍设施建设技术标准》为上海市工程建设规范的通知",
				DocNumber: "沪建标定〔2026〕281 号",
				Agencies:  []string{"上海市住房和城乡建设管理委员会"},
				Published: "2026-08-06",
				Level:     "市级",
				SourceURL: "https://zjw.sh.gov.cn/jsgl/20260806/1c78ad2705f94112bbae5a5baffce442.html",
				BodyStart: "各有关单位：\n由上海申通地铁集团有限公司等单位编制的",
				BodyEnd:   "特此通知。\n2026年6月24日",
				BodyNot:   []string{"索取号", "载体类型", "内容描述", "收藏", "打印本页", "关闭窗口", "附件（官方直链）", ".pdf"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			checkDoc(t, readOne(t, fsys, tt.path), tt.want)
		})
	}
}

// TestSplitFrontMatter covers the front matter forms the corpus uses.
func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in  string
		key, want string
		rest      string
		err       bool
	}{
		{name: "quoted", in: "---\ntitle: \"a: b\"\n---\nbody", key: "title", want: "a: b", rest: "body"},
		{name: "dash means unknown", in: "---\n文号: -\n---\n", key: "文号", want: "", rest: ""},
		{name: "list", in: "---\ntags:\n  - x\n  - y\nstatus: 试行\n---\n# T", key: "status", want: "试行", rest: "# T"},
		{name: "closing at end", in: "---\ntitle: t\n---", key: "title", want: "t", rest: ""},
		{name: "not closed", in: "---\ntitle: t\n# T\n", err: true},
		{name: "bad line", in: "---\njust words\n---\n", err: true},
		{name: "none", in: "# T\n", rest: "# T\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, rest, err := splitFrontMatter(tt.in)
			if tt.err {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rest != tt.rest {
				t.Errorf("rest = %q, want %q", rest, tt.rest)
			}
			if fm != nil && fm.get(tt.key) != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, fm.get(tt.key), tt.want)
			}
		})
	}
}

// TestSplitAgencies splits joint issuers but not a name's bracketed aliases.
func TestSplitAgencies(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"上海市房屋管理局", []string{"上海市房屋管理局"}},
		{"北京市科学技术委员会、中关村科技园区管理委员会", []string{"北京市科学技术委员会", "中关村科技园区管理委员会"}},
		{"财政部；税务总局", []string{"财政部", "税务总局"}},
		{"浦东新区建设和交通委员会（国防动员办公室、人民防空办公室）", []string{"浦东新区建设和交通委员会（国防动员办公室、人民防空办公室）"}},
		{"-", nil},
	}
	for _, tt := range tests {
		if got := splitAgencies(tt.in); !slicesEqual(got, tt.want) {
			t.Errorf("splitAgencies(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// slicesEqual compares string slices, treating nil and empty as equal.
func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
