package store

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// The quick field scan. The home screen, due and the trends read many
// small stored records (sessions, sets, decisions, day aggregates), and a
// full encoding/json decode of each (it checks, reflects and allocates)
// was most of their cost. What this package writes is one flat object of
// strings, numbers and booleans, which a scan can read directly. Anything
// else (an escaped string, a nested value, bad syntax, a field of the
// wrong type, a key in other letter cases) makes the scan give up, and
// encoding/json reads the record instead: the fields read are always what
// a full decode gives, only sometimes slower.

// field binds one field of a stored record to where the scan puts it:
// exactly one of str, num, flag, status or raw is set, or none for a string
// the reader checks but does not keep.
type field struct {
	name   string
	str    *string // a string
	num    *int    // a whole number
	flag   *bool   // true or false
	status *Status // a session's status, by its text
	raw    *[]byte // a string left in the record's own bytes
}

// scanFields reads the flat JSON object v into fields, or reports false
// for anything encoding/json must read instead. A key no field has is
// skipped, as encoding/json skips it; one that matches a field's name in
// other letter cases is not (encoding/json would take it).
//
// A record laid out as written (fields listed in the order json.Marshal
// writes them) is read by scanWritten, which takes each key at the place
// it expects it; any other goes to scanAnyOrder. The strings of a record
// are made together, in one allocation (at the first start of a process
// every allocation is fresh memory), once the whole record has scanned;
// nothing is put in a string field of a record that does not (its reader
// hands it to encoding/json).
func scanFields(v []byte, fields []field) bool {
	var strs [maxScanStrings][]byte // the str fields' values, by index
	var got uint32                  // which of them the record has
	ok := scanWritten(v, fields, &strs, &got)
	if !ok {
		got = 0
		ok = scanAnyOrder(v, fields, &strs, &got)
	}
	if ok && got != 0 {
		setStrings(fields, &strs, got)
	}
	return ok
}

// scanAnyOrder is scanFields for a flat object with its keys in any
// order, some of them more than once, spaces between its tokens. Keys are
// looked for from the field after the last one found.
func scanAnyOrder(v []byte, fields []field, strs *[maxScanStrings][]byte, got *uint32) bool {
	next := 0
	return eachField(v, func(key, raw []byte, quoted bool) bool {
		i := fieldAt(fields, key, next)
		if i < 0 {
			return lowerASCII(key) || !sameFold(key, fields...)
		}
		next = i + 1
		return put(fields, i, raw, quoted, strs, got)
	})
}

// scanWritten is scanFields for a record laid out as json.Marshal writes
// it: '{', then keys of fields in their order in fields (any of them
// absent), each key once, with nothing between the tokens, then '}'. A
// key is taken by comparing the field's name with the bytes where the
// next key begins, not by scanning it as a string. false (having put
// some values, perhaps) for any other record: scanAnyOrder reads it
// again, the values put here included, as it reads the same tokens.
func scanWritten(v []byte, fields []field, strs *[maxScanStrings][]byte, got *uint32) bool {
	if len(v) < 2 || v[0] != '{' {
		return false
	}
	sc := fieldScanner{b: v, i: 1}
	for i := range fields {
		at := sc.i
		if at > 1 { // after a value: a comma first
			if at >= len(v) || v[at] != ',' {
				break
			}
			at++
		}
		name := fields[i].name
		if rest := v[at:]; len(rest) < len(name)+3 || rest[0] != '"' || string(rest[1:1+len(name)]) != name ||
			rest[1+len(name)] != '"' || rest[2+len(name)] != ':' {
			continue // absent: the next field's key may come here
		}
		sc.i = at + len(name) + 3
		quoted := sc.i < len(v) && v[sc.i] == '"'
		var raw []byte
		var ok bool
		if quoted {
			raw, ok = sc.str()
		} else {
			raw, ok = sc.scalar()
		}
		if !ok || !put(fields, i, raw, quoted, strs, got) {
			return false
		}
	}
	return sc.i == len(v)-1 && v[sc.i] == '}'
}

// put puts a value of the i'th field where the field binds it (a string
// into strs, marked in got, for setStrings); false for a value of the
// wrong type.
func put(fields []field, i int, raw []byte, quoted bool, strs *[maxScanStrings][]byte, got *uint32) bool {
	switch f := &fields[i]; {
	case f.num != nil:
		n, ok := jsonInt(raw)
		*f.num = n
		return !quoted && ok
	case f.flag != nil:
		*f.flag = string(raw) == "true"
		return !quoted && (*f.flag || string(raw) == "false")
	case f.status != nil: // each occurrence, as encoding/json does
		// A concrete call: an interface's would let every pointer
		// in fields escape, and each record decoded go to the heap.
		return quoted && f.status.UnmarshalText(raw) == nil
	case f.str != nil && i < maxScanStrings:
		strs[i], *got = raw, *got|1<<i // the last of a repeated key, as encoding/json
	case f.str != nil:
		*f.str = string(raw)
	case f.raw != nil:
		*f.raw = raw
	}
	return quoted
}

// maxScanStrings is how many fields of a scan can have their strings made
// together; those past it (no record has so many) get one each.
const maxScanStrings = 16

// fieldAt is the index of the field named key, looked for from next on
// and then from the start; -1 for none.
func fieldAt(fields []field, key []byte, next int) int {
	for i := next; i < len(fields); i++ {
		if string(key) == fields[i].name {
			return i
		}
	}
	for i := 0; i < next && i < len(fields); i++ {
		if string(key) == fields[i].name {
			return i
		}
	}
	return -1
}

