package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// dayByDay is the per-exercise read without week aggregates: the day
// aggregates of every day of from..to, what a file of schema 3 or 4
// gives, and the reference the weekly read must agree with.
func dayByDay(t *testing.T, s *Store, from, to string) []routine.SetScore {
	t.Helper()
	w := newWindowSum()
	mustNil(t, s.view(func(tx *bolt.Tx) error { return s.sumDays(w, tx.Bucket(bucketExerciseDays), from, to) }))
	return w.scores()
}

// weekly is the trends' per-exercise read, with how many aggregates it
// read and on how many distinct days they count.
func weekly(t *testing.T, s *Store, from, to string) (scores []routine.SetScore, records, days int) {
	t.Helper()
	w := newWindowSum()
	mustNil(t, s.view(func(tx *bolt.Tx) error { return s.sumExerciseScores(tx, w, from, to) }))
	return w.scores(), w.records, len(w.dates)
}

// builtWeeks is the set of the Mondays whose weeks are built: they have
// a marker.
func builtWeeks(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	built := map[string]bool{}
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketExerciseWeeks).ForEach(func(k, _ []byte) error {
			if len(k) == len(dateLayout) {
				built[string(k)] = true
			}
			return nil
		})
	}))
	return built
}

// weeklyDate is the day a score the day-by-day read puts on day counts
// on in the weekly read of from..to: the Sunday of day's week if that
// week lies whole in the window and is built, else day itself.
func weeklyDate(day, from, to string, built map[string]bool) string {
	span, ok := wholeWeeks(from, to)
	if !ok || day < span.firstMonday || day >= span.tailFrom {
		return day
	}
	d, _ := time.Parse(dateLayout, day)
	if !built[mondayOf(d).Format(dateLayout)] {
		return day
	}
	return mondayOf(d).AddDate(0, 0, 6).Format(dateLayout)
}

// weeklyDays bounds the days the weekly read of from..to counts on: six
// at each end, one per built week and seven per other whole week.
func weeklyDays(from, to string, built map[string]bool) int {
	span, ok := wholeWeeks(from, to)
	if !ok {
		return 12
	}
	n := 12
	d, _ := time.Parse(dateLayout, span.firstMonday)
	for ; d.Format(dateLayout) <= span.lastMonday; d = d.AddDate(0, 0, 7) {
		if built[d.Format(dateLayout)] {
			n++
		} else {
			n += 7
		}
	}
	return n
}

// assertWeeksAgree compares, for windows of several lengths ending on
// every day of first..last, the weekly read with the day-by-day one: the
// same exercises, names and counts in the same order, each on the day
// weeklyDate says; and it bounds what the weekly read reads: at most six
// days at each end, one record per exercise and built week, the days of
// the weeks not built.
func assertWeeksAgree(t *testing.T, s *Store, first, last time.Time, context string) {
	t.Helper()
	built := builtWeeks(t, s)
	for end := first; !end.After(last); end = end.AddDate(0, 0, 1) {
		to := end.Format(dateLayout)
		for _, n := range []int{1, 6, 7, 8, 13, 14, 15, 20, 30, 90} {
			from := routine.WindowStart(end, n)
			want := dayByDay(t, s, from, to)
			got, _, days := weekly(t, s, from, to)
			if len(got) != len(want) {
				t.Fatalf("%s: %s..%s: weekly read %d scores, day by day %d:\n%v\n%v", context, from, to, len(got), len(want), got, want)
			}
			for i := range want {
				w := want[i]
				w.Date = weeklyDate(w.Date, from, to, built)
				if got[i] != w {
					t.Fatalf("%s: %s..%s: score %d weekly %+v, day by day %+v", context, from, to, i, got[i], want[i])
				}
			}
			if limit := weeklyDays(from, to, built); days > limit {
				t.Fatalf("%s: %s..%s: the weekly read counts on %d days, more than %d", context, from, to, days, limit)
			}
		}
	}
}

// checkIn makes the check-in's write of a session at at: it builds the
// weeks completed before at's day back to the last one built.
func checkIn(t *testing.T, s *Store, at time.Time) {
	t.Helper()
	mustNil(t, s.PutSessionWithDecisions(testSession(at, StatusCompleted), nil))
}

