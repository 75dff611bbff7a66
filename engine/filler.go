package engine

import "policysearch/analysis"

// fillerWords are the question and function words people type around what
// they ask (试用期 最长 多久, 失业金 能领吗). Laws never answer in these words,
// so requiring or scoring them only pulls in documents that happen to use
// them. They are dropped from a query term unless nothing else is left.
var fillerWords = map[string]bool{
	"怎么": true, "怎样": true, "怎么办": true, "如何": true, "多少": true, "多久": true,
	"多长": true, "几": true, "哪些": true, "哪里": true, "哪个": true, "什么": true,
	"吗": true, "呢": true, "吧": true, "啊": true, "的": true, "了": true, "么": true,
	"能否": true, "是否": true, "有没有": true, "可否": true, "能不能": true, "可不可以": true,
	"请问": true, "一下": true,
}

// contentWords segments text into its top-level words without the filler
// words, or with them when the text holds nothing else.
func contentWords(text string) []analysis.Token {
	words := analysis.Words(text)
	kept := words[:0:0]
	for _, w := range words {
		if !fillerWords[w.Term] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return words
	}
	return kept
}
