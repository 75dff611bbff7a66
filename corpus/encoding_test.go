package corpus

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestReadFileEncodings reads the generated fixtures in testdata: every
// supported encoding decodes to the same clean text, and broken files give
// a clear reason instead of mangled text.
func TestReadFileEncodings(t *testing.T) {
	fsys := os.DirFS("testdata")
	tests := []struct {
		path      string
		title     string
		bodyStart string
		err       string // wanted error text; "" means success
	}{
		{path: "gbk.txt", title: "人才引进补贴办法", bodyStart: "第一条　为吸引高层次人才"},
		{path: "utf16le.txt", title: "住房公积金通知", bodyStart: "各单位：现将有关事项通知如下。"},
		{path: "utf16be.txt", title: "住房公积金通知", bodyStart: "各单位：现将有关事项通知如下。"},
		{path: "utf8bom.md", title: "示例条例", bodyStart: "第一章　总则\n\n第一条 为了示例"},
		{path: "crlf.md", title: "示例办法", bodyStart: "第一条 第一行。\n\n第二条 第二行。\nmac 风格换行。"},
		{path: "empty.txt", err: "empty file"},
		{path: "binary.txt", err: "binary file"},
		{path: "truncated-utf8.txt", err: "truncated UTF-8"},
		{path: "invalid.txt", err: "invalid UTF-8 at byte 7, not GB18030 either"},
		{path: "unclosed.md", err: "front matter not closed"},
		{path: "missing.txt", err: "no such file"},
		{path: "notes.xyz", err: "unsupported file type .xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			docs, err := ReadFile(fsys, tt.path, Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(docs) != 1 {
				t.Fatalf("ReadFile = %d docs, %v", len(docs), err)
			}
			checkDoc(t, docs[0], wantDoc{Title: tt.title, BodyStart: tt.bodyStart})
		})
	}
}

// TestReadFileTooLarge checks the size limit, default and set.
func TestReadFileTooLarge(t *testing.T) {
	fsys := os.DirFS("testdata")
	_, err := ReadFile(fsys, "gbk.txt", Options{MaxFileSize: 10})
	if err == nil || err.Error() != "file too large (56 bytes > limit 10)" {
		t.Fatalf("err = %v, want file too large", err)
	}
	if _, err := ReadFile(fsys, "gbk.txt", Options{}); err != nil {
		t.Fatalf("default limit: %v", err)
	}
}

// TestDecodeText covers the decoder's edge cases directly.
func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"plain", []byte("a\r\nb\rc\n"), "a\nb\nc\n", ""},
		{"utf8 bom only", []byte{0xEF, 0xBB, 0xBF}, "", "empty file"},
		{"odd utf16", []byte{0xFF, 0xFE, 0x41}, "", "truncated UTF-16"},
		{"lone surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00}, "", "unpaired surrogate"},
		{"gb18030 four-byte", []byte{0x81, 0x30, 0x81, 0x30}, "\u0080", ""},
		{"cut utf8", []byte("ab\xe4\xb8"), "", "truncated UTF-8: file ends inside a character at byte 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeText(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("decodeText = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestReadFileNeverPanics feeds odd bytes to every reader.
func TestReadFileNeverPanics(t *testing.T) {
	inputs := [][]byte{nil, {0}, []byte("---"), []byte("---\n---"), []byte("<"), []byte("{"),
		[]byte("#"), []byte("\n\n\n"), []byte("<html><body></body></html>"), {0xFF, 0xFE}}
	for ext := range readers {
		for i, in := range inputs {
			fsys := mapFS(map[string][]byte{"f" + ext: in})
			docs, err := ReadFile(fsys, "f"+ext, Options{})
			if err == nil && len(docs) == 0 {
				t.Errorf("%s input %d: no documents and no error", ext, i)
			}
			var pe *PartialError
			if errors.As(err, &pe) && len(pe.Bad) == 0 {
				t.Errorf("%s input %d: PartialError without bad records", ext, i)
			}
		}
	}
}
