package store

import (
	"bytes"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// surgeryDate is the profile's surgery date (YYYY-MM-DD), "" when there
// is none or it is not a date.
func (s *Store) surgeryDate(tx *bolt.Tx) (string, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return "", nil
	}
	v := meta.Get(keyProfile)
	if v == nil {
		return "", nil
	}
	var j struct {
		SurgeryDate string `json:"surgery_date"`
	}
	if err := json.Unmarshal(v, &j); err != nil {
		return "", s.damaged("profile", keyProfile, err)
	}
	if _, err := time.Parse(dateLayout, j.SurgeryDate); err != nil {
		return "", nil
	}
	return j.SurgeryDate, nil
}

// HistoryBetween returns the sessions started on the local days from..to
// (YYYY-MM-DD, both included), in time order, each with its sets in plan
// order and its decisions in seq order, read in one transaction: what the
// report lists. It is a range scan over that window only.
func (s *Store) HistoryBetween(from, to string) ([]SessionHistory, error) {
	var out []SessionHistory
	err := s.view(func(tx *bolt.Tx) error {
		return s.eachSessionOn(tx, from, to, func(h SessionHistory) error {
			out = append(out, h)
			return nil
		})
	})
	return out, err
}

// SessionSummariesBetween is HistoryBetween summed up session by session
// (Summary), for the weekly rows, without holding the window's sets.
func (s *Store) SessionSummariesBetween(from, to string) ([]routine.SessionSummary, error) {
	var out []routine.SessionSummary
	err := s.view(func(tx *bolt.Tx) error {
		return s.eachSessionOn(tx, from, to, func(h SessionHistory) error {
			out = append(out, Summary(h))
			return nil
		})
	})
	return out, err
}

// eachSessionOn calls fn for each session started on the local days
// from..to, in time order, with its sets and decisions.
func (s *Store) eachSessionOn(tx *bolt.Tx, from, to string, fn func(SessionHistory) error) error {
	lo, hi, err := sessionKeyRange(from, to)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketSessions)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
		sess, err := decodeSession(v)
		if err != nil {
			return s.damaged("session", k, err)
		}
		if day := dayOf(sess.StartedAt); day < from || day > to {
			continue
		}
		h := SessionHistory{Session: sess}
		if h.Sets, err = s.setsOf(tx, sess.ID); err != nil {
			return err
		}
		if h.Decisions, err = s.decisionsOf(tx, sess.ID); err != nil {
			return err
		}
		if err := fn(h); err != nil {
			return err
		}
	}
	return nil
}

// Summary sums one session up for the weekly rows: its day and check-in,
// its sets done and skipped, its highest pain, and the dose levels in
// force (where it started, and where it ended as Log reads it).
func Summary(h SessionHistory) routine.SessionSummary {
	sess := h.Session
	sum := routine.SessionSummary{Date: dayOf(sess.StartedAt), Baseline: sess.Baseline, MaxPain: -1,
		StartLevel: -1, EndLevel: -1}
	for _, r := range h.Sets {
		switch {
		case LeftOut(r, h.Decisions):
			sum.LeftOut++
			continue
		case r.Skipped:
			sum.Skipped++
			continue
		}
		sum.Done++
		sum.MaxPain = max(sum.MaxPain, r.Pain)
	}
	if sess.DoseLevel >= 0 {
		sum.StartLevel = sess.DoseLevel
	}
	if end := EndLevel(sess, h.Sets, h.Decisions); end >= 0 {
		sum.EndLevel = end
	}
	return sum
}
