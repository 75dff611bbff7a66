package analysis

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// trickyTexts are inputs beyond the corpus that exercise the unit splitting,
// folding and offset mapping: mixed scripts, full-width and traditional
// forms, invalid UTF-8, characters outside the Basic Multilingual Plane.
var trickyTexts = []string{
	"", "a", "A", "中", "，", "\xff", "\xff\xfe", "a\xffb", "中\xff国",
	"ＡＢＣ１２３ａｂｃ", "ABC123abc", "3D打印", "3d打印机", "b超检查", "KTV包厢",
	"αβγ希腊字母ΑΒΓ", "кириллица и латиница", "café résumé naïve",
	"①②③", "²³¹½", "İSTANBUL ǅ ﾊﾟ", "𠀀𠀁𫫇二噁英", "二噁英排放標準",
	"戶籍管理條例　第３條", "乾燥的乾隆", "Ⅳ号Ⅻ", "x²+y²=z²",
	"tab\tnew\nline\r\n", "  leading and trailing  ", "😀表情符号😀",
	"１２３４５６７８９０", "２０２３年１２月", "No.1234-5678", "http://www.gov.cn/zhengce/content/2019-01/17/content_5358604.htm",
	strings.Repeat("中华人民共和国", 50), strings.Repeat("a", 300), strings.Repeat("1", 70000),
}

// queryTexts are query-like inputs: short words and phrases as typed into
// the search box.
var queryTexts = []string{
	"社保", "税", "公积金提取", "个人所得税", "个税专项附加扣除", "人才引进", "落户", "户籍",
	"住房公积金", "保障性租赁住房", "公租房", "高企", "国办", "营商环境", "LPR", "lpr利率",
	"HPV疫苗", "京政发〔2019〕5号", "2019年", "第十五条", "暂行条例", "人力资源市场暂行条例",
	"新能源汽车补贴", "小微企业减税降费", "疫情防控", "医保报销比例", "失业保险金",
	"\"人才引进\" 落户", "社保 OR 医保", "上海市", "深圳 人才", "养老保险缴费基数",
}

// compareWithReference checks that Tokens and Words give exactly the tokens
// of the first implementation on text, and TokensAndNorm the same tokens and
// the normalized text.
func compareWithReference(t *testing.T, name, text string) {
	t.Helper()
	seg := Segmenter()
	if tokens, norm := TokensAndNorm(text); norm != Normalize(text) || len(tokens) != len(Tokens(text)) {
		t.Errorf("%s: TokensAndNorm differs from Tokens and Normalize", name)
	}
	for _, sub := range []bool{true, false} {
		got, want := Words(text), refAnalyze(seg, text, sub)
		if sub {
			got = Tokens(text)
		}
		if len(got) != len(want) {
			t.Errorf("%s (subwords %v): %d tokens, reference %d%s", name, sub, len(got), len(want), firstDiff(got, want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s (subwords %v): token %d is %.200v, reference %.200v", name, sub, i, fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i]))
				break
			}
		}
	}
}

// compareStreamWithReference checks that the bleve tokenizer gives exactly
// the tokens of the first implementation on text.
func compareStreamWithReference(t *testing.T, name, text string) {
	t.Helper()
	input := []byte(text)
	stream := Tokenizer{}.Tokenize(input)
	want := refAnalyze(Segmenter(), text, true)
	if len(stream) != len(want) {
		t.Errorf("%s: bleve stream has %d tokens, reference %d", name, len(stream), len(want))
		return
	}
	for i, tok := range stream {
		w := want[i]
		if string(tok.Term) != w.Term || tok.Start != w.Start || tok.End != w.End || tok.Position != w.Position ||
			tok.Type != refTokenType(w.Term) || cap(tok.Term) != len(tok.Term) {
			t.Errorf("%s: stream token %d is %v, reference %+v", name, i, tok, w)
			return
		}
	}
}

func TestStreamEquivalence(t *testing.T) {
	texts := testTexts(t, 25)
	for _, text := range texts {
		compareStreamWithReference(t, fmt.Sprintf("%.40q", text), text)
	}
}

func TestTokenTypeHanRange(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not Han", r)
		}
	}
}

func firstDiff(got, want []Token) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("; first difference at %d: %.200v, reference %.200v", i, fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i]))
		}
	}
	return ""
}

func TestEquivalenceSmall(t *testing.T) {
	texts := testTexts(t, 0)
	for _, text := range texts {
		compareWithReference(t, fmt.Sprintf("%.40q", text), text)
	}
	// Every synonym term, alone and inside a sentence.
	for _, term := range defaultSynonyms().Terms() {
		compareWithReference(t, term, term)
		compareWithReference(t, term, "关于"+term+"的通知")
	}
}

// TestEquivalenceCorpus compares with the reference on the whole corpus (on
// every 20th file with -short).
func TestEquivalenceCorpus(t *testing.T) {
	files := readCorpus(t)
	Segmenter()
	step := 1
	if testing.Short() {
		step = 20
	}
	var wg sync.WaitGroup
	work := make(chan corpusFile)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range work {
				compareWithReference(t, f.path, f.text)
			}
		})
	}
	for i := 0; i < len(files); i += step {
		work <- files[i]
	}
	close(work)
	wg.Wait()
}

// TestUnitsMatchGse checks that unitEnd splits text into the units of gse's
// SplitTextToWords.
func TestUnitsMatchGse(t *testing.T) {
	texts := append(append([]string{}, trickyTexts...), realSentences...)
	for i, f := range readCorpusOrNil(t) {
		if i%50 == 0 {
			texts = append(texts, Normalize(f.text))
		}
	}
	seg := Segmenter()
	for _, text := range texts {
		want := seg.SplitTextToWords([]byte(text))
		var got []string
		for i := 0; i < len(text); {
			end, _ := unitEnd(text, i)
			got = append(got, text[i:end])
			i = end
		}
		if len(got) != len(want) {
			t.Errorf("%.40q: %d units, gse %d", text, len(got), len(want))
			continue
		}
		for i := range got {
			if !strings.EqualFold(got[i], string(want[i])) || len(got[i]) != len(want[i]) {
				t.Errorf("%.40q: unit %d is %q, gse %q", text, i, got[i], want[i])
				break
			}
		}
	}
}

// testTexts returns the real sentences, tricky texts and queries the
// analysis tests share, and every n-th file of the corpus when n > 0 and the
// corpus is present.
func testTexts(t *testing.T, n int) []string {
	texts := append(append(append([]string{}, realSentences...), trickyTexts...), queryTexts...)
	if n > 0 {
		for i, f := range readCorpusOrNil(t) {
			if i%n == 0 {
				texts = append(texts, f.text)
			}
		}
	}
	return texts
}

// readCorpusOrNil returns the corpus, or nil when it is absent.
func readCorpusOrNil(t *testing.T) (files []corpusFile) {
	t.Run("corpus", func(t *testing.T) { files = readCorpus(t) })
	return files
}
