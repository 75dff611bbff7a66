// Package sample embeds a small built-in corpus, so that the search server
// runs on a fresh machine without the real data (`go run ./searchd`).
//
// Every document is fictional: written for this project, marked 示例 in its
// title and body, issued by made-up agencies (示例市人力资源和社会保障局 …)
// under made-up document numbers. None of it is policy.
//
// The files mirror the formats of the real corpus (see
// shared/corpus/README.md), one folder per source format:
//
//	laws/       Markdown: # title, dated header lines, <!-- INFO END -->, body
//	            with ## chapters and 第X条 articles (like lawrefbook-laws/)
//	law-db/     the same, after YAML front matter with English keys
//	            (like china-law-db/)
//	gov-docs/   YAML front matter with Chinese keys, two quoted notes, then
//	            # title and text (like shanghai-gov-docs/)
//	reports/    JSON Lines of {title, url, content, year}
//	            (like chinese-political-corpora/)
//	seed/       a scraped plain-text page with its navigation text (like seed/)
//	webpages/   saved HTML pages named by their SHA-256, each with a
//	            .metadata.json sidecar; one page is GB2312-encoded
//	            (like cn-realestate-policy-pages/)
//
// The set is built to demo the engine's features on the talent themes
// (落户, 住房补贴, 公积金, 创业担保贷款, 留学回国人员, 博士后, 社会保险,
// 外国人工作许可, 职称): two dated versions of 示例市人才发展促进条例, an exact
// duplicate of the 博士后 measure filed in a second folder, documents citing
// others by 《title》, and a body containing <script>alert(1)</script> as
// plain text to show that pages escape document text.
package sample

import (
	"embed"
	"io/fs"
)

// files holds every document folder. Naming the folders, rather than ".",
// keeps this package's own .go files out of the corpus.
//
//go:embed laws law-db gov-docs reports seed webpages
var files embed.FS

// FS returns the sample corpus rooted at its top, so that paths look like
// "laws/地方性法规/示例省/示例市人才发展促进条例(2024-03-28).md", the same
// shape as paths under the real corpus root.
func FS() fs.FS {
	return files
}
