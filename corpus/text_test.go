package corpus

import (
	"os"
	"testing"

	"policysearch/internal/testcorpus"
)

// seedFurniture is the navigation and widget text of scraped pages.
var seedFurniture = []string{"进入老年模式", "退出老年模式", "当前位置", "新闻资讯", "浏览次数", "字体", "日期:", "来源:", "打印", "关闭", "分享到", "扫一扫", "【大"}

// TestReadTextSeed reads the scraped news page of the corpus.
func TestReadTextSeed(t *testing.T) {
	fsys := os.DirFS(testcorpus.Dir(t))
	doc := readOne(t, fsys, "seed/linhai-talent-2019-04-18.txt")
	checkDoc(t, doc, wantDoc{
		Title:     "梅式苗在市委人才工作领导小组会议上强调: 全力打造人才生态最优市 为高质量建设活力品质幸福临海提供强有力智力支撑",
		Published: "2019-04-18",
		BodyStart: "昨日上午,市委人才工作领导小组会议在市行政大楼9楼会议室召开。",
		BodyEnd:   "临海经济技术开发区分别就人才相关工作做了汇报。",
		BodyHas:   []string{"市委副书记、市长王丹要求", "会议讨论了人才工作相关文件和方案"},
		BodyNot:   seedFurniture,
	})
	if len(doc.Agencies) > 0 && doc.Agencies[0] == "临海新闻传媒集团" {
		t.Errorf("the news source became an agency: %q", doc.Agencies)
	}
}

// TestReadTextFixtures reads a noisier scraped page and plain text.
func TestReadTextFixtures(t *testing.T) {
	fsys := os.DirFS("testdata")
	tests := []struct {
		path string
		want wantDoc
	}{
		{"scraped.txt", wantDoc{
			Title:     "关于开展2024年高层次人才认定工作的通知",
			Published: "2024-03-05",
			BodyStart: "各有关单位：\n\n现就2024年高层次人才认定工作通知如下。",
			BodyEnd:   "一、认定对象为在本市工作的各类人才。",
			BodyNot:   seedFurniture,
		}},
		{"plain.txt", wantDoc{Title: "一份普通文本", BodyStart: "第一段。\n\n第二段。", BodyEnd: "第二段。"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			checkDoc(t, readOne(t, fsys, tt.path), tt.want)
		})
	}
}

// TestParseStatedDate covers the date forms files state.
func TestParseStatedDate(t *testing.T) {
	tests := map[string]string{
		"2019- 04- 18 08: 17": "2019-04-18",
		"2023-08-06":          "2023-08-06",
		"2019年4月8日":           "2019-04-08",
		"2025-09":             "2025-09",
		"2001":                "2001",
		"-":                   "",
		"2019-13-01":          "",
	}
	for in, want := range tests {
		if got := parseStatedDate(in); got != want {
			t.Errorf("parseStatedDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIsFurnitureLine separates page widgets from text.
func TestIsFurnitureLine(t *testing.T) {
	tests := map[string]bool{
		"进入老年模式 退出老年模式":     true,
		"打印 关闭":             true,
		"打印关闭":              true,
		"【大 中 小】":           true,
		"当前位置:首页":           true,
		"  • 浏览次数:":         true,
		"【打印】 【关闭】":         true,
		"分享到：":              true,
		"第一条 为了规范打印业务。":     false,
		"关闭违规网站的工作由市网信办负责。": false,
		"": false,
	}
	for in, want := range tests {
		if got := isFurnitureLine(in); got != want {
			t.Errorf("isFurnitureLine(%q) = %v, want %v", in, got, want)
		}
	}
}
