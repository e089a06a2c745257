package store

import (
	"sort"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// HomeDays is how far back the home screen looks: two weeks of check-ins
// for the week rule, four for the streak and the sparkline.
const HomeDays = 28

// Home is what the home screen shows and the dose rules read.
type Home struct {
	Today       []Session           // sessions of today's local date, oldest first
	Days        []routine.DayRecord // the last HomeDays days with a session, oldest first
	LevelToday  int                 // where today's last session that began ended; -1: none yet
	StartReason string              // why today started at its level
	WarningAt   time.Time           // a warning sign reported today; zero: none
	Profile     Profile
	Open        *Session // an unfinished session to offer for resuming
	OpenDone    int      // sets it has results for
}

// Home reads the home screen's data at now. It costs the same with ten
// years of history as with one week: the per-day aggregates cover the
// window, and sessions are read in full only for today and the last few
// days with exercise, which are all the next-morning and step-up rules
// look at (the week rule and the streak need only the aggregates).
func (s *Store) Home(rules routine.PainRules, now time.Time) (Home, error) {
	h := Home{LevelToday: -1}
	today := now.Format(dateLayout)
	aggs, err := s.DaysBetween(now.AddDate(0, 0, -HomeDays).Format(dateLayout), today)
	if err != nil {
		return h, err
	}
	detail := detailDates(aggs, today, rules.StepUpDays+1)
	logs, err := s.detailLogs(&h, detail, today, now)
	if err != nil {
		return h, err
	}
	h.Days = mergeDays(aggs, routine.Days(rules, logs), detail)
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

// detailDates are today and the last n days with scored sets.
func detailDates(aggs []Day, today string, n int) map[string]bool {
	dates := map[string]bool{today: true}
	for i := len(aggs) - 1; i >= 0 && n > 0; i-- {
		if d := aggs[i]; d.Date != today && d.Sets-d.Skipped > 0 {
			dates[d.Date] = true
			n--
		}
	}
	return dates
}

// detailLogs reads the sessions of the detail dates in full, and notes
// today's in h.
func (s *Store) detailLogs(h *Home, dates map[string]bool, today string, now time.Time) ([]routine.SessionLog, error) {
	earliest := today
	for d := range dates {
		earliest = min(earliest, d)
	}
	from, err := time.ParseInLocation(dateLayout, earliest, now.Location())
	if err != nil {
		return nil, err
	}
	y, m, d := now.Date()
	// A day either side: a session's date is its own local one, and the
	// patient may have moved time zone since.
	sessions, err := s.SessionsBetween(from.AddDate(0, 0, -1), time.Date(y, m, d, 0, 0, 0, 0, now.Location()).AddDate(0, 0, 2))
	if err != nil {
		return nil, err
	}
	var logs []routine.SessionLog
	for _, sess := range sessions {
		date := dayOf(sess.StartedAt)
		if !dates[date] {
			continue
		}
		sets, err := s.SetsOf(sess.ID)
		if err != nil {
			return nil, err
		}
		decisions, err := s.DecisionsOf(sess.ID)
		if err != nil {
			return nil, err
		}
		log := Log(sess, sets, decisions)
		logs = append(logs, log)
		if date == today {
			h.noteToday(sess, log, decisions)
		}
	}
	return logs, nil
}

// noteToday keeps what the home screen says about one of today's sessions.
func (h *Home) noteToday(sess Session, log routine.SessionLog, decisions []Decision) {
	h.Today = append(h.Today, sess)
	// Every session that got past the check-in sets the level; a stop
	// before the first exercise does not.
	if len(log.Pains) > 0 || sess.Status != StatusStopped {
		h.LevelToday = log.EndLevel
	}
	for _, d := range decisions {
		switch {
		case d.Rule == routine.RuleWarningSign:
			h.WarningAt = d.At
		case d.ExerciseID == "" && h.StartReason == "":
			h.StartReason = d.Reason
		}
	}
}

// mergeDays puts the full records of the detail dates among the others,
// which the aggregates sum up: their check-in (the day's mean) and whether
// any set was scored, all the rules read of them.
func mergeDays(aggs []Day, full []routine.DayRecord, detail map[string]bool) []routine.DayRecord {
	byDate := map[string]routine.DayRecord{}
	for _, d := range full {
		byDate[d.Date] = d
	}
	out := make([]routine.DayRecord, 0, len(aggs)+1)
	for _, a := range aggs {
		if d, ok := byDate[a.Date]; ok {
			out = append(out, d)
			delete(byDate, a.Date)
			continue
		}
		if detail[a.Date] || a.Baselines == 0 {
			continue
		}
		out = append(out, routine.DayRecord{Date: a.Date, Baseline: float64(a.BaselineSum) / float64(a.Baselines),
			Sets: a.Sets - a.Skipped, MaxPain: a.MaxPain})
	}
	for _, d := range byDate { // a session filed under a date the aggregates round differently
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
