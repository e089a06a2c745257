package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// homeOld is Home as it read before the field scan's one-allocation
// strings, dayOf without Format and the shared array of decisions: the
// reference of TestHomeEqualsTheOldRead. It decodes each session's sets
// and decisions in full (setsOf, decisionsOf) and puts them through Log,
// and takes every date with Format.
func homeOld(t *testing.T, s *Store, rules routine.PainRules, now time.Time) Home {
	t.Helper()
	var h Home
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		today := now.Format(dateLayout)
		days, err := s.DaysBetween(dayBefore(now, max(HomeDays, 2*routine.WeekDays)), today)
		mustNil(t, err)
		since := dayBefore(now, HomeDays)
		if i := sort.Search(len(days), func(i int) bool { return days[i].Date >= since }); i < len(days) {
			h.Days = days[i:len(days):len(days)]
		}
		checkinsFrom := dayBefore(now, 2*routine.WeekDays)
		for _, a := range days {
			if avg, ok := a.BaselineAvg(); ok && a.Date >= checkinsFrom && a.Date < today {
				h.History.Checkins = append(h.History.Checkins, routine.DayCheckin{Date: a.Date, Mean: avg})
			}
		}
		older, window := windowSessionsByWalk(t, s, tx, now)
		h.History.Sessions = make([]routine.SessionLog, 0, len(older)+len(window))
		for _, group := range [2][]Session{older, window} {
			for _, sess := range group {
				sets, err := s.setsOf(tx, sess.ID)
				mustNil(t, err)
				decisions, err := s.decisionsOf(tx, sess.ID)
				mustNil(t, err)
				h.History.Sessions = append(h.History.Sessions, Log(sess, sets, decisions))
			}
		}
		h.Day = routine.Today(rules, h.History, now)
		for _, sess := range window {
			if sess.StartedAt.Format(dateLayout) == today {
				h.Today = append(h.Today, sess)
			}
		}
		h.Profile, err = s.profile(tx)
		mustNil(t, err)
		h.Open, h.OpenDone, err = s.openSession(tx)
		mustNil(t, err)
		h.Reviews, err = s.latestReviews(tx)
		mustNil(t, err)
		return nil
	}))
	return h
}

// decidedHistory is sparseHistory with sets and decisions: most sessions
// have sets (some skipped, some with exercise IDs in other letters), some
// have decisions (with reasons, signs, build-up minutes), in zones from
// -12 h to +14 h; a check-in now and then builds digests.
func decidedHistory(t *testing.T, s *Store, rng *rand.Rand, first time.Time, days int) {
	t.Helper()
	sparseHistory(t, s, rng, first, days)
	sessions, err := s.SessionsBetween(first.AddDate(0, 0, -2), first.AddDate(0, 0, days+30))
	mustNil(t, err)
	exercises := []string{"ankle-pumps", "slr-glide", "quad-pull", "bridge ✓", "Ankle-Pumps"}
	for n, sess := range sessions {
		for i := rng.IntN(6); i > 0; i-- {
			mustNil(t, s.RecordSet(scoredSet(sess.ID, i, exercises[rng.IntN(len(exercises))], rng.IntN(12)-1)))
		}
		for seq := 0; seq < rng.IntN(4)-1; seq++ {
			d := testDecision(sess.ID, seq)
			d.At = sess.StartedAt.Add(time.Duration(seq*7) * time.Minute)
			d.ExerciseID = exercises[rng.IntN(len(exercises))]
			d.Reason = fmt.Sprintf("Pain went from %d to %d, so the dose is %d holds.", rng.IntN(10), rng.IntN(10), rng.IntN(5))
			switch rng.IntN(4) {
			case 0:
				d.Rule, d.Minutes, d.HoldStepUp = routine.RuleBuildUp, 5+rng.IntN(20), true
			case 1:
				d.Sign, d.Tier, d.ExerciseID, d.Exercise = "Fever over 38 °C", "urgent", "", ""
			}
			mustNil(t, s.RecordDecision(d))
		}
		if n%9 == 0 {
			checkIn(t, s, sess.StartedAt.Add(26*time.Hour))
		}
	}
}

// Home gives what the old read gave (homeOld, kept here as the
// reference), deep-equal, over random histories with sets and decisions
// in zones from -12 h to +14 h, read at random times in those zones:
// today's sessions, the window's and the day before it, their sets
// (digests or not) and decisions, the check-ins and the day's rules.
func TestHomeEqualsTheOldRead(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rules := routine.DefaultPainRules()
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 90))
			s := newStore(t)
			decidedHistory(t, s, rng, first, 60)
			reads := historyReads{}
			s.reads = &reads
			decided := 0
			for at := first.Add(-48 * time.Hour); at.Before(first.AddDate(0, 0, 100)); at = at.Add(time.Duration(30+rng.IntN(900)) * time.Minute) {
				now := at.In(time.FixedZone("", (rng.IntN(27*4)-12*4)*900))
				got, err := s.Home(rules, now)
				mustNil(t, err)
				if want := homeOld(t, s, rules, now); !reflect.DeepEqual(got, want) {
					t.Fatalf("at %v Home differs from the old read:\n%s", now, homeDiff(got, want))
				}
				for _, l := range got.History.Sessions {
					decided += len(l.Decisions)
				}
			}
			if decided == 0 || reads.digests == 0 {
				t.Errorf("%d decisions and %d digests read in all: the reads tried too little", decided, reads.digests)
			}
		})
	}
}

// homeDiff names the fields of Home in which got and want differ.
func homeDiff(got, want Home) string {
	out := ""
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			out += fmt.Sprintf("%s:\n got %#v\nwant %#v\n", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
	return out
}