// weekHistory writes a random history to s over the days from first,
// as the coach does: sessions in several time zones (some across
// midnight into another local day), sets recorded one by one, some
// skipped, names that change or are empty (the name a week keeps is
// the first its days have).
func weekHistory(t *testing.T, s *Store, rng *rand.Rand, first time.Time, days, sessions int) []Session {
	t.Helper()
	exercises := []string{"glide", "pull", "bridge", ""} // "" is a valid ID
	zones := []*time.Location{zoneEast, zoneWest, time.UTC, time.FixedZone("", 13*3600)}
	var out []Session
	for i := 0; i < sessions; i++ {
		start := first.AddDate(0, 0, rng.IntN(days)).Add(time.Duration(rng.IntN(24*60)) * time.Minute).In(zones[rng.IntN(len(zones))])
		sess := testSession(start, StatusInProgress)
		sess.Baseline = rng.IntN(7) - 1
		mustNil(t, s.PutSession(sess))
		for n := 0; n < 1+rng.IntN(5); n++ {
			r := scoredSet(sess.ID, n, exercises[rng.IntN(len(exercises))], rng.IntN(12)-1)
			switch rng.IntN(8) {
			case 0:
				r.Exercise = ""
			case 1:
				r.Exercise = "Renamed " + r.ExerciseID
			}
			mustNil(t, s.RecordSet(r))
		}
		out = append(out, sess)
	}
	return out
}

// The weekly read gives what the day-by-day read gives, over every
// window, whatever the writes: sets recorded one by one, scored again on
// a resume, sessions moved to another local day, imports into a new file
// and over a file that has part of the history.
func TestWeekAggregatesAgreeWithDays(t *testing.T) {
	first := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // a Wednesday
	const days = 100
	last := first.AddDate(0, 0, days)
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 24))
			s := newStore(t)
			// Days 0..29 and 42..59 first, and a check-in on day 70 builds
			// their weeks but none of days 30..41 (a week with no record);
			// the rest then comes in, into built weeks and not, and a
			// check-in on day 90 builds back to day 70's week only: the
			// weeks of days 30..41 stay read day by day.
			sessions := weekHistory(t, s, rng, first, 30, 20)
			sessions = append(sessions, weekHistory(t, s, rng, first.AddDate(0, 0, 42), 18, 12)...)
			checkIn(t, s, first.AddDate(0, 0, 70))
			assertWeeksAgree(t, s, first, last, "after a check-in")
			mustNil(t, s.Check())
			sessions = append(sessions, weekHistory(t, s, rng, first, days, 50)...)
			assertWeeksAgree(t, s, first, last, "after sessions into built weeks")
			checkIn(t, s, first.AddDate(0, 0, 90))
			built := builtWeeks(t, s)
			if built["2025-02-03"] || !built["2025-03-24"] || built["2025-03-31"] || len(dayByDay(t, s, "2025-02-03", "2025-02-09")) == 0 {
				t.Fatalf("built weeks: %v; want 2025-03-24 and not 2025-03-31, nor 2025-02-03, which has sets", built)
			}
			assertWeeksAgree(t, s, first, last, "after the sessions")
			mustNil(t, s.Check())

			var before bytes.Buffer
			mustNil(t, s.ExportJSON(&before))
			for _, sess := range sessions {
				switch rng.IntN(3) {
				case 0: // a resume scores set 0 again, differently, and adds one
					mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "bridge", rng.IntN(11))))
					mustNil(t, s.RecordSet(scoredSet(sess.ID, 9, "pull", rng.IntN(11))))
				case 1: // the same instant in another zone: maybe another day, maybe another week
					sess.StartedAt = sess.StartedAt.In(time.FixedZone("", (rng.IntN(27)-12)*3600))
					sess.Status = StatusCompleted
					mustNil(t, s.PutSession(sess))
				}
			}
			assertWeeksAgree(t, s, first, last, "after resumes and moves")
			mustNil(t, s.Check())

			var after bytes.Buffer
			mustNil(t, s.ExportJSON(&after))
			grown := newStore(t)
			for _, doc := range [][]byte{before.Bytes(), after.Bytes()} {
				_, err := grown.ImportJSON(bytes.NewReader(doc))
				mustNil(t, err)
				if !builtWeeks(t, grown)["2025-02-03"] {
					t.Fatal("the import did not build every completed week")
				}
				assertWeeksAgree(t, grown, first, last, "after an import")
				mustNil(t, grown.Check())
			}
		})
	}
}

