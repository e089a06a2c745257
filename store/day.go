package store

import (
	"bytes"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// Log is a stored session as the day rules read it.
func Log(s Session, sets []SetRecord, decisions []Decision) routine.SessionLog {
	log := routine.SessionLog{Start: s.StartedAt, Baseline: s.Baseline, StartLevel: s.DoseLevel,
		Open: s.Status == StatusInProgress, Done: s.Status == StatusCompleted, End: s.EndedAt,
		Break: routine.IsBreakID(s.RoutineID), Routine: strings.TrimSuffix(s.RoutineID, routine.BreakSuffix)}
	for _, r := range sets {
		log.Sets = append(log.Sets, routine.SetLog{ExerciseID: r.ExerciseID, Pain: r.Pain, Skipped: r.Skipped})
	}
	if len(decisions) > 0 {
		log.Decisions = make([]routine.Decision, 0, len(decisions))
	}
	for _, d := range decisions {
		log.Decisions = append(log.Decisions, d.Domain())
	}
	return log
}

// EndLevel is the dose level in force when a session ended: where it
// started, lowered by the cuts made during it.
func EndLevel(s Session, sets []SetRecord, decisions []Decision) int {
	level := s.DoseLevel
	for _, r := range sets {
		level = max(level, r.DoseLevel)
	}
	for _, d := range decisions {
		if d.ExerciseID != "" {
			level = max(level, d.LevelAfter)
		}
	}
	return level
}

// History reads what the day rules need at now, and nothing older: the
// sessions of today and of the routine.WeekDays days before it, those of
// the last day with a session before that however long ago, and each
// day's mean check-in over the 2*routine.WeekDays days before today. Its
// cost does not grow with the length of the history.
func (s *Store) History(now time.Time) (routine.History, error) {
	var h routine.History
	err := s.view(func(tx *bolt.Tx) error {
		days, err := s.daysBetween(tx, dayBefore(now, 2*routine.WeekDays), dayOf(now))
		if err == nil {
			h, _, err = s.history(tx, now, days)
		}
		return err
	})
	return h, err
}

// dayBefore is the local date n days before at's.
func dayBefore(at time.Time, n int) string {
	y, m, d := at.Date()
	return dayOf(time.Date(y, m, d-n, 0, 0, 0, 0, at.Location()))
}

// history is History inside tx, from days, the aggregates of (at least)
// the 2*routine.WeekDays days before now's and today. It also returns the
// sessions of its window (routine.WeekDays days before today, and today),
// oldest first, which the home screen shows in part.
func (s *Store) history(tx *bolt.Tx, now time.Time, days []Day) (routine.History, []Session, error) {
	var h routine.History
	today, checkinsFrom := dayOf(now), dayBefore(now, 2*routine.WeekDays)
	for _, a := range days {
		if avg, ok := a.BaselineAvg(); ok && a.Date >= checkinsFrom && a.Date < today {
			h.Checkins = append(h.Checkins, routine.DayCheckin{Date: a.Date, Mean: avg})
		}
	}
	older, window, setCount, err := s.windowSessions(tx, now, days)
	if err != nil {
		return h, nil, err
	}
	ids, buf := &exerciseIDs{}, make([]routine.SetLog, 0, setCount+16*len(older))
	h.Sessions = make([]routine.SessionLog, 0, len(older)+len(window))
	// The sessions' decisions share one array too (about one a session).
	decisions := make([]routine.Decision, 0, len(older)+len(window))
	decisionReader, setReader := newPrefixReader(tx.Bucket(bucketDecisions)), newPrefixReader(tx.Bucket(bucketSets))
	digestReader := newPrefixReader(tx.Bucket(bucketSetDigests))
	for _, group := range [2][]Session{older, window} {
		for _, sess := range group {
			log := Log(sess, nil, nil)
			if log.Decisions, decisions, err = s.decisionLogs(decisionReader, sess.ID, decisions); err != nil {
				return h, nil, err
			}
			if log.Sets, buf, err = s.sessionSetLogs(digestReader, setReader, sess.ID, ids, buf); err != nil {
				return h, nil, err
			}
			h.Sessions = append(h.Sessions, log)
		}
	}
	return h, window, nil
}

// decisionLogs is Log's Decisions of a session (decisionsOf, each in
// the rules' terms) put on the end of buf: it returns the session's (nil
// for none; a slice of buf that later appends cannot touch) and buf as
// it grew.
func (s *Store) decisionLogs(decisions *prefixReader, sessionID string, buf []routine.Decision) ([]routine.Decision, []routine.Decision, error) {
	start := len(buf)
	err := decisions.each([]byte(sessionID), func(k, v []byte) error {
		d, err := decodeDecision(v)
		if err != nil {
			return s.damaged("decision", k, err)
		}
		buf = append(buf, d.Domain())
		return nil
	})
	if err != nil || len(buf) == start {
		return nil, buf[:start], err
	}
	return buf[start:len(buf):len(buf)], buf, nil
}

// windowSessions reads the sessions the rules look at: those of the
// routine.WeekDays days before now's and of today (window), and those of
// the last day with a session before them (older), both oldest first;
// and how many sets the window's days hold (from days, the aggregates of
// at least the 2*routine.WeekDays days before today). One range scan
// reads them both when days shows the older day close by (the usual
// case): it starts at that day's midnight, and the older sessions are
// then picked from it exactly as lastDayBefore picks them. Otherwise,
// or when the scan cannot be sure to hold all of them, lastDayBefore
// walks back for them.
func (s *Store) windowSessions(tx *bolt.Tx, now time.Time, days []Day) (older, window []Session, setCount int, err error) {
	y, m, d := now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	first := midnight.AddDate(0, 0, -routine.WeekDays)
	today, firstDate := dayOf(now), dayOf(first)
	// A day either side: a session's date is its own local one, and the
	// patient may have moved time zone since.
	windowFrom := first.AddDate(0, 0, -1)
	from := windowFrom
	// The day aggregates say how many sessions and sets the window holds:
	// its arrays are made once, at their size. (At the first start of a
	// process every byte allocated is a fresh page of memory.)
	olderDay, sessionCount := Day{}, 0
	for _, a := range days {
		if a.Date >= firstDate {
			sessionCount, setCount = sessionCount+a.Sessions, setCount+a.Sets
		} else if a.Sessions > 0 {
			olderDay = a // days come in order: the last is the latest
		}
	}
	if at, err := time.ParseInLocation(dateLayout, olderDay.Date, now.Location()); err == nil && at.Before(from) {
		from = at
	}
	sessions, err := s.sessionsBetween(tx, from, midnight.AddDate(0, 0, 2), sessionCount+olderDay.Sessions)
	if err != nil {
		return nil, nil, 0, err
	}
	older, ok := olderIn(sessions, first.AddDate(0, 0, 1), firstDate, from, olderDay)
	if !ok {
		if s.reads != nil {
			s.reads.olderWalks++
		}
		if older, err = s.lastDayBefore(tx, first.AddDate(0, 0, 1), firstDate); err != nil {
			return nil, nil, 0, err
		}
	}
	window = sessions[:0] // in place: the window is the start of sessions
	var date [len(dateLayout)]byte
	for _, sess := range sessions {
		if date := appendDay(date[:0], sess.StartedAt); string(date) >= firstDate && string(date) <= today && !sess.StartedAt.Before(windowFrom) {
			window = append(window, sess)
		}
	}
	return older, window, setCount, nil
}

// olderIn is lastDayBefore(before, date) picked from sessions, the
// sessions from the instant from on in time order: the walk back from
// before over them, the same sessions in the same order. ok is false
// when that walk may reach past from and sessions may lack some of the
// day it finds: unless the walk stops within them, they must hold as
// many of that day as its aggregate agg says it has (agg being the
// latest day before date with sessions).
func olderIn(sessions []Session, before time.Time, date string, from time.Time, agg Day) (older []Session, ok bool) {
	beforeKey := timeKey(before)
	// The sessions of the window come last: a binary search passes them.
	i := sort.Search(len(sessions), func(i int) bool { return idTime(sessions[i].ID) >= beforeKey }) - 1
	day, stopAt := "", ""
	var sdBuf [len(dateLayout)]byte
	for ; i >= 0; i-- {
		key := idTime(sessions[i].ID) // its key's, as lastDayBefore compares
		if stopAt != "" && key < stopAt {
			break
		}
		sd := appendDay(sdBuf[:0], sessions[i].StartedAt) // dayOf, without a string
		if string(sd) >= date {
			continue
		}
		if day == "" {
			day, stopAt = string(sd), timeKey(sessions[i].StartedAt.AddDate(0, 0, -2))
			older = make([]Session, 0, max(agg.Sessions, 1))
		}
		if string(sd) == day {
			older = append(older, sessions[i])
		}
	}
	if day == "" || stopAt < timeKey(from) && (day != agg.Date || len(older) != agg.Sessions) {
		return nil, false
	}
	sort.Slice(older, func(i, j int) bool { return older[i].StartedAt.Before(older[j].StartedAt) })
	return older, true
}

// idTime is the time part of a session ID, which is its key.
func idTime(id string) string { return id[:min(len(id), idTimeLen)] }

// sessionSetLogs is setLogs from the session's digest (setdigests.go)
// when it has one that decodes, and from its sets otherwise: the same
// either way.
func (s *Store) sessionSetLogs(digests, sets *prefixReader, sessionID string, ids *exerciseIDs, buf []routine.SetLog) ([]routine.SetLog, []routine.SetLog, error) {
	if !s.ignoreDigests {
		if v := digests.get([]byte(sessionID)); v != nil {
			if logs, out, ok := decodeDigest(v, ids, buf); ok {
				if s.reads != nil {
					s.reads.digests++
				}
				return logs, out, nil
			}
		}
	}
	return s.setLogs(sets, sessionID, ids, buf)
}

// setLogs reads a session's sets as the day rules need them, with the
// quick field scan (fieldscan.go): the home screen and due read some five
// hundred. The few exercise IDs they name are cleaned and copied once
// each, through ids, and the sets go on the end of buf, so that a week's
// sessions share a few arrays: it returns the session's sets (a slice of
// buf that later appends cannot touch) and buf as it grew.
func (s *Store) setLogs(sets *prefixReader, sessionID string, ids *exerciseIDs, buf []routine.SetLog) ([]routine.SetLog, []routine.SetLog, error) {
	start := len(buf)
	err := sets.each([]byte(sessionID), func(k, v []byte) error {
		if s.reads != nil {
			s.reads.setKeys++
		}
		id, log, quick := quickSetLog(v)
		if quick {
			log.ExerciseID = ids.clean(id)
		} else {
			p, err := setScoreOf(v)
			if err != nil {
				return s.damaged("set", k, err)
			}
			log = routine.SetLog{ExerciseID: p.ExerciseID, Pain: p.Pain, Skipped: p.Skipped}
		}
		buf = append(buf, log)
		return nil
	})
	if len(buf) == start {
		return nil, buf, err
	}
	return buf[start:len(buf):len(buf)], buf, err
}

// lastDayBefore returns the sessions of the latest local date before
// date, looking back from the instant before: a seek and a walk back over
// that day's sessions, whatever the length of the history.
func (s *Store) lastDayBefore(tx *bolt.Tx, before time.Time, date string) ([]Session, error) {
	b := tx.Bucket(bucketSessions)
	if b == nil {
		return nil, nil
	}
	c := b.Cursor()
	var k, v []byte
	if at, _ := c.Seek([]byte(timeKey(before))); at == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	var out []Session
	day, stopAt := "", []byte(nil)
	for ; k != nil; k, v = c.Prev() {
		if stopAt != nil && bytes.Compare(timePart(k), stopAt) < 0 {
			break
		}
		// Only the day's own sessions are read whole: the walk passes
		// two more days of them, which need no more than their date.
		at, err := sessionDayOf(v)
		if err != nil {
			return nil, s.damaged("session", k, err)
		}
		sd := at.day
		if sd >= date {
			continue // within the recent window, read with it
		}
		if day == "" {
			// Sessions of that date lie within two days of this one,
			// whatever offsets they were stored with.
			start, _ := parseTime(at.StartedAt) // sessionDayOf parsed it
			day, stopAt = sd, []byte(timeKey(start.AddDate(0, 0, -2)))
		}
		if sd == day {
			sess, err := decodeSession(v)
			if err != nil {
				return nil, s.damaged("session", k, err)
			}
			out = append(out, sess)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].StartedAt.Before(out[j].StartedAt) })
	return out, nil
}

// Today is what the rules allow today at now (routine.Today over History).
func (s *Store) Today(rules routine.PainRules, now time.Time) (routine.Day, routine.History, error) {
	h, err := s.History(now)
	if err != nil {
		return routine.Day{}, h, err
	}
	return routine.Today(rules, h, now), h, nil
}

// Recovery reads the profile for the phase rules, in at's time zone; an
// unreadable date or region counts as not set up.
func (p Profile) Recovery(at time.Time) routine.Recovery {
	var r routine.Recovery
	if d, err := time.ParseInLocation(time.DateOnly, p.SurgeryDate, at.Location()); err == nil {
		r.SurgeryDate = d
	}
	r.Region, _ = routine.ParseRegion(p.Region)
	r.ClearedPhase = p.ClearedPhase
	return r
}
