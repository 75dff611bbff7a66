package analysis

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Traditional-to-simplified conversion is the expensive part of
// normalization: opencc's Convert allocates for every character it looks at.
// Nearly all of the corpus is already simplified, so conversion is skipped
// unless a text holds a character that t2s would change. Those characters
// (about 4,100) and their single-character conversions were found by asking
// opencc itself about every Han code point (probeT2S), which takes 120 ms:
// too long for every start. The result is kept in t2sdata.txt, written by
// go generate, and TestT2SData fails when it no longer matches the opencc
// version in go.mod.

//go:generate go test -run=^TestT2SData$ -update-t2sdata .

//go:embed t2sdata.txt
var t2sData string

var (
	t2sOnce sync.Once
	t2sErr  error
	t2sConv *opencc.OpenCC
	// t2sChar maps each traditional character to its simplified form, for the
	// characters opencc converts to exactly one other character.
	t2sChar map[rune]rune
)

// hanRanges are the code points probed for traditional characters: the CJK
// unified ideographs with extension A, the compatibility ideographs, and the
// supplementary ideographic plane (extensions B to F).
var hanRanges = [][2]rune{
	{0x3400, 0x9FFF},
	{0xF900, 0xFAFF},
	{0x20000, 0x2FA1F},
}

// loadT2S builds the opencc converter and the per-character table once.
func loadT2S() error {
	t2sOnce.Do(func() {
		t2sConv, t2sErr = opencc.New("t2s")
		if t2sErr != nil {
			t2sErr = fmt.Errorf("analysis: loading opencc t2s: %w", t2sErr)
			return
		}
		t2sChar, t2sErr = parseT2SData(t2sData)
		if t2sErr == nil {
			foldInfo.Store(buildFoldInfo())
		}
	})
	return t2sErr
}

// parseT2SData reads the table kept in t2sdata.txt: one line per
// character, the traditional form followed by the simplified one.
func parseT2SData(data string) (map[rune]rune, error) {
	table := make(map[rune]rune, 4200)
	for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		from, n := utf8.DecodeRuneInString(line)
		to, m := utf8.DecodeRuneInString(line[n:])
		if from == utf8.RuneError || to == utf8.RuneError || n+m != len(line) {
			return nil, fmt.Errorf("analysis: t2sdata.txt line %d: want two characters, got %q", i+1, line)
		}
		table[from] = to
	}
	return table, nil
}

// formatT2SData writes a table in the form parseT2SData reads, sorted so the
// file is stable.
func formatT2SData(table map[rune]rune) string {
	keys := make([]rune, 0, len(table))
	for r := range table {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, r := range keys {
		b.WriteRune(r)
		b.WriteRune(table[r])
		b.WriteByte('\n')
	}
	return b.String()
}

// probeT2S converts every Han code point in one Convert call, with a newline
// after each so that no phrase rule can span two characters, and keeps the
// characters whose conversion is a different single character.
func probeT2S(cc *opencc.OpenCC) (map[rune]rune, error) {
	var in strings.Builder
	var probed []rune
	for _, rg := range hanRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			in.WriteRune(r)
			in.WriteByte('\n')
			probed = append(probed, r)
		}
	}
	out, err := cc.Convert(in.String())
	if err != nil {
		return nil, fmt.Errorf("analysis: probing opencc t2s table: %w", err)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != len(probed)+1 {
		return nil, fmt.Errorf("analysis: probing opencc t2s table: got %d lines for %d characters", len(lines)-1, len(probed))
	}
	table := make(map[rune]rune, 4200)
	for i, r := range probed {
		s, size := utf8.DecodeRuneInString(lines[i])
		if size == len(lines[i]) && s != r {
			table[r] = s
		}
	}
	return table, nil
}

// isTraditional reports whether t2s changes r on its own.
func isTraditional(r rune) bool {
	_, ok := t2sChar[r]
	return ok
}

// toSimplified converts the traditional characters of s to simplified ones
// without changing its rune count, so rune i of the result still stands for
// rune i of s. It converts each run of Han characters that holds a
// traditional character with opencc (whose phrase rules pick the right
// simplified form, e.g. 乾燥 → 干燥 but 乾隆 stays); when opencc changes a
// run's length, that run falls back to character-by-character conversion.
func toSimplified(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		start, end := nextTraditionalRun(s)
		if start < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:start])
		b.WriteString(convertRun(s[start:end]))
		s = s[end:]
	}
	return b.String()
}

// nextTraditionalRun returns the byte span of the first maximal run of Han
// characters in s that contains a traditional character, or -1, -1.
func nextTraditionalRun(s string) (start, end int) {
	runStart, hasTrad := -1, false
	for i, r := range s {
		if unicode.Is(unicode.Han, r) {
			if runStart < 0 {
				runStart, hasTrad = i, false
			}
			hasTrad = hasTrad || isTraditional(r)
			continue
		}
		if runStart >= 0 && hasTrad {
			return runStart, i
		}
		runStart = -1
	}
	if runStart >= 0 && hasTrad {
		return runStart, len(s)
	}
	return -1, -1
}

// convertRun converts one run of Han characters, keeping its rune count.
func convertRun(run string) string {
	converted, err := t2sConv.Convert(run)
	if err != nil {
		converted = "" // fall back to per-character conversion
	}
	return keepLength(run, converted)
}

// keepLength returns opencc's conversion of run if it has the same rune count
// as run, and otherwise converts run character by character, which always
// keeps the length. (No phrase in opencc's current t2s data changes length,
// but an update could add one.)
func keepLength(run, converted string) string {
	if utf8.RuneCountInString(converted) == utf8.RuneCountInString(run) {
		return converted
	}
	return strings.Map(func(r rune) rune {
		if s, ok := t2sChar[r]; ok {
			return s
		}
		return r
	}, run)
}