// weekKey is the key of the week aggregate of an exercise that holds day.
func weekKey(t *testing.T, day, id string) []byte {
	d, err := time.Parse(dateLayout, day)
	mustNil(t, err)
	return exerciseDayKey(mondayOf(d).Format(dateLayout), id)
}

// A week aggregate that is stale, missing, left over, of a week without
// a marker, not under a Monday or undecodable, and a marker not under a
// Monday or of another format, are reported by Check; the trends over
// an undecodable one say the file is damaged.
func TestCheckFindsExerciseWeekDamage(t *testing.T) {
	glide := func(name string, s ...score) []byte {
		return encodeExerciseDay(exerciseDay{ExerciseID: "glide", Name: name, Scores: s})
	}
	checkSays := map[string]string{
		"stale": "does not match its days", "another name": "does not match its days", "undecodable": "does not decode",
		"missing": "aggregate is missing", "no sets": "without any scored set", "a week not built": "of a week without a marker",
		"not a Monday": "not under a Monday", "marker not under a Monday": "not under a Monday",
		"marker gone": "of a week without a marker", "marker of another format": "the marker is 02",
	}
	for name, damage := range map[string]func(t *testing.T, b *bolt.Bucket) error{
		"stale": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), glide("The glide", score{3, 4, 2}))
		},
		"another name": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), glide("Glide", score{3, 4, 1}, score{3, 6, 1}))
		},
		"undecodable": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-04", "glide"), []byte{1, 0})
		},
		"missing": func(t *testing.T, b *bolt.Bucket) error { return b.Delete(weekKey(t, "2025-03-04", "glide")) },
		"no sets": func(t *testing.T, b *bolt.Bucket) error { // in the built week
			return b.Put(exerciseDayKey("2025-03-03", "pull"), encodeExerciseDay(exerciseDay{ExerciseID: "pull", Scores: []score{{1, 1, 1}}}))
		},
		"a week not built": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(weekKey(t, "2025-03-11", "glide"), glide("The glide", score{1, 1, 1}))
		},
		"not a Monday": func(t *testing.T, b *bolt.Bucket) error {
			return b.Put(exerciseDayKey("2025-03-04", "glide"), glide("The glide", score{3, 4, 1}))
		},
		"marker not under a Monday": func(_ *testing.T, b *bolt.Bucket) error { return b.Put([]byte("2025-03-04"), weekMarker) },
		"marker gone":               func(_ *testing.T, b *bolt.Bucket) error { return b.Delete([]byte("2025-03-03")) },
		"marker of another format":  func(_ *testing.T, b *bolt.Bucket) error { return b.Put([]byte("2025-03-03"), []byte{2}) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			for i, day := range []int{4, 6} { // Tuesday and Thursday
				sess := testSession(time.Date(2025, 3, day, 9, 0, 0, 0, zoneEast), StatusCompleted)
				mustNil(t, s.PutSession(sess))
				mustNil(t, s.RecordSet(scoredSet(sess.ID, 0, "glide", 4+2*i)))
			}
			checkIn(t, s, time.Date(2025, 3, 20, 9, 0, 0, 0, zoneEast)) // builds the week of the 3rd
			if built := builtWeeks(t, s); len(built) != 1 || !built["2025-03-03"] {
				t.Fatalf("built weeks: %v, want that of 2025-03-03", built)
			}
			mustNil(t, s.Check())
			mustNil(t, s.Close())
			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error { return damage(t, tx.Bucket(bucketExerciseWeeks)) }))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{ReadOnly: true})
			if err := s.Check(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "exercise week") || !strings.Contains(err.Error(), checkSays[name]) {
				t.Errorf("Check: %v, want a damaged exercise week: %q", err, checkSays[name])
			}
			// Sunday the 16th: the week of the 3rd is whole in the window.
			_, err = s.TrendInput(time.Date(2025, 3, 16, 9, 0, 0, 0, zoneEast), 30)
			if name == "undecodable" && !errors.Is(err, ErrCorrupt) {
				t.Errorf("trends over an undecodable week: %v, want ErrCorrupt", err)
			}
		})
	}
}

