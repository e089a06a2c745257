package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	"unsafe"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// dayOf and timeKey write what t.Format(dateLayout) and the "%016x" of
// the clamped UnixNano wrote, over random instants in zones from -12 h
// to +14 h (quarter hours too), around midnights and year ends, and out
// to the years Format writes in other widths.
func TestDayOfAndTimeKeyAgreeWithFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	zone := func() *time.Location { return time.FixedZone("", (rng.IntN(26*4+1)-12*4)*900) }
	var times []time.Time
	for _, y := range []int{-10001, -1, 0, 1, 999, 1000, 1969, 1970, 1999, 2000, 2024, 2262, 2263, 9999, 10000, 123456} {
		for _, at := range []time.Time{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 23, 59, 59, 999999999, time.UTC)} {
			times = append(times, at, at.In(zone()), at.Add(-time.Nanosecond).In(zone()))
		}
	}
	times = append(times, time.Time{}, minTime, maxTime, time.Unix(0, math.MaxInt64).Add(time.Hour), time.Unix(-1, 0))
	for i := 0; i < 200000; i++ {
		sec := rng.Int64N(400*365*86400) - 100*365*86400 // 1870 to 2270
		times = append(times, time.Unix(sec, rng.Int64N(1e9)).In(zone()))
	}
	for _, at := range times {
		if got, want := dayOf(at), at.Format(dateLayout); got != want {
			t.Fatalf("dayOf(%v) = %q, want %q", at, got, want)
		}
		if got, want := string(appendDay([]byte("x"), at)), "x"+at.Format(dateLayout); got != want {
			t.Fatalf("appendDay(x, %v) = %q, want %q", at, got, want)
		}
		clamped := at
		if at.Before(minTime) {
			clamped = minTime
		} else if at.After(maxTime) {
			clamped = maxTime
		}
		if got, want := timeKey(at), fmt.Sprintf("%016x", uint64(clamped.UnixNano())); got != want {
			t.Fatalf("timeKey(%v) = %q, want %q", at, got, want)
		}
	}
}

// statusOf knows each status by its text and nothing else.
func TestStatusOfAgreesWithStatusText(t *testing.T) {
	for s, text := range statusText {
		if got, ok := statusOf(text); got != s || !ok {
			t.Errorf("statusOf(%q) = %v %t, want %v", text, got, ok, s)
		}
		if got, ok := statusOf([]byte(text)); got != s || !ok {
			t.Errorf("statusOf([]byte(%q)) = %v %t, want %v", text, got, ok, s)
		}
		var u Status
		if err := u.UnmarshalText([]byte(text)); err != nil || u != s {
			t.Errorf("UnmarshalText(%q) = %v %v, want %v", text, u, err, s)
		}
	}
	for _, text := range []string{"", "Completed", "completed ", "done", "in-progress"} {
		if _, ok := statusOf(text); ok {
			t.Errorf("statusOf(%q) knows it", text)
		}
		var u Status
		if err := u.UnmarshalText([]byte(text)); err == nil || err.Error() != fmt.Sprintf("unknown session status %q", text) {
			t.Errorf("UnmarshalText(%q): %v", text, err)
		}
	}
}

// exerciseIDs gives safetext.Line of each ID, one string per distinct ID
// (the same string each time), past the short list's length too.
func TestExerciseIDsCleanOnceEach(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 15))
	ids, first := &exerciseIDs{}, map[string]string{}
	for i := 0; i < 5000; i++ {
		raw := fmt.Sprintf("ex-%d", rng.IntN(3*exerciseIDList))
		if rng.IntN(10) == 0 {
			raw += "\x1b[2J"
		}
		got := ids.clean([]byte(raw))
		if want := safetext.Line(raw); got != want {
			t.Fatalf("clean(%q) = %q, want %q", raw, got, want)
		}
		if f, seen := first[raw]; seen && unsafe.StringData(f) != unsafe.StringData(got) {
			t.Fatalf("clean(%q) made a second string", raw)
		}
		first[raw] = got
	}
	if len(ids.list) != exerciseIDList || len(ids.more) == 0 {
		t.Errorf("%d IDs in the list, %d in the map: want the list full and the rest in the map", len(ids.list), len(ids.more))
	}
}
