package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// Decision is a change of dose (or a stop) with its reason, stored with its
// session. The warning-signs check that stops a session before it starts is
// stored the same way: a session with StatusStopped and a Note, plus a
// Decision with Rule "warning-sign".
type Decision struct {
	SessionID   string
	Seq         int       // order within the session, 0-based; with SessionID the key: re-recording overwrites
	At          time.Time // stored with its offset, like a session's start
	Rule        string    // stable id: "amber", "red", "stop-two-reds", "next-morning", "warning-sign", ...
	ExerciseID  string    // "" for session-level decisions
	Exercise    string
	Side        routine.Side
	LevelBefore int
	LevelAfter  int
	HoldStepUp  bool   // the week rule held step-ups from this morning
	Minutes     int    // a build-up's time that day; 0 for other rules
	Reason      string // the one plain sentence shown to the patient
	Sign        string // a warning sign: the sign chosen; "" when not sure or not given
	Tier        string // a warning sign: its tier, routine.TierNotSure or routine.TierNotGiven
}

// NewDecision is a decision of the rules as session sess stores it, as
// its seq'th.
func NewDecision(sess Session, seq int, d routine.Decision) Decision {
	return Decision{
		SessionID: sess.ID, Seq: seq, At: d.At, Rule: d.Rule, ExerciseID: d.ExerciseID, Exercise: d.Exercise,
		Side: d.Side, LevelBefore: d.LevelBefore, LevelAfter: d.LevelAfter, HoldStepUp: d.HoldStepUp, Minutes: d.Minutes, Reason: d.Reason,
		Sign: d.Sign, Tier: d.Tier,
	}
}

// Domain is the stored decision in the rules' terms, with what its rule
// implies; the scores behind it are not stored with it.
func (d Decision) Domain() routine.Decision {
	return routine.Decision{Rule: d.Rule, At: d.At, ExerciseID: d.ExerciseID, Exercise: d.Exercise, Side: d.Side,
		Pain: -1, Baseline: -1, LevelBefore: d.LevelBefore, LevelAfter: d.LevelAfter, HoldStepUp: d.HoldStepUp,
		Minutes: d.Minutes, Reason: d.Reason, Sign: d.Sign, Tier: d.Tier}.WithFlags()
}

// decisionJSON is the stored form and an "events" entry of the JSON export.
type decisionJSON struct {
	SessionID   string `json:"session_id"`
	Seq         int    `json:"seq"`
	At          string `json:"at"`
	Rule        string `json:"rule"`
	ExerciseID  string `json:"exercise_id"`
	Exercise    string `json:"exercise"`
	Side        string `json:"side"`
	LevelBefore int    `json:"level_before"`
	LevelAfter  int    `json:"level_after"`
	HoldStepUp  bool   `json:"hold_step_up,omitempty"`
	Minutes     int    `json:"minutes,omitempty"`
	Reason      string `json:"reason"`
	Sign        string `json:"sign,omitempty"`
	Tier        string `json:"tier,omitempty"`
}

func toDecisionJSON(d Decision) decisionJSON {
	return decisionJSON{
		SessionID: d.SessionID, Seq: d.Seq, At: formatTime(d.At), Rule: d.Rule,
		ExerciseID: d.ExerciseID, Exercise: d.Exercise, Side: d.Side.String(),
		LevelBefore: d.LevelBefore, LevelAfter: d.LevelAfter, HoldStepUp: d.HoldStepUp, Minutes: d.Minutes, Reason: d.Reason,
		Sign: d.Sign, Tier: d.Tier,
	}
}