// importDays imports a session a day, of five exercises, for the days
// days up to last.
func importDays(t *testing.T, s *Store, last time.Time, days int) {
	t.Helper()
	var all []SessionHistory
	for age := days - 1; age >= 0; age-- {
		sess := testSession(last.AddDate(0, 0, -age), StatusCompleted)
		sess.Baseline = age % 4
		h := SessionHistory{Session: sess}
		for i, ex := range []string{"glide", "pull", "bridge", "squeeze", "pumps"} {
			h.Sets = append(h.Sets, scoredSet(sess.ID, i, ex, (age+i)%6))
		}
		all = append(all, h)
	}
	_, err := s.Import(all)
	mustNil(t, err)
}

// The trends' per-exercise read costs what its window holds, never what
// the history holds: on ten years it reads no more aggregates than on
// the shortest history that fills the window, at most twelve days and
// thirteen weeks of them on 90 days, where a read day by day reads 90
// (a one-week history reads a week, or the days of two part weeks).
func TestExerciseReadStaysInTheWindow(t *testing.T) {
	last := time.Date(2026, 11, 22, 9, 0, 0, 0, zoneEast) // a Sunday
	read := map[int]int{}
	for _, days := range []int{7, 90, 3650} {
		s := newStore(t)
		importDays(t, s, last, days)
		for _, now := range []time.Time{last, last.AddDate(0, 0, -3)} { // a window of whole weeks, and one of part weeks at both ends
			to := now.Format(dateLayout)
			from := routine.WindowStart(now, 90)
			got, records, _ := weekly(t, s, from, to)
			if want := dayByDay(t, s, from, to); len(got) != len(want) {
				t.Fatalf("%d days of history: %d scores, %d day by day", days, len(got), len(want))
			}
			if now == last {
				read[days] = records
			}
			if records > 5*(12+13) {
				t.Errorf("%d days of history, window %s..%s: %d aggregates read, more than 5 exercises x (12 days + 13 weeks)", days, from, to, records)
			}
		}
	}
	if read[3650] != read[90] || read[7] > 5*7 {
		t.Errorf("aggregates read on 90 days: %d with ten years of history, %d with 90 days, %d with a week", read[3650], read[90], read[7])
	}
}

// The window of the per-exercise table starts on the day of surgery when
// that falls inside it, as routine.BuildTrends cuts it: no week
// aggregate reaches across it, and the table is that of the sets from
// that day on.
func TestExerciseScoresStartOnTheDayOfSurgery(t *testing.T) {
	s := newStore(t)
	last := time.Date(2025, 3, 30, 9, 0, 0, 0, zoneEast) // a Sunday
	importDays(t, s, last, 60)
	p, err := s.Profile()
	mustNil(t, err)
	p.SurgeryDate = "2025-03-05" // a Wednesday
	mustNil(t, s.PutProfile(p))
	in, err := s.TrendInput(last, 90)
	mustNil(t, err)
	for _, sc := range in.Sets {
		if sc.Date < p.SurgeryDate {
			t.Errorf("a score on %s, before the surgery on %s", sc.Date, p.SurgeryDate)
		}
	}
	raw, err := s.SetScoresBetween(p.SurgeryDate, "2025-03-30")
	mustNil(t, err)
	if got, want := tallyOf(in.Sets), tallyOf(raw); !reflect.DeepEqual(got, want) {
		t.Errorf("scores from the surgery on: %v, want %v", got, want)
	}
	rules := routine.DefaultPainRules()
	tr := routine.BuildTrends(rules, in, last, 90)
	if got, want := tr.Exercises, routine.ExerciseStats(rules, raw); tr.From != p.SurgeryDate || !reflect.DeepEqual(got, want) {
		t.Errorf("trends from %s: exercises %+v, want %+v", tr.From, got, want)
	}
}

