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

	"policysearch/corpus/sample"
)

// TestMain indexes the body bigrams in bleve too, in every index the tests
// build: they compare the evaluator, which reads the postings file, with
// bleve's searchers, which need the field in bleve's index. The tests below
// check that the file holds what bleve holds, and that an index built
// without the field answers the same.
func TestMain(m *testing.M) {
	bodyBigramsInBleve = true
	os.Exit(m.Run())
}

// TestBodyBigramsFileHoldsBlevesPostings compares every term of the body
// bigrams file with the field's postings in bleve's segment: the same
// terms, documents, frequencies and norms.
func TestBodyBigramsFileHoldsBlevesPostings(t *testing.T) {
	ix := openSample(t, nil)
	if ix.bodyBigrams == nil {
		t.Fatal("a freshly built generation has no body bigrams file")
	}
	snap, err := ix.openSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.close()
	if snap.segment == nil {
		t.Fatal("the sample index is not one segment")
	}
	dict, err := snap.reader.FieldDict(fieldBodyBigram)
	if err != nil {
		t.Fatal(err)
	}
	defer dict.Close()
	terms, postings := 0, 0
	for {
		entry, err := dict.Next()
		if err != nil {
			t.Fatal(err)
		}
		if entry == nil {
			break
		}
		terms++
		if got := ix.bodyBigrams.count(entry.Term); got != entry.Count {
			t.Errorf("%q: %d documents in the file, %d in bleve", entry.Term, got, entry.Count)
			continue
		}
		list, err := snap.list(fieldBodyBigram, entry.Term)
		if err != nil {
			t.Fatal(err)
		}
		want := &segmentPostings{list: list, iter: list.Iterator(true, true, false, nil)}
		got := ix.bodyBigrams.open(entry.Term)
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
				t.Fatalf("%q: posting (%d, %d, %v) in the file, (%d, %d, %v) in bleve", entry.Term, gd, gf, gok, wd, wf, wok)
			}
			if !wok {
				break
			}
			postings++
			if gn, wn := got.norm(), want.norm(); gn != wn {
				t.Fatalf("%q in document %d: norm %v in the file, %v in bleve", entry.Term, wd, gn, wn)
			}
		}
	}
	if terms != ix.bodyBigrams.terms {
		t.Errorf("%d terms in the file, %d in bleve", ix.bodyBigrams.terms, terms)
	}
	if terms < 1000 || postings < terms {
		t.Errorf("only %d terms and %d postings compared: the test proves little", terms, postings)
	}
	if ix.bodyBigrams.count("没有") != 0 && ix.bodyBigrams.count("\uffff\uffff") != 0 {
		t.Error("a term in no document has documents")
	}
}

// TestIndexWithoutBodyBigramsInBleveAnswersTheSame builds the sample as
// the indexer does, without the field in bleve, and compares its answers
// with those of an index that reads the field from bleve.
func TestIndexWithoutBodyBigramsInBleveAnswersTheSame(t *testing.T) {
	withField := openSample(t, nil)
	withField.SetResultCache(0)
	file := withField.bodyBigrams
	withField.bodyBigrams = nil // read from bleve's segment
	defer func() { withField.bodyBigrams = file }()
	bodyBigramsInBleve = false
	defer func() { bodyBigramsInBleve = true }()
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
	if m := without.bleve.Mapping().FieldMappingForPath(fieldBodyBigram); m.Name != "" {
		t.Fatalf("the index maps %s", fieldBodyBigram)
	}

	for _, req := range []Request{
		{Query: "人才 住房 补贴"}, {Query: "留学回国 创业 资助 申领 条件"}, {Query: "高层次人才 安居 补贴"},
		{Query: "人才 -住房"}, {Query: "公积金 提取", Sort: "date"}, {Query: "示例", Page: 2, Size: 5},
		{Query: "创业贷款"},
	} {
		want, err := withField.Search(context.Background(), req)
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
		if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || !reflect.DeepEqual(scoredIDs(got), scoredIDs(want)) {
			t.Errorf("%+v: without the field in bleve\n%v %v\nwith it\n%v %v", req, got.Total, scoredIDs(got), want.Total, scoredIDs(want))
		}
	}
}

// scoredIDs lists the hits of r as score and id, in order of both.
func scoredIDs(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%.12g %s", h.Score, h.ID))
	}
	slices.Sort(out)
	return out
}

// TestBodyBigramsFileDamaged checks that a truncated or foreign file is
// refused with its name, not read past its end.
func TestBodyBigramsFileDamaged(t *testing.T) {
	sum, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(sum.Generation, bodyBigramsFile))
	if err != nil {
		t.Fatal(err)
	}
	terms := int(binary.LittleEndian.Uint32(data[len(bodyBigramsMagic)+4:]))
	docs := int(binary.LittleEndian.Uint32(data[len(bodyBigramsMagic):]))
	disordered := slices.Clone(data)
	firstTermEnd := len(bodyBigramsMagic) + 8 + 4*docs
	binary.LittleEndian.PutUint32(disordered[firstTermEnd:], uint32(len(data))) // past every later end
	if terms < 2 {
		t.Fatal("the sample has fewer than two bigrams")
	}
	for name, damaged := range map[string][]byte{
		"disordered":  disordered,
		"truncated":   data[:len(data)-1],
		"header only": data[:len(bodyBigramsMagic)+8],
		"foreign":     append([]byte("not ours"), data[8:]...),
		"empty":       nil,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, bodyBigramsFile), damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := openBodyBigrams(dir)
		if err == nil {
			_ = b.close()
			t.Errorf("%s: opened without an error", name)
		} else if !strings.Contains(err.Error(), bodyBigramsFile) {
			t.Errorf("%s: the error does not name the file: %v", name, err)
		}
	}
}

// TestBodyBigramsOfAnotherIndexRefused opens a generation whose postings
// file counts other documents than its index: an error, not scores made
// of another corpus's lengths.
func TestBodyBigramsOfAnotherIndexRefused(t *testing.T) {
	sum, err := Build(context.Background(), BuildOptions{Corpus: sample.FS(), IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	small := fstest.MapFS{"a.md": {Data: []byte("# 人才公寓管理办法\n\n<!-- INFO END -->\n\n第一条 人才公寓。\n")}}
	otherSum, err := Build(context.Background(), BuildOptions{Corpus: small, IndexDir: other})
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
	if !strings.Contains(err.Error(), "body bigrams of 1 documents") {
		t.Errorf("error %q does not say what is wrong", err)
	}
}
