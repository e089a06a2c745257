package store

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// randomText is a string of any bytes: the ones JSON escapes, the HTML
// characters, U+2028 and U+2029, other letters, and bytes that are not
// UTF-8.
func randomText(rng *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "<", ">", "&", `"`, `\`, "/", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f",
		"é", "✓", "𝄞", "\u2028", "\u2029", "\u2027", "\u202a", "\ufffd", "\xff", "\xc3", "\xe2\x9c", "\xed\xa0\x80"}
	var b []byte
	for range rng.IntN(12) {
		if rng.IntN(3) == 0 {
			b = append(b, byte(rng.IntN(256)))
		} else {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
	}
	return string(b)
}

// randomFloat is a float64 of any size, sign and precision.
func randomFloat(rng *rand.Rand) float64 {
	switch rng.IntN(4) {
	case 0:
		return math.Float64frombits(rng.Uint64())
	case 1:
		return float64(rng.IntN(100000)) / 1000
	case 2:
		return math.Ldexp(rng.Float64(), rng.IntN(200)-100) * float64(1-2*rng.IntN(2))
	}
	return []float64{0, math.Copysign(0, -1), 1e-6, 1e21, 9.999999999999999e20, 1e-7, 5e-324, math.MaxFloat64}[rng.IntN(8)]
}

// TestStoredFormIsEncodingJSONs: every record an import encodes is byte
// for byte what json.Marshal makes of it, whatever its text and numbers.
func TestStoredFormIsEncodingJSONs(t *testing.T) {
	rng := rand.New(rand.NewPCG(81, 24))
	n := func() int { return []int{0, 1, -1, 10, math.MaxInt, math.MinInt}[rng.IntN(6)] + rng.IntN(100) }
	for range 20000 {
		s := sessionJSON{ID: randomText(rng), StartedAt: randomText(rng), EndedAt: randomText(rng), RoutineID: randomText(rng),
			Routine: randomText(rng), Baseline: n(), DoseLevel: n(), Short: rng.IntN(2) == 0, Status: Status(rng.IntN(6)), Note: randomText(rng)}
		got, ok := appendSessionJSON([]byte("x"), s)
		want, err := json.Marshal(s)
		if ok != (err == nil) || ok && !bytes.Equal(got[1:], want) {
			t.Fatalf("%#v:\n%s (%t)\n%s (%v)", s, got, ok, want, err)
		}
		r := setJSON{SessionID: randomText(rng), Index: n(), ExerciseID: randomText(rng), Exercise: randomText(rng), Side: randomText(rng),
			SetNo: n(), RepsPlanned: n(), RepsDone: n(), HoldS: randomFloat(rng), Pain: n(), Skipped: rng.IntN(2) == 0, DoseLevel: n(), At: randomText(rng)}
		got, ok = appendSetJSON([]byte("x"), r)
		want, err = json.Marshal(r)
		if ok != (err == nil) || ok && !bytes.Equal(got[1:], want) {
			t.Fatalf("%#v:\n%s (%t)\n%s (%v)", r, got, ok, want, err)
		}
		d := decisionJSON{SessionID: randomText(rng), Seq: n(), At: randomText(rng), Rule: randomText(rng), ExerciseID: randomText(rng),
			Exercise: randomText(rng), Side: randomText(rng), LevelBefore: n(), LevelAfter: n(), HoldStepUp: rng.IntN(2) == 0,
			Minutes: n() * rng.IntN(2), Reason: randomText(rng), Sign: randomText(rng), Tier: randomText(rng)}
		got = appendDecisionJSON([]byte("x"), d)
		if want, err = json.Marshal(d); err != nil || !bytes.Equal(got[1:], want) {
			t.Fatalf("%#v:\n%s\n%s (%v)", d, got, want, err)
		}
	}
}

// FuzzStoredForm: a string and a float, written as json.Marshal writes
// them.
//
//	go test ./store -run '^$' -fuzz '^FuzzStoredForm$' -fuzztime 60s
func FuzzStoredForm(f *testing.F) {
	f.Add("Sit & stand <slowly>\u2028\x01\xff", 2.5)
	f.Add("", 1e-7)
	f.Fuzz(func(t *testing.T, s string, hold float64) {
		want, err := json.Marshal(s)
		if got := appendJSONString(nil, s); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, json.Marshal %s (%v)", s, got, want, err)
		}
		want, err = json.Marshal(hold)
		if err == nil {
			if got := appendJSONFloat(nil, hold); !bytes.Equal(got, want) {
				t.Fatalf("%v: %s, json.Marshal %s", hold, got, want)
			}
		}
	})
}
