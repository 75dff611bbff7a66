package engine

import (
	"context"
	"reflect"
	"testing"
)

// TestSnapshotPathsAgree checks that reading the segment's postings and
// stored fields directly and reading them through bleve's reader (which
// indexes of several segments use) give the same results, highlights
// included.
func TestSnapshotPathsAgree(t *testing.T) {
	ix := openSample(t, nil)
	ix.SetResultCache(0)
	defer func() { readSegmentsDirectly = true }()
	for _, q := range []string{"人才 住房 补贴", "留学回国 创业", "外国人 工作许可", "职称评审 条件 材料"} {
		var results [2]*Result
		for i, direct := range []bool{true, false} {
			readSegmentsDirectly = direct
			r, err := ix.Search(context.Background(), Request{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			r.TookMS = 0
			results[i] = r
		}
		if len(results[0].Hits) == 0 {
			t.Errorf("%q: no hits; the test needs some", q)
		}
		if !reflect.DeepEqual(results[0], results[1]) {
			t.Errorf("%q: segment and reader disagree:\n%+v\n%+v", q, results[0], results[1])
		}
	}
}

// TestSnapshotDocCountPathsAgree checks document frequencies read from the
// segment against bleve's reader.
func TestSnapshotDocCountPathsAgree(t *testing.T) {
	ix := openSample(t, nil)
	defer func() { readSegmentsDirectly = true }()
	for _, term := range []string{"人才", "补贴", "示例", "没有这个词"} {
		for _, field := range []string{fieldTitle, fieldBody} {
			var counts [2]uint64
			for i, direct := range []bool{true, false} {
				readSegmentsDirectly = direct
				snap, err := ix.openSnapshot()
				if err != nil {
					t.Fatal(err)
				}
				counts[i], err = snap.docCount(context.Background(), field, term)
				snap.close()
				if err != nil {
					t.Fatal(err)
				}
			}
			if counts[0] != counts[1] {
				t.Errorf("%s in %s: %d documents from the segment, %d from bleve's reader", term, field, counts[0], counts[1])
			}
			if term == "示例" && counts[0] == 0 {
				t.Errorf("示例 in %s: no document; the comparison proves nothing", field)
			}
		}
	}
}
