package analysis

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// realSentences are taken from /work/shared/corpus, plus a few variants of
// real sentences in full-width or traditional form, which the Markdown part
// of the corpus does not contain.
var realSentences = []string{
	"在人才引进、跨境资金结算和数据流动等方面",
	"根据《中华人民共和国就业促进法》《人力资源市场暂行条例》等法律、",
	"筹整合长效机制的实施意见</a><span>京政发〔2019〕5号</span>",
	"文号: 沪市监计量〔2023〕321号",
	"第十五条 本办法自２０００年１月１日起施行",
	"２０１２年１２月３日 公安部部长办公会议通过",
	"（区）应有足够照度，主要工作间的照度宜为３００勒克斯",
	"超过同期一年期贷款市场报价利率（LPR）的部分不纳入贴息计算",
	"儿参加基本医疗保险服务，为适龄女童接种人乳头瘤病毒（HPV）疫苗",
	"探索“一人公司（OPC）”和轻资产智能创业新模式，促进创新主体高密度集聚",
	"1．中华人民共和国惩治军人违反职责罪暂行条例",
	"sh.gov.cn/cmsres/be/be4b4d377b3d469693",
	// Variants: full-width Latin letters and digits, traditional characters,
	// and a conversion that changes byte lengths (𫫇 takes 4 bytes).
	"超過同期一年期貸款市場報價利率（ＬＰＲ）的部分不納入貼息計算",
	"戶籍管理條例　第３條",
	"二噁英排放標準",
}

// TestTokenOffsetsSliceOriginal checks that every token's offsets cut its
// surface text out of the original.
func TestTokenOffsetsSliceOriginal(t *testing.T) {
	for _, text := range realSentences {
		t.Run(text, func(t *testing.T) {
			tokens := Tokens(text)
			if len(tokens) == 0 {
				t.Fatal("no tokens")
			}
			checkOffsets(t, text, tokens)
		})
	}
}

// checkOffsets checks that text[Start:End] of each token is whole runes and
// is the original of the token's term: the same runes of text that, in
// Normalize(text), spell the term. (Normalizing the surface alone is not
// enough: t2s converts phrases, so 噁 alone and 噁 in 二噁英 differ.)
func checkOffsets(t *testing.T, text string, tokens []Token) {
	t.Helper()
	normRunes := []rune(Normalize(text))
	for _, tok := range tokens {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			t.Fatalf("token %+v: offsets out of range [0, %d]", tok, len(text))
		}
		surface := text[tok.Start:tok.End]
		if !utf8.RuneStart(text[tok.Start]) || (tok.End < len(text) && !utf8.RuneStart(text[tok.End])) {
			t.Errorf("token %+v: surface %q does not start and end on rune boundaries", tok, surface)
			continue
		}
		first := utf8.RuneCountInString(text[:tok.Start])
		last := first + utf8.RuneCountInString(surface)
		if got := string(normRunes[first:last]); got != tok.Term {
			t.Errorf("token %+v: surface %q normalizes to %q in context, want the term", tok, surface, got)
		}
	}
}

// terms returns the terms of tokens, in order.
func terms(tokens []Token) []string {
	var out []string
	for _, t := range tokens {
		out = append(out, t.Term)
	}
	return out
}

func TestTokensContain(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"人才引进", "人才"},
		{"人才引进", "人才引进"},
		{"暂行条例", "条例"},
		{"人力资源市场暂行条例", "暂行"},
		{"缴纳个人所得税", "税"},       // single-character part of a long word
		{"保障性租赁住房", "保障性租赁住房"}, // domain word kept whole
		{"保障性租赁住房", "住房"},
		{"社保", "社保"},
		{"税", "税"},
		{"ＡＢＣ１２３", "abc123"},
		{"LPR利率", "lpr"},
		{"京政发〔2019〕5号", "2019"},
		{"2.5%", "5"},
	}
	for _, tt := range tests {
		if got := terms(Tokens(tt.text)); !slices.Contains(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want it to contain %q", tt.text, got, tt.want)
		}
	}
}

func TestSameTermsAsNormalForm(t *testing.T) {
	tests := []struct {
		text, normal string
	}{
		{"戶籍", "户籍"},
		{"戶籍管理條例", "户籍管理条例"},
		{"ＡＢＣ１２３", "abc123"},
		{"ABC123", "abc123"},
		{"社會保險　補貼", "社会保险 补贴"},
	}
	for _, tt := range tests {
		got, want := terms(Tokens(tt.text)), terms(Tokens(tt.normal))
		if !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) terms = %q, want those of %q: %q", tt.text, got, tt.normal, want)
		}
	}
}

func TestPositions(t *testing.T) {
	tokens := Tokens("关于人才引进暂行条例的通知，请遵照执行。")
	words := Words("关于人才引进暂行条例的通知，请遵照执行。")

	// Top-level words are numbered 1, 2, 3, … without gaps for punctuation.
	for i, w := range words {
		if w.Position != i+1 {
			t.Errorf("word %d %q has position %d, want %d", i, w.Term, w.Position, i+1)
		}
	}
	// Every word appears in Tokens at its position, followed by its
	// sub-words, which share that position and lie inside it.
	var parent Token
	wordIndex := 0
	for _, tok := range tokens {
		if wordIndex < len(words) && tok == words[wordIndex] {
			parent = tok
			wordIndex++
			continue
		}
		if tok.Position != parent.Position || tok.Start < parent.Start || tok.End > parent.End {
			t.Errorf("sub-word %+v is not inside its word %+v", tok, parent)
		}
	}
	if wordIndex != len(words) {
		t.Errorf("Tokens holds %d of the %d words of Words", wordIndex, len(words))
	}
	if len(tokens) <= len(words) {
		t.Errorf("Tokens gave no sub-words: %q", terms(tokens))
	}
}

func TestTwoCharacterWordsHaveNoSingleCharacterSubwords(t *testing.T) {
	got := terms(Tokens("人才"))
	if want := []string{"人才"}; !slices.Equal(got, want) {
		t.Errorf("Tokens(人才) = %q, want %q", got, want)
	}
}

func TestEmptyAndPunctuation(t *testing.T) {
	for _, text := range []string{"", " ", "，。、", "\n\t", "〔〕《》"} {
		if got := Tokens(text); len(got) != 0 {
			t.Errorf("Tokens(%q) = %+v, want none", text, got)
		}
	}
}

func TestInvalidUTF8KeepsOffsets(t *testing.T) {
	text := "Ａ\xff户籍\xfe條例"
	checkOffsets(t, text, Tokens(text))
}
