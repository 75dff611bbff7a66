package analysis

import (
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/longbridgeapp/opencc"
)

var updateT2SData = flag.Bool("update-t2sdata", false, "rewrite t2sdata.txt by probing opencc")

// TestT2SData checks that the embedded traditional-to-simplified table is
// what opencc says today. With -update-t2sdata (go generate) it rewrites the
// table instead.
func TestT2SData(t *testing.T) {
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	probed, err := probeT2S(cc)
	if err != nil {
		t.Fatal(err)
	}
	if *updateT2SData {
		if err := os.WriteFile("t2sdata.txt", []byte(formatT2SData(probed)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	embedded, err := parseT2SData(t2sData)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(embedded, probed) {
		t.Fatalf("t2sdata.txt (%d characters) differs from opencc's conversions (%d characters): run go generate ./analysis", len(embedded), len(probed))
	}
}

func TestParseT2SDataRejectsBadLines(t *testing.T) {
	for _, data := range []string{"戶\n", "戶户多\n", "\n"} {
		if _, err := parseT2SData(data); err == nil {
			t.Errorf("parseT2SData(%q) accepted a bad line", data)
		}
	}
}
