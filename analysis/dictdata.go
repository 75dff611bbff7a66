package analysis

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"math"
)

//go:generate go test -run=^TestDictData$ -update-dictdata .

// dictData is the segmentation dictionary (see dict) built from gse's zh_s
// dictionary and the domain words, encoded by encodeDict. Decoding it takes
// milliseconds, where loading gse's dictionary takes more than a second and
// over 100 MiB. TestDictData checks that it matches what buildDict makes of
// the gse version in go.mod; `go generate` rewrites it. If the domain words
// change without regenerating, loadDict notices and builds the dictionary
// from gse instead.
//
//go:embed dictdata.bin
var dictData []byte

const dictMagic = "policysearch segmentation dictionary v1\n"

// domainHash identifies the domain words that a dictionary was built with.
func domainHash() uint64 {
	h := fnv.New64a()
	h.Write([]byte(domainDictionary()))
	return h.Sum64()
}

// encodeDict encodes d for dictData: mostly varints, and only the cells of
// the trie that are in use.
func encodeDict(d *dict, domain uint64) []byte {
	b := []byte(dictMagic)
	b = binary.LittleEndian.AppendUint64(b, domain)
	b = binary.AppendUvarint(b, uint64(len(d.units)))
	for _, u := range d.units {
		b = binary.AppendUvarint(b, uint64(len(u)))
		b = append(b, u...)
	}
	b = binary.AppendUvarint(b, uint64(d.maxUnit))
	b = binary.AppendUvarint(b, uint64(len(d.dist)))
	b = binary.AppendUvarint(b, uint64(len(d.subs)))
	for w := range d.dist {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(d.dist[w]))
		flag := uint64(0)
		if d.isWord[w] {
			flag = 1
		}
		subs := d.subs[d.subOff[w]:d.subOff[w+1]]
		b = binary.AppendUvarint(b, uint64(len(subs))<<1|flag)
		for _, s := range subs {
			b = binary.AppendUvarint(b, uint64(s.start))
			b = binary.AppendUvarint(b, uint64(s.end-s.start))
		}
	}
	used := 0
	for _, c := range d.cells {
		if c.check != -1 || c.base != -1 {
			used++
		}
	}
	b = binary.AppendUvarint(b, uint64(len(d.cells)))
	b = binary.AppendUvarint(b, uint64(used))
	prev := -1
	for i, c := range d.cells {
		if c.check == -1 && c.base == -1 {
			continue
		}
		b = binary.AppendUvarint(b, uint64(i-prev))
		b = binary.AppendVarint(b, int64(c.base))
		b = binary.AppendVarint(b, int64(c.check))
		b = binary.AppendUvarint(b, uint64(c.word+1))
		prev = i
	}
	return b
}

var errDictData = errors.New("analysis: corrupt embedded dictionary data")

// decodeDict decodes what encodeDict made, and returns the domain hash it
// was built with.
func decodeDict(data []byte) (*dict, uint64, error) {
	r := dictReader{b: data}
	if len(data) < len(dictMagic)+8 || string(data[:len(dictMagic)]) != dictMagic {
		return nil, 0, errDictData
	}
	r.b = r.b[len(dictMagic):]
	domain := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]

	d := &dict{}
	d.units = make([]string, r.count(1))
	for i := range d.units {
		d.units[i] = string(r.bytes(r.count(1)))
	}
	d.maxUnit = int(r.uvarint())
	nwords := r.count(5)
	d.dist = make([]float32, nwords)
	d.isWord = make([]bool, nwords)
	d.subOff = make([]uint32, nwords+1)
	d.subs = make([]subword, 0, r.count(2))
	for w := range nwords {
		d.dist[w] = math.Float32frombits(binary.LittleEndian.Uint32(r.bytes(4)))
		v := r.uvarint()
		d.isWord[w] = v&1 != 0
		d.subOff[w] = uint32(len(d.subs))
		for range v >> 1 {
			start := r.uvarint()
			end := start + r.uvarint()
			if end > math.MaxUint16 {
				r.err = true
			}
			d.subs = append(d.subs, subword{uint16(start), uint16(end)})
		}
	}
	d.subOff[nwords] = uint32(len(d.subs))

	ncells := int(r.uvarint())
	used := r.count(4)
	if ncells > 1<<28 || used > ncells {
		return nil, 0, errDictData
	}
	d.cells = make([]trieCell, ncells)
	for i := range d.cells {
		d.cells[i] = trieCell{base: -1, check: -1, word: -1}
	}
	i := -1
	for range used {
		i += int(r.uvarint())
		base, check, word := r.varint(), r.varint(), int64(r.uvarint())-1
		if i < 0 || i >= ncells || base < -1 || base > int64(ncells) || check < -1 || check >= int64(ncells) || word < -1 || word >= int64(nwords) {
			return nil, 0, errDictData
		}
		c := trieCell{base: int32(base), check: int32(check), word: int32(word)}
		if word >= 0 {
			c.dist = d.dist[word]
		}
		d.cells[i] = c
	}
	if r.err || len(r.b) != 0 || len(d.units) == 0 || ncells < len(d.units) {
		return nil, 0, errDictData
	}
	// Every lookup cells[base+sym] must stay inside the array.
	for _, c := range d.cells {
		if int(c.base)+len(d.units) > ncells {
			return nil, 0, errDictData
		}
	}
	d.indexUnits()
	return d, domain, nil
}

// dictReader reads encodeDict's encoding; errors set err and yield zeros.
type dictReader struct {
	b   []byte
	err bool
}

func (r *dictReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *dictReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a count of items that take at least min bytes each, capping
// it by the bytes left so that corrupt data cannot cause a huge allocation.
func (r *dictReader) count(min int) int {
	v := r.uvarint()
	if v > uint64(len(r.b)/min) {
		r.err, r.b = true, nil
		return 0
	}
	return int(v)
}

func (r *dictReader) bytes(n int) []byte {
	if n > len(r.b) {
		r.err, r.b = true, nil
		return make([]byte, n)
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}