func (j decisionJSON) decision() (Decision, error) {
	side, err := routine.ParseSide(j.Side)
	if err != nil {
		return Decision{}, err
	}
	at, err := parseTime(j.At)
	if err != nil {
		return Decision{}, err
	}
	return Decision{
		SessionID: j.SessionID, Seq: j.Seq, At: at, Rule: j.Rule,
		ExerciseID: j.ExerciseID, Exercise: j.Exercise, Side: side,
		LevelBefore: j.LevelBefore, LevelAfter: j.LevelAfter, HoldStepUp: j.HoldStepUp, Minutes: j.Minutes, Reason: j.Reason,
		Sign: j.Sign, Tier: j.Tier,
	}, nil
}

// scanDecision reads a stored decision with the quick field scan
// (fieldscan.go), or reports false for what encoding/json must read: the
// home screen and due read the decisions of every session of a week.
func scanDecision(v []byte, j *decisionJSON) bool {
	return scanFields(v, []field{{name: "session_id", str: &j.SessionID}, {name: "seq", num: &j.Seq}, {name: "at", str: &j.At},
		{name: "rule", str: &j.Rule}, {name: "exercise_id", str: &j.ExerciseID}, {name: "exercise", str: &j.Exercise},
		{name: "side", str: &j.Side}, {name: "level_before", num: &j.LevelBefore}, {name: "level_after", num: &j.LevelAfter},
		{name: "hold_step_up", flag: &j.HoldStepUp}, {name: "minutes", num: &j.Minutes}, {name: "reason", str: &j.Reason},
		{name: "sign", str: &j.Sign}, {name: "tier", str: &j.Tier}})
}

func decodeDecision(v []byte) (Decision, error) {
	if err := checkValue("decision", v, maxRecordValue); err != nil {
		return Decision{}, err
	}
	var j decisionJSON
	if !scanDecision(v, &j) {
		var full decisionJSON // its own variable: j stays on the stack
		if err := json.Unmarshal(v, &full); err != nil {
			return Decision{}, err
		}
		j = full
	}
	d, err := j.decision()
	return d.clean(), err
}

// decisionKey is the session ID then the big-endian seq, so a session's
// decisions sort by seq and all decisions by their session's start time.
func decisionKey(sessionID string, seq int) []byte {
	k := make([]byte, len(sessionID)+4)
	copy(k, sessionID)
	binary.BigEndian.PutUint32(k[len(sessionID):], uint32(seq))
	return k
}

func validateDecision(d Decision) error {
	where := fmt.Sprintf("decision %d of session %s", d.Seq, d.SessionID)
	switch {
	case !validID(d.SessionID):
		return invalid("%s: session id %q is not one made by NewSessionID", where, d.SessionID)
	case d.Seq < 0 || d.Seq > math.MaxInt32:
		return invalid("%s: seq out of range", where)
	case strings.TrimSpace(d.Rule) == "":
		return invalid("%s: no rule", where)
	case strings.TrimSpace(d.Reason) == "":
		return invalid("%s: no reason", where)
	case d.LevelBefore < 0 || d.LevelBefore > routine.MaxLevel:
		return invalid("%s: level before %d is not 0..%d", where, d.LevelBefore, routine.MaxLevel)
	case d.LevelAfter < 0 || d.LevelAfter > routine.MaxLevel:
		return invalid("%s: level after %d is not 0..%d", where, d.LevelAfter, routine.MaxLevel)
	case d.Minutes < 0 || d.Minutes > int(routine.MaxBuildUp/time.Minute):
		return invalid("%s: %d minutes is not a build-up's time", where, d.Minutes)
	case d.Side != routine.NoSide && d.Side != routine.Left && d.Side != routine.Right:
		return invalid("%s: unknown side %d", where, int(d.Side))
	}
	return decisionText(d)
}