// setStrings puts the values strs holds for the fields got marks into
// their strings, all of them parts of one string.
func setStrings(fields []field, strs *[maxScanStrings][]byte, got uint32) {
	total := 0
	for g := got; g != 0; g &= g - 1 {
		total += len(strs[bits.TrailingZeros32(g)])
	}
	var stack [256]byte
	buf := stack[:0]
	if total > len(stack) {
		buf = make([]byte, 0, total)
	}
	for g := got; g != 0; g &= g - 1 {
		buf = append(buf, strs[bits.TrailingZeros32(g)]...)
	}
	all := string(buf)
	for g := got; g != 0; g &= g - 1 {
		n := len(strs[bits.TrailingZeros32(g)])
		*fields[bits.TrailingZeros32(g)].str, all = all[:n], all[n:]
	}
}

// lowerASCII reports a key that can match a field's name (lower-case
// ASCII, as every name here is) only exactly: no capital, and no
// non-ASCII letter that folds to an ASCII one (as the Kelvin sign does).
func lowerASCII(key []byte) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// eachField calls fn with each key and value of a flat JSON object: a
// string value without its quotes (quoted true), any other value as
// written. It returns false, having stopped, when fn does or when v is not
// such an object: a nested value, an escape, bad syntax.
func eachField(v []byte, fn func(key, raw []byte, quoted bool) bool) bool {
	sc := fieldScanner{b: v}
	if !sc.byte('{') {
		return false
	}
	if sc.byte('}') {
		return sc.end()
	}
	for {
		key, ok := sc.str()
		if !ok || !sc.byte(':') {
			return false
		}
		quoted := sc.peek() == '"'
		var raw []byte
		if quoted {
			raw, ok = sc.str()
		} else {
			raw, ok = sc.scalar()
		}
		if !ok || !fn(key, raw, quoted) {
			return false
		}
		if sc.byte('}') {
			return sc.end()
		}
		if !sc.byte(',') {
			return false
		}
	}
}

// sameFold reports whether key is one of names in other letter cases:
// encoding/json matches a field's name without regard to case, so such a
// key (never written by this package; a damaged byte can make one) goes
// to it.
func sameFold(key []byte, fields ...field) bool {
	for _, f := range fields {
		if bytes.EqualFold(key, []byte(f.name)) {
			return true
		}
	}
	return false
}

// jsonInt reads an integer written as JSON writes one (no '+', no leading
// zero, no fraction or exponent: those go to encoding/json, which refuses
// some of them for an int field).
func jsonInt(raw []byte) (int, bool) {
	digits := raw
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 9 || digits[0] == '0' && len(digits) > 1 {
		return 0, false
	}
	n := 0
	for _, c := range digits { // nine digits at most: no overflow
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if len(digits) < len(raw) {
		n = -n
	}
	return n, true
}

// fieldScanner walks a flat JSON object.
type fieldScanner struct {
	b []byte
	i int
}

func (s *fieldScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

func (s *fieldScanner) peek() byte {
	s.space()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// byte consumes c if it comes next.
func (s *fieldScanner) byte(c byte) bool {
	if s.peek() != c {
		return false
	}
	s.i++
	return true
}

// end reports that nothing but space follows.
func (s *fieldScanner) end() bool {
	s.space()
	return s.i == len(s.b)
}

// str reads a string with no escapes, no control characters and nothing
// that is not UTF-8 (which encoding/json replaces). It is most of the
// scan's time: it goes eight bytes at a time to the first byte that is
// not plain ASCII (specials8), and looks that one up in strBytes; the
// last bytes of the input, fewer than eight, it looks up one by one.
func (s *fieldScanner) str() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start, ascii := s.i, true
	for {
		for s.i+8 <= len(s.b) {
			special := specials8(binary.LittleEndian.Uint64(s.b[s.i:]))
			if special != 0 {
				s.i += bits.TrailingZeros64(special) / 8
				break
			}
			s.i += 8
		}
		if s.i >= len(s.b) {
			return nil, false
		}
		switch strBytes[s.b[s.i]] {
		case strPlain: // in the last bytes
		case strEnd:
			s.i++
			str := s.b[start : s.i-1]
			return str, ascii || utf8.Valid(str)
		case strNonASCII:
			ascii = false
		default:
			return nil, false
		}
		s.i++
	}
}

// specials8 marks, in the high bit of each of its bytes, the bytes of x
// (read little-endian: the first byte lowest) that are not strPlain: a
// quote, a backslash, a control character or a byte past ASCII; 0 when
// all eight are plain. Each test is the word-wide "has a zero byte" one:
// a byte's borrow can mark the byte after it, but only when that byte
// was marked itself, so the lowest mark is always the first such byte.
func specials8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	return ((quote-ones)&^quote | (backslash-ones)&^backslash | (x-ones*0x20)&^x | x) & highs
}

// What a byte inside a string is to str.
const (
	strPlain    = iota
	strEnd      // the closing quote
	strNonASCII // part of a character past ASCII: checked as UTF-8 at the end
	strRefused  // a control character or a backslash: encoding/json reads those
)

var strBytes = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c < 0x20 || c == '\\':
			t[c] = strRefused
		case c == '"':
			t[c] = strEnd
		case c >= utf8.RuneSelf:
			t[c] = strNonASCII
		}
	}
	return t
}()

// scalar reads a number, true, false or null up to the next , } or space.
func (s *fieldScanner) scalar() ([]byte, bool) {
	s.space()
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		c := s.b[s.i]
		if c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		if c == '{' || c == '[' || c == '"' || c == ':' {
			return nil, false
		}
	}
	return s.b[start:s.i], s.i > start
}
