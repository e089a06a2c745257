package store

import (
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// Log turns a stored session into what the pain rules across days read.
// The level only rises within a session, so where it ended is the highest
// level any of its sets or in-session decisions carries.
func Log(s Session, sets []SetRecord, decisions []Decision) routine.SessionLog {
	log := routine.SessionLog{Start: s.StartedAt, Baseline: s.Baseline, EndLevel: s.DoseLevel}
	for _, r := range sets {
		log.EndLevel = max(log.EndLevel, r.DoseLevel)
		if !r.Skipped {
			log.Pains = append(log.Pains, r.Pain)
		}
	}
	for _, d := range decisions {
		if d.ExerciseID != "" {
			log.EndLevel = max(log.EndLevel, d.LevelAfter)
		}
	}
	return log
}

// Logs is Log for every session started in [from, to), oldest first: a
// range scan over that window only.
func (s *Store) Logs(from, to time.Time) ([]routine.SessionLog, error) {
	sessions, err := s.SessionsBetween(from, to)
	if err != nil {
		return nil, err
	}
	logs := make([]routine.SessionLog, 0, len(sessions))
	for _, sess := range sessions {
		sets, err := s.SetsOf(sess.ID)
		if err != nil {
			return nil, err
		}
		decisions, err := s.DecisionsOf(sess.ID)
		if err != nil {
			return nil, err
		}
		logs = append(logs, Log(sess, sets, decisions))
	}
	return logs, nil
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