// PutSessionWithDecisions stores a session and the decisions made before
// it in one synced transaction, so a crash never leaves a session stopped
// for a warning sign without the record of why. It is the check-in's
// write (CheckIn), where every session starts: it also builds the
// per-exercise week aggregates of the weeks completed before the
// session's day not built yet (exerciseweeks.go), normally one week,
// once a week, and the set digests of the sessions before its day that
// the day rules read (setdigests.go), normally those of the day before.
func (s *Store) PutSessionWithDecisions(sess Session, decisions []Decision) error {
	if err := validateSession(sess); err != nil {
		return err
	}
	val, err := json.Marshal(toSessionJSON(sess))
	if err != nil {
		return invalid("session %s: %s", sess.ID, err)
	}
	vals := make([][]byte, len(decisions))
	for i, d := range decisions {
		if d.SessionID != sess.ID {
			return invalid("decision %d belongs to session %s, not %s", d.Seq, d.SessionID, sess.ID)
		}
		if err := validateDecision(d); err != nil {
			return err
		}
		if vals[i], err = json.Marshal(toDecisionJSON(d)); err != nil {
			return invalid("decision %d of session %s: %s", d.Seq, d.SessionID, err)
		}
	}
	return s.update("the session", func(tx *bolt.Tx) error {
		if err := putSession(tx, sess, val); err != nil {
			return err
		}
		if err := buildWeeks(tx, dayOf(sess.StartedAt), true); err != nil {
			return err
		}
		if err := s.buildDigests(tx, sess.StartedAt); err != nil {
			return err
		}
		for i, d := range decisions {
			if err := tx.Bucket(bucketDecisions).Put(decisionKey(d.SessionID, d.Seq), vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// RecordDecision writes one decision in a single transaction, synced to
// disk before it returns. Its session must exist. Re-recording the same
// (SessionID, Seq) replaces the earlier record.
func (s *Store) RecordDecision(d Decision) error {
	if err := validateDecision(d); err != nil {
		return err
	}
	val, err := json.Marshal(toDecisionJSON(d))
	if err != nil {
		return invalid("decision %d of session %s: %s", d.Seq, d.SessionID, err)
	}
	return s.update("the decision", func(tx *bolt.Tx) error {
		if _, err := s.getSession(tx, d.SessionID); errors.Is(err, ErrNotFound) {
			return fileErr([]error{ErrInvalid, ErrNotFound},
				"%s: decision %d: session %s does not exist", ErrInvalid, d.Seq, d.SessionID)
		} else if err != nil {
			return err
		}
		// A read-write Open gives every file the bucket, older ones too.
		return tx.Bucket(bucketDecisions).Put(decisionKey(d.SessionID, d.Seq), val)
	})
}

// DecisionsOf returns the decisions of a session in Seq order (a prefix
// scan).
func (s *Store) DecisionsOf(sessionID string) ([]Decision, error) {
	if !validID(sessionID) {
		return nil, fmt.Errorf("session %q: %w", sessionID, ErrNotFound)
	}
	var out []Decision
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.decisionsOf(tx, sessionID)
		return err
	})
	return out, err
}

// decisionsOf reads one session's decisions. A file written before
// decisions existed, opened read-only, has no bucket: no decisions.
// (The home screen's read takes them in the rules' terms: decisionLogs.)
func (s *Store) decisionsOf(tx *bolt.Tx, sessionID string) ([]Decision, error) {
	var out []Decision
	err := newPrefixReader(tx.Bucket(bucketDecisions)).each([]byte(sessionID), func(k, v []byte) error {
		d, err := decodeDecision(v)
		if err != nil {
			return s.damaged("decision", k, err)
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// DecisionsBetween returns the decisions of the sessions that started in
// [from, to), in session then Seq order. It is a range scan on the key's
// time-sortable session-ID prefix, so it reads only that window; a
// decision belongs to its session's day even when it was made after
// midnight.
func (s *Store) DecisionsBetween(from, to time.Time) ([]Decision, error) {
	var out []Decision
	if !from.Before(to) {
		return out, nil
	}
	lo, hi := []byte(timeKey(from)), []byte(timeKey(to))
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(lo); k != nil && bytes.Compare(timePart(k), hi) < 0; k, v = c.Next() {
			d, err := decodeDecision(v)
			if err != nil {
				return s.damaged("decision", k, err)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}
