package routine

import (
	"math/rand/v2"
	"testing"
	"time"
)

// DateOf and AppendDate write what Format(time.DateOnly) writes, over
// random instants in zones from -12 h to +14 h (quarter hours too), year
// ends and the years Format writes in other widths.
func TestDateOfAgreesWithFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 16))
	zone := func() *time.Location { return time.FixedZone("", (rng.IntN(26*4+1)-12*4)*900) }
	var times []time.Time
	for _, y := range []int{-10001, -1, 0, 1, 999, 1000, 1969, 1970, 2000, 9999, 10000, 123456} {
		at := time.Date(y, 12, 31, 23, 59, 59, 999999999, time.UTC)
		times = append(times, at, at.In(zone()), at.Add(time.Nanosecond).In(zone()))
	}
	for i := 0; i < 200000; i++ {
		times = append(times, time.Unix(rng.Int64N(400*365*86400)-100*365*86400, rng.Int64N(1e9)).In(zone()))
	}
	for _, at := range append(times, time.Time{}) {
		if got, want := DateOf(at), at.Format(time.DateOnly); got != want {
			t.Fatalf("DateOf(%v) = %q, want %q", at, got, want)
		}
		if got, want := string(AppendDate([]byte("x"), at)), "x"+at.Format(time.DateOnly); got != want {
			t.Fatalf("AppendDate(x, %v) = %q, want %q", at, got, want)
		}
	}
}

// dayNumber counts what time.Date counts, for valid dates (civilDay)
// and for the months and days past their ends that time.Date
// normalises.
func TestDayNumberAgreesWithTimeDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	for i := 0; i < 300000; i++ {
		y, m, d := rng.IntN(20000)-10000, time.Month(rng.IntN(12)+1), rng.IntN(31)+1
		if i%3 == 0 {
			m, d = time.Month(rng.IntN(30)-8), rng.IntN(80)-20
		}
		want := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
		if got := dayNumber(y, m, d); got != want {
			t.Fatalf("dayNumber(%d, %d, %d) = %d, want %d", y, m, d, got, want)
		}
	}
}
