package engine

import (
	"context"
	"testing"
	"testing/fstest"
)

// TestDocumentNumberRanksItsDocumentThenCiters searches a document number,
// in simplified or traditional characters: the document that has it comes
// first, then the one citing it, and only then a document that shares its
// words (the same issuer, year and serial, even repeated) without citing it.
func TestDocumentNumberRanksItsDocumentThenCiters(t *testing.T) {
	md := markdownDoc
	ix := openCorpus(t, fstest.MapFS{
		"own.md": md("国务院关于推进就业工作的意见", "国发〔2019〕5号", "各省、自治区、直辖市人民政府：就业是最大的民生。"),
		"cites.md": md("示例市推进就业工作实施方案", "示例府发〔2020〕1号",
			"为贯彻落实《国务院关于推进就业工作的意见》（国发[2019]5号），结合本市实际，制定本方案。"),
		"shares.md": md("示例市2019年工作要点", "示例府发〔2019〕2号",
			"2019年，落实国发〔2016〕5号、国发〔2019〕8号和国发〔2018〕5号文件，2019年完成5项任务，5个号召。"),
	})

	for _, q := range []string{"国发〔2019〕5号", "国发(2019)5号", "国发2019年5号", "國發〔２０１９〕５號"} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Path)
		}
		if len(got) < 3 || got[0] != "own.md" || got[1] != "cites.md" || got[2] != "shares.md" {
			t.Errorf("%s: hits %v, want own.md, cites.md, shares.md", q, got)
		}
	}
}
