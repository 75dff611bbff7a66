// Package analysis is the Chinese text analysis shared by index time and
// query time: normalization (width folding, lowercasing, traditional to
// simplified), gse word segmentation with search-mode sub-words, a bleve
// tokenizer and analyzer built on them, and domain synonyms.
//
// Index and query text go through the same code, so a query word always meets
// the tokens a document produced for it. Token offsets always point into the
// original, un-normalized text, so they can be used for highlighting.
package analysis
