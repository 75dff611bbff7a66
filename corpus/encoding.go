package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Byte-order marks that identify a text file's encoding.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// gb18030Replacement is U+FFFD encoded in GB18030. The decoder writes U+FFFD
// for bytes it cannot decode, so only input holding this sequence may
// legitimately decode to U+FFFD.
var gb18030Replacement = []byte{0x84, 0x31, 0xA4, 0x37}

// binarySniffLen is how much of a file is checked for NUL bytes.
const binarySniffLen = 8 << 10

// decodeText returns the text of a plain-text file (Markdown, JSON Lines,
// .txt) as UTF-8 with "\n" line endings. It honours a UTF-8 or UTF-16 BOM,
// falls back to GB18030 for legacy Chinese files that are not valid UTF-8,
// and reports anything else as an error instead of guessing.
func decodeText(data []byte) (string, error) {
	if s, ok, err := decodeBOM(data); ok || err != nil {
		return s, err
	}
	if err := checkBinary(data); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return normalizeNewlines(string(data)), nil
	}
	return decodeNonUTF8(data, nil)
}

// decodeBOM decodes data that starts with a byte-order mark. ok reports
// whether there was one; an empty file is an error.
func decodeBOM(data []byte) (s string, ok bool, err error) {
	if len(data) == 0 {
		return "", false, errors.New("empty file")
	}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		rest := data[len(bomUTF8):]
		if !utf8.Valid(rest) {
			return "", true, invalidUTF8(rest, len(bomUTF8))
		}
		s = string(rest)
	case bytes.HasPrefix(data, bomUTF16LE):
		s, err = decodeUTF16(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, bomUTF16BE):
		s, err = decodeUTF16(data[2:], binary.BigEndian)
	default:
		return "", false, nil
	}
	if err != nil {
		return "", true, err
	}
	if strings.TrimSpace(s) == "" {
		return "", true, errors.New("empty file")
	}
	return normalizeNewlines(s), true, nil
}

// decodeUTF16 decodes UTF-16 code units (after the BOM), rejecting a cut
// final unit and unpaired surrogates rather than writing U+FFFD.
func decodeUTF16(data []byte, order binary.ByteOrder) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("truncated UTF-16: odd byte count %d", len(data)+2)
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case u >= 0xD800 && u < 0xDC00: // high surrogate needs a low one next
			if i+1 >= len(units) || units[i+1] < 0xDC00 || units[i+1] >= 0xE000 {
				return "", fmt.Errorf("invalid UTF-16: unpaired surrogate at byte %d", 2+2*i)
			}
			i++
		case u >= 0xDC00 && u < 0xE000:
			return "", fmt.Errorf("invalid UTF-16: unpaired surrogate at byte %d", 2+2*i)
		}
	}
	return string(utf16.Decode(units)), nil
}

// checkBinary rejects files with NUL bytes near the start; text never has
// them (UTF-16 text is recognised by its BOM before this check).
func checkBinary(data []byte) error {
	head := data[:min(len(data), binarySniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return errors.New("binary file")
	}
	return nil
}

// decodeNonUTF8 handles data that is not valid UTF-8: it tries the declared
// encodings (from an HTML page or HTTP header) and then GB18030, which
// covers GB2312 and GBK. A UTF-8 file cut inside its last character is
// reported as truncated rather than misread as GB18030.
func decodeNonUTF8(data []byte, declared []encoding.Encoding) (string, error) {
	bad := firstInvalidUTF8(data)
	if isTruncatedUTF8Tail(data[bad:]) {
		return "", fmt.Errorf("truncated UTF-8: file ends inside a character at byte %d", bad)
	}
	for _, enc := range append(declared, simplifiedchinese.GB18030) {
		if s, ok := decodeStrict(data, enc); ok {
			return normalizeNewlines(s), nil
		}
	}
	return "", invalidUTF8(data, 0)
}

// decodeStrict decodes data with enc and reports whether every byte was
// valid in that encoding.
func decodeStrict(data []byte, enc encoding.Encoding) (string, bool) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	if bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(data, gb18030Replacement) {
		return "", false
	}
	return string(out), true
}

// invalidUTF8 describes where data stops being UTF-8; offset is added to
// the reported byte position.
func invalidUTF8(data []byte, offset int) error {
	return fmt.Errorf("invalid UTF-8 at byte %d, not GB18030 either", offset+firstInvalidUTF8(data))
}

// firstInvalidUTF8 returns the offset of the first byte that is not part of
// a valid UTF-8 sequence, or len(data).
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// isTruncatedUTF8Tail reports whether tail (the bytes from the first
// invalid position to the end) is a multi-byte UTF-8 sequence cut short:
// a lead byte followed only by continuation bytes, too few of them.
func isTruncatedUTF8Tail(tail []byte) bool {
	if len(tail) == 0 || len(tail) >= utf8.UTFMax || tail[0] < 0xC2 || tail[0] > 0xF4 {
		return false
	}
	for _, c := range tail[1:] {
		if c&0xC0 != 0x80 {
			return false
		}
	}
	return !utf8.FullRune(tail)
}

// normalizeNewlines turns CRLF and lone CR line endings into "\n".
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
