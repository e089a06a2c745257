package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// windowSessionsByWalk is how history read its sessions before
// windowSessions: the window's range scan, and lastDayBefore's walk back
// for the day before it.
func windowSessionsByWalk(t *testing.T, s *Store, tx *bolt.Tx, now time.Time) (older, window []Session) {
	t.Helper()
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	first := midnight.AddDate(0, 0, -routine.WeekDays)
	older, err := s.lastDayBefore(tx, first.AddDate(0, 0, 1), first.Format(dateLayout))
	mustNil(t, err)
	sessions, err := s.sessionsBetween(tx, first.AddDate(0, 0, -1), midnight.AddDate(0, 0, 2), 0)
	mustNil(t, err)
	window = sessions[:0]
	for _, sess := range sessions {
		if date := dayOf(sess.StartedAt); date >= first.Format(dateLayout) && date <= now.Format(dateLayout) {
			window = append(window, sess)
		}
	}
	return older, window
}

// sparseHistory writes sessions on random days from first: runs of days
// with several sessions, gaps of up to three weeks, starts in time zones
// from -12 h to +14 h (a patient who flies), some across midnight.
func sparseHistory(t *testing.T, s *Store, rng *rand.Rand, first time.Time, days int) {
	t.Helper()
	zones := []*time.Location{zoneEast, zoneWest, time.UTC, time.FixedZone("", 14*3600), time.FixedZone("", -12*3600),
		time.FixedZone("", 5*3600+1800)}
	zone := zones[0]
	for day := 0; day < days; day++ {
		if rng.IntN(6) == 0 {
			day += rng.IntN(21) // a gap
		}
		if rng.IntN(10) == 0 {
			zone = zones[rng.IntN(len(zones))] // a flight
		}
		for n := rng.IntN(5); n > 0; n-- {
			local := first.AddDate(0, 0, day)
			start := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone).Add(time.Duration(rng.IntN(24*60)) * time.Minute)
			if rng.IntN(8) == 0 {
				start = start.In(zones[rng.IntN(len(zones))]) // stored in another offset
			}
			mustNil(t, s.PutSession(testSession(start, StatusCompleted)))
		}
	}
}

// The sessions history reads, the window's and those of the last day
// before it, are the same whether the day before is picked from the
// window's range scan or walked back to: over random sparse histories in
// many time zones, at every hour-ish of every day, with the aggregates
// of four weeks (Home) and of two (History). Both ways are taken: the
// gaps and flights send some reads back to the walk.
func TestWindowSessionsEqualTheWalk(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	nows := []*time.Location{zoneEast, zoneWest, time.UTC, time.FixedZone("", 14*3600), time.FixedZone("", -12*3600)}
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 80))
			s := newStore(t)
			sparseHistory(t, s, rng, first, 90)
			reads, fast, found := historyReads{}, 0, 0
			s.reads = &reads
			for at := first.Add(-48 * time.Hour); at.Before(first.AddDate(0, 0, 150)); at = at.Add(time.Duration(5+rng.IntN(600)) * time.Minute) {
				now := at.In(nows[rng.IntN(len(nows))])
				mustNil(t, s.view(func(tx *bolt.Tx) error {
					wantOlder, wantWindow := windowSessionsByWalk(t, s, tx, now)
					for _, back := range []int{HomeDays, 2 * routine.WeekDays} {
						days, err := s.daysBetween(tx, dayBefore(now, back), now.Format(dateLayout))
						mustNil(t, err)
						walks := reads.olderWalks
						older, window, _, err := s.windowSessions(tx, now, days)
						mustNil(t, err)
						if !reflect.DeepEqual(older, wantOlder) || !reflect.DeepEqual(window, wantWindow) {
							t.Fatalf("at %v (%d days of aggregates): older %v window %v, want %v and %v", now, back,
								ids(older), ids(window), ids(wantOlder), ids(wantWindow))
						}
						if len(wantOlder) > 0 {
							found++
							if reads.olderWalks == walks {
								fast++
							}
						}
					}
					return nil
				}))
			}
			if fast == 0 || fast == found {
				t.Errorf("%d of %d reads with a day before the window picked it from the scan: want both ways tried", fast, found)
			}
		})
	}
}

// A session stored at +14 h early on the window's first day can start
// before the day before that at -12 h begins: the window's scan never
// read it, and the longer scan back to the day before the window must
// not put it in the window either.
func TestWindowSessionsAcrossTheDateLine(t *testing.T) {
	s := newStore(t)
	now := time.Date(2025, 3, 20, 12, 0, 0, 0, time.FixedZone("", -12*3600))
	early := testSession(time.Date(2025, 3, 13, 0, 30, 0, 0, time.FixedZone("", 14*3600)), StatusCompleted)
	before := testSession(time.Date(2025, 3, 9, 9, 0, 0, 0, now.Location()), StatusCompleted)
	inside := testSession(time.Date(2025, 3, 15, 9, 0, 0, 0, now.Location()), StatusCompleted)
	for _, sess := range []Session{early, before, inside} {
		mustNil(t, s.PutSession(sess))
	}
	reads := historyReads{}
	s.reads = &reads
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		wantOlder, wantWindow := windowSessionsByWalk(t, s, tx, now)
		days, err := s.daysBetween(tx, dayBefore(now, HomeDays), now.Format(dateLayout))
		mustNil(t, err)
		older, window, _, err := s.windowSessions(tx, now, days)
		mustNil(t, err)
		if !reflect.DeepEqual(older, wantOlder) || !reflect.DeepEqual(window, wantWindow) {
			t.Fatalf("older %v window %v, want %v and %v", ids(older), ids(window), ids(wantOlder), ids(wantWindow))
		}
		if len(older) != 1 || len(window) != 1 || reads.olderWalks != 0 {
			t.Fatalf("older %v window %v after %d walks: want one each, from the scan", ids(older), ids(window), reads.olderWalks)
		}
		return nil
	}))
}
