package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// dayLayoutByRuns is dayLayout as it was before leadingInt: the run of
// '-' and digits found first, then read by jsonInt. The reference.
func dayLayoutByRuns(v []byte) (out Day, date []byte, ok bool) {
	rest, ok := bytes.CutPrefix(v, []byte(`{"date":"`))
	if !ok || len(rest) < len(dateLayout)+1 || rest[len(dateLayout)] != '"' {
		return out, nil, false
	}
	for _, c := range rest[:len(dateLayout)] {
		if (c < '0' || c > '9') && c != '-' {
			return out, nil, false
		}
	}
	date, rest = rest[:len(dateLayout)], rest[len(dateLayout)+1:]
	for _, f := range [...]struct {
		key string
		n   *int
	}{{`,"sessions":`, &out.Sessions}, {`,"sets":`, &out.Sets}, {`,"skipped":`, &out.Skipped},
		{`,"baseline_sum":`, &out.BaselineSum}, {`,"baselines":`, &out.Baselines},
		{`,"max_pain":`, &out.MaxPain}, {`,"completed":`, &out.Completed}} {
		if rest, ok = bytes.CutPrefix(rest, []byte(f.key)); !ok {
			return out, nil, false
		}
		end := 0
		for end < len(rest) && (rest[end] == '-' || '0' <= rest[end] && rest[end] <= '9') {
			end++
		}
		if *f.n, ok = jsonInt(rest[:end]); !ok {
			return out, nil, false
		}
		rest = rest[end:]
	}
	return out, date, string(rest) == "}"
}

// dayLayout reads what the run-first read reads, and refuses what it
// refuses, over day records as written with random numbers (negative,
// zero, up to ten digits) and the same records with bytes changed,
// cut out or put in: numbers with a leading zero, a '-' inside, no
// digits, a cut end.
func TestDayLayoutEqualsRunFirstRead(t *testing.T) {
	rng := rand.New(rand.NewPCG(92, 7))
	number := func() string {
		switch rng.IntN(6) {
		case 0:
			return "0"
		case 1:
			return fmt.Sprint(-rng.IntN(1000))
		case 2:
			return fmt.Sprint(rng.Int64N(1e10)) // up to ten digits
		default:
			return fmt.Sprint(rng.IntN(200))
		}
	}
	const junk = "-0123456789}\",:a "
	accepted, refused := 0, 0
	for i := 0; i < 200000; i++ {
		v := []byte(fmt.Sprintf(`{"date":"2026-%02d-%02d","sessions":%s,"sets":%s,"skipped":%s,"baseline_sum":%s,"baselines":%s,"max_pain":%s,"completed":%s}`,
			1+rng.IntN(12), 1+rng.IntN(28), number(), number(), number(), number(), number(), number(), number()))
		for n := rng.IntN(3); n > 0; n-- {
			at := rng.IntN(len(v))
			switch c := junk[rng.IntN(len(junk))]; rng.IntN(3) {
			case 0:
				v[at] = c
			case 1:
				v = append(v[:at], v[at+1:]...)
			default:
				v = append(v[:at], append([]byte{c}, v[at:]...)...)
			}
		}
		got, gotDate, gotOK := dayLayout(v)
		want, wantDate, wantOK := dayLayoutByRuns(v)
		if gotOK != wantOK || gotOK && (got != want || !bytes.Equal(gotDate, wantDate)) {
			t.Fatalf("%s: read %+v %q %v, want %+v %q %v", v, got, gotDate, gotOK, want, wantDate, wantOK)
		}
		if gotOK {
			accepted++
		} else {
			refused++
		}
	}
	if accepted < 1000 || refused < 1000 {
		t.Fatalf("%d records read, %d refused: the cases are not mixed", accepted, refused)
	}
}

// leadingInt is jsonInt of the head's run of '-' and digits, with the
// run's length, on short random strings of those bytes and others.
func TestLeadingIntEqualsJSONIntOfTheRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(92, 8))
	const alphabet = "-0123456789-123,}"
	for i := 0; i < 200000; i++ {
		b := make([]byte, rng.IntN(14))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		end := 0
		for end < len(b) && (b[end] == '-' || '0' <= b[end] && b[end] <= '9') {
			end++
		}
		want, wantOK := jsonInt(b[:end])
		n, w, ok := leadingInt(b)
		if ok != wantOK || ok && (n != want || w != end) {
			t.Fatalf("%q: %d, %d bytes, %v; want %d, %d bytes, %v", b, n, w, ok, want, end, wantOK)
		}
	}
}
