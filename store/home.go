package store

import (
	"time"

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
}

// Home reads the home screen's data at now. It costs the same with ten
// years of history as with one week: the aggregates cover the window, and
// sessions are read in full only for the days the rules look at.
func (s *Store) Home(rules routine.PainRules, now time.Time) (Home, error) {
	var h Home
	today := now.Format(dateLayout)
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	var err error
	if h.Days, err = s.DaysBetween(midnight.AddDate(0, 0, -HomeDays).Format(dateLayout), today); err != nil {
		return h, err
	}
	if h.Day, h.History, err = s.Today(rules, now); err != nil {
		return h, err
	}
	sessions, err := s.SessionsBetween(midnight.AddDate(0, 0, -1), midnight.AddDate(0, 0, 2))
	if err != nil {
		return h, err
	}
	for _, sess := range sessions {
		if dayOf(sess.StartedAt) == today {
			h.Today = append(h.Today, sess)
		}
	}
	if h.Profile, err = s.Profile(); err != nil {
		return h, err
	}
	open, ok, err := s.OpenSession()
	if err != nil || !ok {
		return h, err
	}
	sets, err := s.SetsOf(open.ID)
	if err != nil {
		return h, err
	}
	h.Open, h.OpenDone = &open, len(sets)
	return h, nil
}
