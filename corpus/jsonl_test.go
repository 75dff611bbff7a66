package corpus

import (
	"errors"
	"os"
	"testing"

	"policysearch/internal/testcorpus"
)

// TestReadJSONLinesCorpus reads the government work reports: one document
// per line, with the line number in the path.
func TestReadJSONLinesCorpus(t *testing.T) {
	fsys := os.DirFS(testcorpus.Dir(t))
	const path = "chinese-political-corpora/government_work_reports.jsonl"
	docs, err := ReadFile(fsys, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 72 {
		t.Fatalf("%d documents, want 72", len(docs))
	}
	report, resolution := docs[0], docs[1]
	if report.Path != path+"#1" || resolution.Path != path+"#2" {
		t.Errorf("paths = %q, %q", report.Path, resolution.Path)
	}
	checkDoc(t, report, wantDoc{
		Title:     "2025年中华人民共和国国务院政府工作报告",
		Published: "2025",
		SourceURL: "https://zh.wikisource.org/wiki/2025%E5%B9%B4%E4%B8%AD%E5%8D%8E%E4%BA%BA%E6%B0%91%E5%85%B1%E5%92%8C%E5%9B%BD%E5%9B%BD%E5%8A%A1%E9%99%A2%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A",
		BodyStart: "各位代表：\n\n现在，我代表国务院，向大会报告政府工作",
		BodyEnd:   "为以中国式现代化全面推进强国建设、民族复兴伟业不懈奋斗！",
		BodyNot:   []string{"Public domain", "本作品是中华人民共和国的"},
	})
	if report.Category != "政府工作报告" {
		t.Errorf("report Category = %q", report.Category)
	}
	checkDoc(t, resolution, wantDoc{
		Title: "第十四届全国人民代表大会第三次会议关于政府工作报告的决议",
		// The link to the report broke this sentence over three lines.
		BodyStart: "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的政府工作报告。",
		BodyNot:   []string{"Public domain"},
	})
	if resolution.Published != "" {
		t.Errorf("resolution Published = %q, want empty (year is null)", resolution.Published)
	}
}

// TestReadJSONLinesPartial keeps the good records of a file whose last
// line was cut, and names the bad line.
func TestReadJSONLinesPartial(t *testing.T) {
	docs, err := ReadFile(os.DirFS("testdata"), "truncated.jsonl", Options{})
	var pe *PartialError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want *PartialError", err)
	}
	if len(pe.Bad) != 1 || pe.Bad[0].Line != 3 {
		t.Errorf("bad records = %+v, want line 3", pe.Bad)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want the 2 good ones", len(docs))
	}
	checkDoc(t, docs[0], wantDoc{Title: "2001年政府工作报告", Published: "2001", SourceURL: "https://example.org/r",
		BodyStart: "各位代表：\n\n现在我代表国务院作报告。"})
	if docs[0].Path != "truncated.jsonl#1" || docs[1].Path != "truncated.jsonl#2" {
		t.Errorf("paths = %q, %q", docs[0].Path, docs[1].Path)
	}
	if docs[1].Category != "" {
		t.Errorf("resolution Category = %q, want empty", docs[1].Category)
	}
}
