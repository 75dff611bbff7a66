package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"policysearch/corpus/sample"
)

// TestPostingsFilesHoldBlevesPostings compares every term of the body
// postings files with the fields' postings in bleve's segment: the same
// terms, documents, frequencies, norms and locations.
func TestPostingsFilesHoldBlevesPostings(t *testing.T) {
	ix := openSample(t, nil)
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	if snap.segment == nil {
		t.Fatal("the sample index is not one segment")
	}
	for _, field := range []string{fieldBody, fieldBodyBigram} {
		file := ix.postingsFiles[field]
		if file == nil {
			t.Fatalf("a freshly built generation has no postings file for %s", field)
		}
		located := field == fieldBody
		if file.located != located {
			t.Errorf("%s: postings file located %v", field, file.located)
		}
		dict, err := snap.reader.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		terms, postings, locations := 0, 0, 0
		for {
			entry, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if entry == nil {
				break
			}
			terms++
			if got := file.count(entry.Term); got != entry.Count {
				t.Errorf("%s %q: %d documents in the file, %d in bleve", field, entry.Term, got, entry.Count)
				continue
			}
			list, err := snap.list(field, entry.Term)
			if err != nil {
				t.Fatal(err)
			}
			want := &segmentPostings{list: list, iter: list.Iterator(true, true, located, nil)}
			got := file.open(entry.Term)
			for {
				wd, wf, wok, err := want.next()
				if err != nil {
					t.Fatal(err)
				}
				gd, gf, gok, err := got.next()
				if err != nil {
					t.Fatal(err)
				}
				if gok != wok || gd != wd || gf != wf {
					t.Fatalf("%s %q: posting (%d, %d, %v) in the file, (%d, %d, %v) in bleve", field, entry.Term, gd, gf, gok, wd, wf, wok)
				}
				if !wok {
					break
				}
				postings++
				if gn, wn := got.norm(), want.norm(); gn != wn {
					t.Fatalf("%s %q in document %d: norm %v in the file, %v in bleve", field, entry.Term, wd, gn, wn)
				}
				if located {
					g, w := placesOf(got.locations()), placesOf(want.locations())
					if !slices.Equal(g, w) {
						t.Fatalf("%s %q in document %d: locations %v in the file, %v in bleve", field, entry.Term, wd, g, w)
					}
					locations += len(w)
				}
			}
		}
		dict.Close()
		if terms != file.terms {
			t.Errorf("%s: %d terms in the file, %d in bleve", field, file.terms, terms)
		}
		if terms < 500 || postings < terms || (located && locations < postings) {
			t.Errorf("%s: only %d terms, %d postings and %d locations compared: the test proves little", field, terms, postings, locations)
		}
		if file.count("没有这个词") != 0 {
			t.Errorf("%s: a term in no document has documents", field)
		}
	}
}

// placesOf lists locations as "position start-end".
func placesOf(locs bsearch.Locations) []string {
	var out []string
	for _, l := range locs {
		out = append(out, fmt.Sprintf("%d %d-%d", l.Pos, l.Start, l.End))
	}
	return out
}

// TestIndexWithoutBodyFieldsInBleveAnswersTheSame builds the sample as the
// indexer does, without the body fields in bleve, and compares its answers,
// highlights included, with those of an index that reads the fields from
// bleve.
func TestIndexWithoutBodyFieldsInBleveAnswersTheSame(t *testing.T) {
	withFields := openSample(t, nil)
	withFields.SetResultCache(0)
	files := withFields.postingsFiles
	withFields.postingsFiles = nil // read from bleve's segment
	defer func() { withFields.postingsFiles = files }()
	dir := t.TempDir()
	if _, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: dir}); err != nil {
		t.Fatal(err)
	}
	without, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer without.Close()
	without.SetResultCache(0)
	for _, field := range []string{fieldBody, fieldBodyBigram} {
		if m := without.bleve.Mapping().FieldMappingForPath(field); m.Name != "" {
			t.Fatalf("the index maps %s", field)
		}
	}

	for _, req := range []Request{
		{Query: "人才 住房 补贴"}, {Query: "留学回国 创业 资助 申领 条件"}, {Query: "高层次人才 安居 补贴"},
		{Query: "人才 -住房"}, {Query: "公积金 提取", Sort: "date"}, {Query: "示例", Page: 2, Size: 5},
		{Query: "创业贷款"}, {Query: `"提取 住房公积金"`}, {Query: `"人才引进" 办法`},
	} {
		want, err := withFields.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := without.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if want.Total == 0 {
			t.Errorf("%+v: no hits; the comparison proves nothing", req)
		}
		// Documents are numbered in the order segments were merged, which
		// may differ between builds: hits of equal score may swap.
		if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || !reflect.DeepEqual(shownHits(got), shownHits(want)) {
			t.Errorf("%+v: without the fields in bleve\n%v %v\nwith them\n%v %v", req, got.Total, shownHits(got), want.Total, shownHits(want))
		}
	}
}

// shownHits lists the hits of r as score, id and what is shown of them, in
// order of score and id.
func shownHits(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%.12g %s %s %q %v", h.Score, h.ID, h.TitleHTML, h.Snippets, h.Clauses))
	}
	slices.Sort(out)
	return out
}

// TestPostingsFileDamaged checks that a truncated, disordered or foreign
// file is refused with its path, not read past its end.
func TestPostingsFileDamaged(t *testing.T) {
	sum, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(sum.Generation, bodyWordsFile))
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	footer := data[len(data)-postingsFooterSize:]
	docs, terms := int(le.Uint32(footer[4:])), int(le.Uint32(footer[8:]))
	postingBytes, termBytes := int(le.Uint64(footer[12:])), int(le.Uint64(footer[20:]))
	if terms < 2 {
		t.Fatal("the sample has fewer than two words")
	}
	disordered := slices.Clone(data)
	firstTermEnd := len(postingsMagic) + postingBytes + termBytes + 4*docs
	le.PutUint32(disordered[firstTermEnd:], uint32(termBytes)) // past every later end
	for name, damaged := range map[string][]byte{
		"disordered":  disordered,
		"truncated":   data[1:],
		"footer only": slices.Concat([]byte(postingsMagic), footer),
		"foreign":     slices.Concat([]byte("not ours"), data[8:]),
		"empty":       nil,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, bodyWordsFile), damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := openPostingsFile(dir, bodyWordsFile)
		if err == nil {
			_ = f.close()
			t.Errorf("%s: opened without an error", name)
		} else if !strings.Contains(err.Error(), bodyWordsFile) {
			t.Errorf("%s: the error does not name the file: %v", name, err)
		}
	}
}

// TestPostingsFilesOfAnotherIndexRefused opens a generation whose postings
// files count other documents than its index: an error, not scores made of
// another corpus's lengths.
func TestPostingsFilesOfAnotherIndexRefused(t *testing.T) {
	sum, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	small := fstest.MapFS{"a.md": {Data: []byte("# 人才公寓管理办法\n\n<!-- INFO END -->\n\n第一条 人才公寓。\n")}}
	otherSum, err := Build(context.Background(), BuildOptions{Corpus: small, IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(otherSum.Generation, bodyBigramsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sum.Generation, bodyBigramsFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(filepath.Dir(sum.Generation), nil)
	if err == nil {
		_ = ix.Close()
		t.Fatal("opened an index with another index's body bigrams")
	}
	if !strings.Contains(err.Error(), bodyBigramsFile+" counts 1 documents") {
		t.Errorf("error %q does not say what is wrong", err)
	}
}