// Recording a set adds it to its week's aggregate; where the week's
// aggregate is gone or damaged, it sums the week again from its days,
// so the write leaves the file sound.
func TestRecordSetMendsItsWeek(t *testing.T) {
	for name, damage := range map[string]func(b *bolt.Bucket, key []byte) error{
		"missing":     func(b *bolt.Bucket, key []byte) error { return b.Delete(key) },
		"undecodable": func(b *bolt.Bucket, key []byte) error { return b.Put(key, []byte{1, 0}) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			monday := testSession(time.Date(2025, 3, 3, 9, 0, 0, 0, zoneEast), StatusCompleted)
			mustNil(t, s.PutSession(monday))
			mustNil(t, s.RecordSet(scoredSet(monday.ID, 0, "glide", 4)))
			wednesday := testSession(time.Date(2025, 3, 5, 9, 0, 0, 0, zoneEast), StatusInProgress)
			mustNil(t, s.PutSession(wednesday))
			mustNil(t, s.RecordSet(scoredSet(wednesday.ID, 0, "glide", 5)))
			checkIn(t, s, time.Date(2025, 3, 12, 9, 0, 0, 0, zoneEast)) // the week is built, the session still open
			mustNil(t, s.Close())
			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(func(tx *bolt.Tx) error {
				return damage(tx.Bucket(bucketExerciseWeeks), weekKey(t, "2025-03-05", "glide"))
			}))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{})
			if err := s.Check(); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check of the damaged week: %v", err)
			}
			mustNil(t, s.RecordSet(scoredSet(wednesday.ID, 1, "glide", 6)))
			mustNil(t, s.Check())
		})
	}
}

// Sessions and sets of a week not built (today's, as a rule) leave the
// week aggregates' bucket as it was, page for page (its root is where it
// was: no page of it was written); a set of a built week (a session left
// open since then) writes into it, and keeps the week exact.
func TestRecordingTodayLeavesWeeksAlone(t *testing.T) {
	s := newStore(t)
	last := time.Date(2026, 11, 22, 9, 0, 0, 0, zoneEast) // a Sunday
	importDays(t, s, last, 365)
	old := testSession(last, StatusInProgress) // left open on the built week's Sunday
	mustNil(t, s.PutSession(old))
	// Monday's check-in, as the coach makes it, builds the week of the 16th.
	c, err := s.CheckIn(routine.DefaultPainRules(), routine.Routine{}, Session{StartedAt: last.AddDate(0, 0, 1), RoutineID: "r", Routine: "R", Baseline: 3})
	mustNil(t, err)
	if c.Closed != nil || !builtWeeks(t, s)["2026-11-16"] {
		t.Fatalf("the check-in (closed: %v) did not build the week just completed", c.Closed)
	}
	root := func() (uint64, int) { return bucketRoot(t, s, bucketExerciseWeeks) }
	before, n := root()
	if before == 0 {
		t.Fatal("the bucket is inline: the test cannot see its pages")
	}
	digests := func() map[string]string { // inline here: its values, not its pages
		out := map[string]string{}
		mustNil(t, s.view(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSetDigests).ForEach(func(k, v []byte) error { out[string(k)] = string(v); return nil })
		}))
		return out
	}
	digestsBefore := digests()
	if len(digestsBefore) == 0 {
		t.Fatal("the check-in built no set digest")
	}
	today := testSession(last.AddDate(0, 0, 2), StatusInProgress) // Tuesday
	mustNil(t, s.PutSession(today))
	for i, ex := range []string{"glide", "pull", "newcomer"} {
		mustNil(t, s.RecordSet(scoredSet(today.ID, i, ex, i)))
	}
	mustNil(t, s.RecordSet(scoredSet(today.ID, 0, "glide", 7))) // scored again: the day is rebuilt
	today.Status = StatusCompleted
	mustNil(t, s.PutSession(today))
	if after, m := root(); after != before || m != n {
		t.Errorf("a session of today's week wrote to the week aggregates: root %d -> %d, %d -> %d keys", before, after, n, m)
	}
	if !reflect.DeepEqual(digests(), digestsBefore) {
		t.Error("a session of today changed the set digests")
	}
	mustNil(t, s.RecordSet(scoredSet(old.ID, 0, "newcomer", 3)))
	if after, _ := root(); after == before {
		t.Error("a set of a built week left its aggregates as they were")
	}
	mustNil(t, s.Check())
	assertWeeksAgree(t, s, last.AddDate(0, 0, -30), last.AddDate(0, 0, 3), "after sets of a built week")
}

// bucketRoot is the page a bucket's root is on (0 while it lives inside
// its parent's page) and its number of keys: a write into the bucket
// moves its root to a new page.
func bucketRoot(t *testing.T, s *Store, name []byte) (root uint64, keys int) {
	t.Helper()
	mustNil(t, s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		root, keys = uint64(b.Root()), b.Stats().KeyN
		return nil
	}))
	return root, keys
}
