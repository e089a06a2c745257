package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// strByBytes is str as it was before specials8: one look-up per byte. The
// reference of TestStrAgreesByteByByte.
func (s *fieldScanner) strByBytes() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start, ascii := s.i, true
	for ; s.i < len(s.b); s.i++ {
		switch strBytes[s.b[s.i]] {
		case strPlain:
		case strEnd:
			s.i++
			str := s.b[start : s.i-1]
			return str, ascii || utf8.Valid(str)
		case strNonASCII:
			ascii = false
		default:
			return nil, false
		}
	}
	return nil, false
}

// specials8 marks first the first byte of a word that is not plain,
// and nothing when all are, for words with every byte value in every
// place and mixes of them.
func TestSpecials8AgreesWithTheTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	check := func(w [8]byte) {
		want := 8
		for i, c := range w {
			if strBytes[c] != strPlain {
				want = i
				break
			}
		}
		x := specials8(binary.LittleEndian.Uint64(w[:]))
		if got := bits.TrailingZeros64(x) / 8; got != want || x&^0x8080808080808080 != 0 {
			t.Fatalf("specials8(%q) = %#x: first special byte %d, want %d", w[:], x, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for at := 0; at < 8; at++ {
			w := [8]byte{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}
			w[at] = byte(c)
			check(w)
			for i := range w { // around it, bytes whose borrow can spill
				if i != at {
					w[i] = []byte{0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x01, 0x80, 0x20, 0x1f, 0x22, 0x5c}[rng.IntN(11)]
				}
			}
			check(w)
		}
	}
	for i := 0; i < 200000; i++ {
		var w [8]byte
		for j := range w {
			w[j] = byte(rng.IntN(256))
			if rng.IntN(2) == 0 {
				w[j] = byte(0x20 + rng.IntN(0x60)) // mostly printable
			}
		}
		check(w)
	}
}

// str reads what the byte-by-byte str reads, and stops where it stops,
// over strings of every length around the eight-byte steps with every
// kind of byte at every place: quotes, escapes, controls, UTF-8 whole and
// broken, and the end of the input.
func TestStrAgreesByteByByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	kinds := [][]byte{[]byte("a"), []byte("Z"), []byte(" "), []byte("~"), []byte(`"`), []byte(`\`), {0x1f}, {0x7f},
		[]byte("é"), []byte("✓"), {0xe2, 0x9c}, {0xff}, []byte("-"), []byte(":")}
	for i := 0; i < 100000; i++ {
		b := []byte{'"'}
		for n := rng.IntN(40); n > 0; n-- {
			if rng.IntN(6) == 0 {
				b = append(b, kinds[rng.IntN(len(kinds))]...)
			} else {
				b = append(b, byte('a'+rng.IntN(26)))
			}
		}
		if rng.IntN(4) != 0 {
			b = append(b, '"')
		}
		b = append(b, []byte(`,"k":1}`)[:rng.IntN(8)]...)
		got, want := fieldScanner{b: b}, fieldScanner{b: b}
		gs, gok := got.str()
		ws, wok := want.strByBytes()
		if gok != wok || string(gs) != string(ws) || gok && got.i != want.i {
			t.Fatalf("%q: str gives %q %t at %d, byte by byte %q %t at %d", b, gs, gok, got.i, ws, wok, want.i)
		}
	}
}

// reorder writes the flat object v with its fields in a random order,
// some of them twice (encoding/json keeps the last), some with a key in
// capitals (which encoding/json takes too) and some left out.
func reorder(rng *rand.Rand, v []byte) []byte {
	var keys, raws []string
	if !eachField(v, func(key, raw []byte, quoted bool) bool {
		r := string(raw)
		if quoted {
			r = `"` + r + `"`
		}
		keys, raws = append(keys, string(key)), append(raws, r)
		return true
	}) {
		panic("not a flat object: " + string(v))
	}
	out := []byte{'{'}
	for n, i := range rng.Perm(len(keys)) {
		if rng.IntN(8) == 0 {
			continue // left out
		}
		key, raw := keys[i], raws[i]
		if rng.IntN(6) == 0 { // twice: first with another field's value
			j := rng.IntN(len(raws))
			out = append(out, `"`+key+`":`+raws[j]+`,`...)
		}
		if rng.IntN(40) == 0 {
			key = strings.ToUpper(key)
		}
		if n > 0 && out[len(out)-1] != ',' {
			out = append(out, ',')
		}
		out = append(out, `"`+key+`":`+raw...)
	}
	return append(bytes.TrimSuffix(out, []byte{','}), '}')
}

// Sessions and decisions whose fields come in any order, twice or in
// other letter cases read as encoding/json reads them: the scan looks
// for each key from the last one found, and makes a record's strings
// together at its end.
func TestScanInAnyOrderAgreesWithTheFullDecode(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, zoneEast)
	sess := testSession(at, StatusCompleted)
	sess.EndedAt, sess.Note, sess.Short, sess.Routine = at.Add(time.Hour), "stopped: pain ✓", true, "Nerve glides and pulls"
	dec := testDecision(sess.ID, 1)
	dec.Minutes, dec.HoldStepUp, dec.Sign, dec.Tier = 12, true, "Fever", "urgent"
	sv, err := json.Marshal(toSessionJSON(sess))
	mustNil(t, err)
	dv, err := json.Marshal(toDecisionJSON(dec))
	mustNil(t, err)
	for i := 0; i < 3000; i++ {
		v := reorder(rng, sv)
		got, err := decodeSession(v)
		var j sessionJSON
		want, wantErr := Session{}, json.Unmarshal(v, &j)
		if wantErr == nil {
			want, wantErr = j.session()
			want = want.clean()
		}
		if (err == nil) != (wantErr == nil) || err == nil && !sameSession(got, want) {
			t.Fatalf("%s: the scan gives %+v, %v; encoding/json %+v, %v", v, got, err, want, wantErr)
		}
		v = reorder(rng, dv)
		gotD, err := decodeDecision(v)
		var dj decisionJSON
		wantD, wantErr := Decision{}, json.Unmarshal(v, &dj)
		if wantErr == nil {
			wantD, wantErr = dj.decision()
			wantD = wantD.clean()
		}
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%s: the scan says %v, encoding/json %v", v, err, wantErr)
		}
		if err == nil {
			assertDecision(t, gotD, wantD)
		}
	}
}

// scanBoth reads v with scanWritten and with scanAnyOrder, each into the
// fields bind makes for it, strings made as scanFields makes them.
func scanBoth[T any](v []byte, bind func(*T) []field) (written, any T, writtenOK, anyOK bool) {
	var ws, as [maxScanStrings][]byte
	var wg, ag uint32
	wf, af := bind(&written), bind(&any)
	if writtenOK = scanWritten(v, wf, &ws, &wg); writtenOK {
		setStrings(wf, &ws, wg)
	}
	if anyOK = scanAnyOrder(v, af, &as, &ag); anyOK {
		setStrings(af, &as, ag)
	}
	return written, any, writtenOK, anyOK
}

// scanWritten takes every record as this package writes it, and what
// it takes it reads as scanAnyOrder does: over sessions, decisions,
// profiles and sets as written, each byte of them mutated, and their
// fields shuffled, repeated, in capitals or left out.
func TestScanWrittenAgreesWithAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, zoneEast)
	sess := testSession(at, StatusCompleted)
	sess.EndedAt, sess.Note, sess.Routine = at.Add(time.Hour), "stopped: pain ✓", "Nerve glides and pulls"
	plain, build, sign := testDecision(sess.ID, 0), testDecision(sess.ID, 1), testDecision(sess.ID, 2)
	build.Minutes, build.HoldStepUp = 12, true
	sign.Sign, sign.Tier = "Fever", "urgent"
	p := Profile{SurgeryDate: "2026-03-02", Region: "lumbar", ClearedPhase: 2, ClearedAt: at, Cues: "bell",
		PatientName: "Ana Lí", PatientID: "MRN-1"}
	marshal := func(v any) []byte {
		b, err := json.Marshal(v)
		mustNil(t, err)
		return b
	}
	type check struct {
		v     []byte
		check func(v []byte, asWritten bool)
	}
	var checks []check
	agree := func(what string, bind func(v []byte) (w, a any, wok, aok bool)) func([]byte, bool) {
		return func(v []byte, asWritten bool) {
			t.Helper()
			w, a, wok, aok := bind(v)
			if asWritten && !wok {
				t.Fatalf("a %s as written did not take scanWritten: %s", what, v)
			}
			if wok && (!aok || !reflect.DeepEqual(w, a)) {
				t.Fatalf("%s %s: scanWritten gives %+v, scanAnyOrder %+v %t", what, v, w, a, aok)
			}
		}
	}
	sessionCheck := agree("session", func(v []byte) (any, any, bool, bool) {
		w, a, wok, aok := scanBoth(v, fieldsByTag[sessionJSON])
		return w, a, wok, aok
	})
	decisionCheck := agree("decision", func(v []byte) (any, any, bool, bool) {
		w, a, wok, aok := scanBoth(v, fieldsByTag[decisionJSON])
		return w, a, wok, aok
	})
	profileCheck := agree("profile", func(v []byte) (any, any, bool, bool) {
		w, a, wok, aok := scanBoth(v, profileFields)
		return w, a, wok, aok
	})
	checks = append(checks, check{marshal(toSessionJSON(sess)), sessionCheck}, check{marshal(toProfileJSON(p)), profileCheck})
	for _, d := range []Decision{plain, build, sign} {
		checks = append(checks, check{marshal(toDecisionJSON(d)), decisionCheck})
	}
	for _, c := range checks {
		c.check(c.v, true)
		eachMutation(rng, c.v, 500, func(v []byte) { c.check(v, false) })
		for i := 0; i < 500; i++ {
			c.check(reorder(rng, c.v), false)
		}
	}
}

// fieldsByTag binds the fields of the struct *p by their JSON names, in
// the struct's order (the order json.Marshal writes them in): strings,
// whole numbers, booleans and statuses. The scan of TestScanWritten
// reads records through it, not through the readers' own lists.
func fieldsByTag[T any](p *T) []field {
	var fields []field
	v := reflect.ValueOf(p).Elem()
	for i := 0; i < v.NumField(); i++ {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		switch ptr := v.Field(i).Addr().Interface().(type) {
		case *Status:
			fields = append(fields, field{name: name, status: ptr})
		case *string:
			fields = append(fields, field{name: name, str: ptr})
		case *int:
			fields = append(fields, field{name: name, num: ptr})
		case *bool:
			fields = append(fields, field{name: name, flag: ptr})
		}
	}
	return fields
}
