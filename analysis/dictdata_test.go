package analysis

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var updateDictData = flag.Bool("update-dictdata", false, "rewrite dictdata.bin from the gse dictionary")

// TestDictData checks that the embedded dictionary is what buildDict makes
// of the gse version in go.mod and the current domain words, so that Tokens
// segments exactly as gse does. With -update-dictdata (go generate) it
// rewrites the file instead.
func TestDictData(t *testing.T) {
	want := encodeDict(buildDict(Segmenter()), domainHash())
	if *updateDictData {
		if err := os.WriteFile("dictdata.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote dictdata.bin: %d bytes", len(want))
		return
	}
	if !bytes.Equal(dictData, want) {
		t.Fatalf("dictdata.bin (%d bytes) is not the dictionary built from gse (%d bytes): run go generate ./analysis", len(dictData), len(want))
	}
	d, domain, err := decodeDict(dictData)
	if err != nil || domain != domainHash() {
		t.Fatalf("decodeDict: %v (domain %x, want %x)", err, domain, domainHash())
	}
	if again := encodeDict(d, domain); !bytes.Equal(again, dictData) {
		t.Fatal("decoding and encoding dictdata.bin does not give it back")
	}
}

func TestDecodeDictRejectsCorruptData(t *testing.T) {
	for _, n := range []int{0, 10, len(dictMagic) + 8, len(dictData) / 2, len(dictData) - 1} {
		if n > len(dictData) {
			continue
		}
		if _, _, err := decodeDict(dictData[:n]); err == nil {
			t.Errorf("decodeDict accepted the first %d bytes", n)
		}
	}
}
