package store

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func assertDays(t *testing.T, s *Store, from, to string, want []Day, context string) {
	t.Helper()
	got, err := s.DaysBetween(from, to)
	mustNil(t, err)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: DaysBetween(%s, %s)\n got %+v\nwant %+v", context, from, to, got, want)
	}
}

func ids(ss []Session) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func TestSessionsBetweenDayBoundaries(t *testing.T) {
	s := newStore(t)
	lastSecond := testSession(time.Date(2025, 3, 4, 23, 59, 59, 0, zoneEast), StatusCompleted)
	midnight := testSession(time.Date(2025, 3, 5, 0, 0, 0, 0, zoneEast), StatusCompleted)
	// 22:30 at -05:00 is already the next day in UTC; it is still the 5th locally.
	lateWest := testSession(time.Date(2025, 3, 5, 22, 30, 0, 0, zoneWest), StatusStopped)
	earlier := testSession(time.Date(2025, 3, 1, 8, 0, 0, 0, zoneEast), StatusAbandoned)
	for _, sess := range []Session{midnight, lateWest, lastSecond, earlier} {
		mustNil(t, s.PutSession(sess))
	}
	day := func(y int, m time.Month, d int, loc *time.Location) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []Session
	}{
		{"the 4th", day(2025, 3, 4, zoneEast), day(2025, 3, 5, zoneEast), []Session{lastSecond}},
		{"the 5th", day(2025, 3, 5, zoneEast), day(2025, 3, 6, zoneEast), []Session{midnight}},
		// The same instants seen from -05:00: both fall on the 4th there.
		{"the 4th in the west", day(2025, 3, 4, zoneWest), day(2025, 3, 5, zoneWest), []Session{lastSecond, midnight}},
		{"the 5th in the west", day(2025, 3, 5, zoneWest), day(2025, 3, 6, zoneWest), []Session{lateWest}},
		{"to is exclusive", day(2025, 3, 4, zoneEast), midnight.StartedAt, []Session{lastSecond}},
		{"from is inclusive", midnight.StartedAt, midnight.StartedAt.Add(time.Nanosecond), []Session{midnight}},
		{"all", day(2025, 1, 1, time.UTC), day(2026, 1, 1, time.UTC), []Session{earlier, lastSecond, midnight, lateWest}},
		{"none before", day(2024, 1, 1, time.UTC), day(2025, 1, 1, time.UTC), nil},
		{"empty range", midnight.StartedAt, midnight.StartedAt, nil},
		{"reversed range", day(2026, 1, 1, time.UTC), day(2025, 1, 1, time.UTC), nil},
		{"from before 1970", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), day(2025, 3, 2, time.UTC), []Session{earlier}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SessionsBetween(tt.from, tt.to)
			mustNil(t, err)
			if fmt.Sprint(ids(got)) != fmt.Sprint(ids(tt.want)) {
				t.Fatalf("got %v, want %v", ids(got), ids(tt.want))
			}
			for i := range got {
				assertSession(t, got[i], tt.want[i])
			}
		})
	}

	// Days are the local day of each session's start, in its own offset.
	assertDays(t, s, "2025-03-01", "2025-03-31", []Day{
		{Date: "2025-03-01", Sessions: 1, BaselineSum: 3, Baselines: 1, MaxPain: -1},
		{Date: "2025-03-04", Sessions: 1, BaselineSum: 3, Baselines: 1, MaxPain: -1, Completed: 1},
		{Date: "2025-03-05", Sessions: 2, BaselineSum: 6, Baselines: 2, MaxPain: -1, Completed: 1},
	}, "days")
}

func TestDaysBetween(t *testing.T) {
	s := newStore(t)
	a := testSession(time.Date(2025, 3, 4, 8, 0, 0, 0, zoneEast), StatusCompleted)
	b := testSession(time.Date(2025, 3, 4, 18, 0, 0, 0, zoneEast), StatusStopped)
	b.Baseline = 6
	c := testSession(time.Date(2025, 3, 6, 8, 0, 0, 0, zoneEast), StatusInProgress)
	c.Baseline = -1
	for _, sess := range []Session{a, b, c} {
		mustNil(t, s.PutSession(sess))
	}
	skipped := testSet(a.ID, 2, -1)
	skipped.Skipped = true
	// A set's day is its session's day, whatever its own time says.
	late := testSet(b.ID, 0, 7)
	late.At = time.Date(2025, 3, 5, 0, 30, 0, 0, zoneEast)
	for _, r := range []SetRecord{testSet(a.ID, 0, 2), testSet(a.ID, 1, 3), skipped, late, testSet(c.ID, 0, 1)} {
		mustNil(t, s.RecordSet(r))
	}
	d4 := Day{Date: "2025-03-04", Sessions: 2, Sets: 4, Skipped: 1, BaselineSum: 9, Baselines: 2, MaxPain: 7, Completed: 1}
	d6 := Day{Date: "2025-03-06", Sessions: 1, Sets: 1, MaxPain: 1}
	tests := []struct {
		from, to string
		want     []Day
	}{
		{"2025-03-01", "2025-03-31", []Day{d4, d6}},
		{"2025-03-04", "2025-03-04", []Day{d4}},
		{"2025-03-04", "2025-03-06", []Day{d4, d6}}, // both ends included
		{"2025-03-05", "2025-03-05", nil},
		{"2025-03-05", "2025-03-06", []Day{d6}},
		{"2025-03-07", "2025-03-01", nil},
	}
	for _, tt := range tests {
		assertDays(t, s, tt.from, tt.to, tt.want, tt.from+".."+tt.to)
	}
	if avg, ok := d4.BaselineAvg(); !ok || avg != 4.5 {
		t.Errorf("BaselineAvg = %v, %v", avg, ok)
	}
	if _, ok := d6.BaselineAvg(); ok {
		t.Error("BaselineAvg of a day without baselines")
	}
	for _, bad := range [][2]string{{"2025-3-1", "2025-03-31"}, {"2025-03-01", "tomorrow"}} {
		if _, err := s.DaysBetween(bad[0], bad[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("DaysBetween(%q, %q): %v", bad[0], bad[1], err)
		}
	}
	mustNil(t, s.Check())
}

// Re-putting a session's instant with another offset can move it to
// another local day; the old day must let go of it.
func TestSessionMovesDay(t *testing.T) {
	s := newStore(t)
	start := time.Date(2025, 3, 4, 23, 30, 0, 0, zoneEast) // 21:30 UTC
	sess := testSession(start, StatusInProgress)
	mustNil(t, s.PutSession(sess))
	mustNil(t, s.RecordSet(testSet(sess.ID, 0, 4)))
	sess.StartedAt = start.In(time.FixedZone("", 3*3600)) // 00:30 on the 5th
	mustNil(t, s.PutSession(sess))
	assertDays(t, s, "2025-03-01", "2025-03-31", []Day{
		{Date: "2025-03-05", Sessions: 1, Sets: 1, BaselineSum: 3, Baselines: 1, MaxPain: 4},
	}, "after the move")
	mustNil(t, s.Check())
}
