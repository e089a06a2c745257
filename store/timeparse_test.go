package store

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// quickTime reads every time as this package writes it (RFC3339Nano, in
// zones from -12 h to +14 h, quarter hours too, years 0 to 9999), and
// whatever it reads, written or mutated, time.Parse reads the same, to
// the location: with Local in UTC, in an offset the times share, and in
// one they do not.
func TestQuickTimeAgreesWithParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 14))
	defer func(l *time.Location) { time.Local = l }(time.Local)
	odd := []string{"2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T23:59:59.999999999+14:00",
		"2025-04-31T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T23:60:00Z", "2025-01-01T23:59:60Z", "0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59.9999999999Z", "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00,5Z", "2025-01-01T00:00:00z",
		"2025-01-01T00:00:00+24:00", "2025-01-01T00:00:00-00:00", "2025-01-01T00:00:00+05:60", "2025-01-01T00:00:00+0500",
		"2025-01-01 00:00:00Z", "2025-1-01T00:00:00Z", "+025-01-01T00:00:00Z", "2025-01-01T00:00:00.123Z", "2025-01-01T00:00:00"}
	for _, local := range []*time.Location{time.UTC, time.FixedZone("", 2*3600), time.FixedZone("XST", -(3*3600 + 1800))} {
		time.Local = local
		check := func(s string, written bool) {
			t.Helper()
			got, ok := quickTime(s)
			if written && !ok {
				t.Fatalf("quickTime(%q) did not read a time as written", s)
			}
			if !ok {
				return
			}
			want, err := time.Parse(time.RFC3339Nano, s)
			if err != nil || !reflect.DeepEqual(got, want) || got != want && got.Location() == want.Location() {
				t.Fatalf("Local %v: quickTime(%q) = %v (%#v), time.Parse %v (%#v), %v", local, s, got, got, want, want, err)
			}
		}
		for _, s := range odd {
			check(s, false)
		}
		for i := 0; i < 30000; i++ {
			sec := rng.Int64N(10000*365*86400) - 1970*365*86400 // years 0 to 9999, about
			at := time.Unix(sec, rng.Int64N(1e9))
			switch rng.IntN(4) {
			case 0:
				at = at.Truncate(time.Second)
			case 1:
				at = at.Truncate(time.Millisecond)
			}
			zone := time.FixedZone("", (rng.IntN(27*4)-12*4)*900)
			if rng.IntN(5) == 0 {
				zone = local
			}
			s := at.In(zone).Format(time.RFC3339Nano)
			if at.In(zone).Year() < 0 || at.In(zone).Year() > 9999 {
				continue
			}
			check(s, true)
			eachMutation(rng, []byte(s), 3, func(v []byte) { check(string(v), false) })
		}
	}
}
