package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// The check-in and the warning signs, as CLINICAL.md orders them: the
// check-in is stored the moment it is entered, before the warning signs
// are asked, so that quitting or a crash at the warning screen can
// neither lose it nor reopen a day it closed; a warning sign answered yes
// is stored before anything else is drawn, then again with the sign.

// CheckedIn is a check-in as stored.
type CheckedIn struct {
	Session   Session
	Decisions []Decision
	Day       routine.Day       // today as the check-in leaves it
	Closed    *routine.Decision // the day was closed before this check-in: nothing was stored
}

// CheckIn applies the rules to a check-in (rec's start and baseline) and
// stores the new session with what they decided in one synced
// transaction: where today starts, today's time of each activity of plan
// that builds up, and a stop when the pain is at or above the stop, which
// closes the day there and then. The rules read the file at this moment,
// not what a screen read earlier.
func (s *Store) CheckIn(rules routine.PainRules, plan routine.Routine, rec Session) (CheckedIn, error) {
	day, h, err := s.Today(rules, rec.StartedAt)
	if err != nil {
		return CheckedIn{}, err
	}
	if day.Closed != nil {
		return CheckedIn{Day: day, Closed: day.Closed}, nil
	}
	c := routine.CheckIn(rules, h, day, rec.StartedAt, rec.Baseline, false)
	if rec.ID == "" {
		rec.ID = NewSessionID(rec.StartedAt)
	}
	rec.DoseLevel, rec.Status = c.Level, StatusInProgress
	if c.Closed != nil {
		rec.Status, rec.EndedAt, rec.Note = StatusStopped, rec.StartedAt, c.Closed.Reason
	}
	var stored []Decision
	for i, d := range withBuildUps(c, routine.BuildUps(plan, rules, h.Sessions, rec.StartedAt, c.Level)) {
		stored = append(stored, NewDecision(rec, i, d))
	}
	if err := s.PutSessionWithDecisions(rec, stored); err != nil {
		return CheckedIn{}, err
	}
	day.Level, day.Started, day.Sessions = c.Level, true, day.Sessions+1
	if c.Closed != nil {
		day.Closed = c.Closed
	}
	return CheckedIn{Session: rec, Decisions: stored, Day: day}, nil
}

// withBuildUps puts the day's build-up decisions after the check-in's
// start decision and before a stop it made, which stays last: the stop
// screen shows the last one.
func withBuildUps(c routine.Checkin, buildUps []routine.Decision) []routine.Decision {
	var out, closing []routine.Decision
	for _, d := range c.Decisions {
		if d.WithFlags().EndSession {
			closing = append(closing, d)
		} else {
			out = append(out, d)
		}
	}
	return append(append(out, buildUps...), closing...)
}

// ReportWarning records a warning sign for the session's day in one synced
// transaction: the session ends, stopped, and its warning-sign decision
// names the sign and tier (routine.WarningStop). Reported again, as when
// the patient then says which sign it was, it replaces the decision in
// its place, keeping the time of the first report.
func (s *Store) ReportWarning(sessionID string, at time.Time, tier, sign string) (Session, Decision, error) {
	var sess Session
	var stored Decision
	err := s.update("the warning sign", func(tx *bolt.Tx) error {
		var err error
		if sess, err = s.getSession(tx, sessionID); err != nil {
			return err
		}
		earlier, err := s.decisionsOf(tx, sessionID)
		if err != nil {
			return err
		}
		seq, when := 0, at
		for _, d := range earlier {
			seq = max(seq, d.Seq+1)
		}
		for _, d := range earlier {
			if d.Rule == routine.RuleWarningSign {
				seq, when = d.Seq, d.At
				break
			}
		}
		stored = NewDecision(sess, seq, routine.WarningStop(when, sess.Baseline, sess.DoseLevel, tier, sign))
		if sess.Status == StatusInProgress {
			sess.Status, sess.EndedAt = StatusStopped, when
		}
		sess.Note = stored.Reason
		return putWarning(tx, sess, stored)
	})
	return sess, stored, err
}

// putWarning writes the stopped session and its warning decision.
func putWarning(tx *bolt.Tx, sess Session, d Decision) error {
	if err := validateSession(sess); err != nil {
		return err
	}
	if err := validateDecision(d); err != nil {
		return err
	}
	sv, err := json.Marshal(toSessionJSON(sess))
	if err != nil {
		return invalid("session %s: %s", sess.ID, err)
	}
	dv, err := json.Marshal(toDecisionJSON(d))
	if err != nil {
		return invalid("decision %d of session %s: %s", d.Seq, d.SessionID, err)
	}
	if err := putSession(tx, sess, sv); err != nil {
		return err
	}
	return tx.Bucket(bucketDecisions).Put(decisionKey(d.SessionID, d.Seq), dv)
}
