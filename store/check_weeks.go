package store

import (
	"bytes"
	"reflect"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// checkExerciseWeeks compares the stored week aggregates (schema 5) with
// the sums of the exercise days rebuilt from the records (days: every
// day Check looked at), each week as putExerciseWeek sums it. A week
// with a marker must have an aggregate for each exercise its days
// scored and no other: one missing, one with no scored set left, one
// whose counts or name differ is damage. An aggregate of a week without
// a marker (which no write keeps) is damage, and so are a record that
// does not decode or is not under a Monday, and a marker whose value is
// not weekMarker. A marker of a week not yet complete is not: the writes
// keep a marked week exact whatever day it is, so it is only a week
// built early (a session moved back a day after the check-in that built
// it, a clock set wrong), never a wrong count, and Check reads no clock.
// A file older than schema 5 has none to check.
func (c *checker) checkExerciseWeeks(tx *bolt.Tx, days map[string][]exerciseDay) {
	b := tx.Bucket(bucketExerciseWeeks)
	if b == nil {
		return
	}
	want := weekSums(days)
	built := map[string]bool{} // the Mondays with a marker
	_ = b.ForEach(func(k, v []byte) error {
		if d, err := time.Parse(dateLayout, string(k[:min(len(k), len(dateLayout))])); err != nil || weekday(d) != 0 {
			c.add("exercise week %q is not under a Monday", k)
			return nil
		}
		monday := string(k[:len(dateLayout)])
		if len(k) == len(dateLayout) {
			if !bytes.Equal(v, weekMarker) {
				c.add("exercise week %q: the marker is %x, not %x", k, v, weekMarker)
			}
			built[monday] = true // the marker sorts before its week's aggregates
			return nil
		}
		e, err := decodeAggregate(k, v, maxSetsPerWeek)
		w, ok := want[string(k)]
		switch {
		case err != nil:
			c.add("exercise week %q does not decode: %s", k, err)
		case !built[monday]:
			c.add("exercise week %q: aggregate of a week without a marker", k)
		case !ok:
			c.add("exercise week %q: aggregate without any scored set in its days", k)
		case !reflect.DeepEqual(w, e):
			c.add("exercise week %q: aggregate %+v does not match its days %+v", k, e, w)
		}
		delete(want, string(k))
		return nil
	})
	missing := make([]string, 0, len(want))
	for k := range want {
		if built[k[:len(dateLayout)]] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		c.add("exercise week %q: aggregate is missing", k)
	}
}

// weekSums adds the days' exercise aggregates up by week and exercise,
// day after day, under their week aggregates' keys.
func weekSums(days map[string][]exerciseDay) map[string]exerciseDay {
	dates := make([]string, 0, len(days))
	for date := range days {
		dates = append(dates, date)
	}
	sort.Strings(dates)
	tallies := map[string]exerciseTally{} // by Monday
	for _, date := range dates {
		d, err := time.Parse(dateLayout, date)
		if err != nil {
			continue
		}
		monday := dayOf(mondayOf(d))
		if tallies[monday] == nil {
			tallies[monday] = exerciseTally{}
		}
		for _, e := range days[date] {
			tallies[monday].addDay(e.ExerciseID, e)
		}
	}
	out := map[string]exerciseDay{}
	for monday, t := range tallies {
		for _, e := range t.sorted() {
			out[string(exerciseDayKey(monday, e.ExerciseID))] = e
		}
	}
	return out
}
