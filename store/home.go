package store

import (
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// HomeDays is how far back the home screen looks: four weeks, for the
// streak and the sparkline.
const HomeDays = 28

// Home is what the home screen shows and every entry point into exercise
// reads: what the rules allow today, and the history they decided it from.
type Home struct {
	Day      routine.Day     // what today allows: levels, reasons, stopped exercises, closed or not
	History  routine.History // what Day was decided from; a check-in decides from it too
	Today    []Session       // sessions of today's local date, oldest first
	Days     []Day           // the aggregates of the last HomeDays days with a session, oldest first
	Profile  Profile
	Open     *Session // an unfinished session to offer for resuming
	OpenDone int      // sets it has results for
	// Reviews are the weekly reviews from the last one answered on
	// (LatestReviews): enough to say whether one is due today.
	Reviews []Review
}

// Home reads the home screen's data at now, in one read transaction. It
// costs the same with ten years of history as with one week: the
// aggregates cover the window, and sessions are read in full only for the
// days the rules look at.
func (s *Store) Home(rules routine.PainRules, now time.Time) (Home, error) {
	var h Home
	err := s.view(func(tx *bolt.Tx) error {
		// The four weeks of aggregates hold the two the rules read too.
		days, err := s.daysBetween(tx, dayBefore(now, max(HomeDays, 2*routine.WeekDays)), dayOf(now))
		if err != nil {
			return err
		}
		// The days are in order: those shown are the last of them.
		since := dayBefore(now, HomeDays)
		if i := sort.Search(len(days), func(i int) bool { return days[i].Date >= since }); i < len(days) {
			h.Days = days[i:len(days):len(days)]
		}
		var window []Session
		if h.History, window, err = s.history(tx, now, days); err != nil {
			return err
		}
		h.Day = routine.Today(rules, h.History, now)
		today := dayOf(now)
		var date [len(dateLayout)]byte
		for _, sess := range window {
			if string(appendDay(date[:0], sess.StartedAt)) == today {
				h.Today = append(h.Today, sess)
			}
		}
		if h.Profile, err = s.profile(tx); err != nil {
			return err
		}
		if h.Open, h.OpenDone, err = s.openSession(tx); err != nil {
			return err
		}
		h.Reviews, err = s.latestReviews(tx)
		return err
	})
	return h, err
}
