package store

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

const (
	exportFormat  = "spinecoach-export"
	exportVersion = 1
)

// CSVHeader is the first row of ExportCSV; scripts rely on its order.
// event and note came after the first sixteen, which DESIGN.md fixes.
var CSVHeader = []string{
	"session_id", "started_at", "routine", "exercise_id", "exercise", "side", "set",
	"reps_planned", "reps_done", "hold_s", "pain", "baseline_pain", "dose_level",
	"skipped", "status", "recorded_at", "event", "note",
}

// The event column of ExportCSV: what a row records.
const (
	CSVEventSet     = "set"      // a set, scored or skipped
	CSVEventCheckIn = "check-in" // a session with no set and no stop: its check-in alone
	// A stop at the check-in has its rule's id: routine.RuleWarningSign
	// or routine.RuleBaselineStop.
)

// eachSession calls fn for every session in time order with its sets in
// plan order and, if withDecisions, its decisions in seq order, inside one
// read transaction so the export is consistent.
func (s *Store) eachSession(withDecisions bool, fn func(Session, []SetRecord, []Decision) error) error {
	return s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSessions)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			sess, err := decodeSession(v)
			if err != nil {
				return s.damaged("session", k, err)
			}
			sets, err := s.setsOf(tx, sess.ID)
			if err != nil {
				return err
			}
			var decisions []Decision
			if withDecisions {
				if decisions, err = s.decisionsOf(tx, sess.ID); err != nil {
					return err
				}
			}
			if err := fn(sess, sets, decisions); err != nil {
				return err
			}
		}
		return nil
	})
}

// ExportCSV writes a header and one row per set: sessions in time order,
// sets by index. A stop at the check-in (a warning sign, or pain too high
// to start) has a row of its own before the session's sets, with its
// rule as the event and its sentence as the note; a session with no set
// and no such stop has one row for its check-in. So every session, and
// every check-in score, is in the export. Times are RFC 3339 in the
// session's own offset; the pain cell is empty for a skipped set and on
// the rows that are not sets, baseline_pain empty when unknown.
func (s *Store) ExportCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	err := s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		_, off := sess.StartedAt.Zone()
		zone := time.FixedZone("", off)
		baseline := ""
		if sess.Baseline >= 0 {
			baseline = strconv.Itoa(sess.Baseline)
		}
		at := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(zone).Format(time.RFC3339)
		}
		head := []string{sess.ID, sess.StartedAt.Format(time.RFC3339), sess.Routine}
		event := func(name, level, recorded, note string) []string {
			return append(append([]string(nil), head...),
				"", "", "", "", "", "", "", "", baseline, level, "", sess.Status.String(), recorded, name, note)
		}
		rows := 0
		for _, d := range decisions {
			if routine.IsCheckInStop(d.Rule) {
				if err := cw.Write(event(d.Rule, strconv.Itoa(d.LevelAfter), at(d.At), d.Reason)); err != nil {
					return err
				}
				rows++
			}
		}
		if rows == 0 && len(sets) == 0 {
			if err := cw.Write(event(CSVEventCheckIn, strconv.Itoa(sess.DoseLevel), at(sess.StartedAt), sess.Note)); err != nil {
				return err
			}
		}
		for _, r := range sets {
			pain := ""
			if !r.Skipped {
				pain = strconv.Itoa(r.Pain)
			}
			row := append(append([]string(nil), head...),
				r.ExerciseID, r.Exercise, r.Side.String(), strconv.Itoa(r.SetNo),
				strconv.Itoa(r.RepsPlanned), strconv.Itoa(r.RepsDone),
				strconv.FormatFloat(r.Hold.Seconds(), 'f', -1, 64),
				pain, baseline, strconv.Itoa(r.DoseLevel),
				strconv.FormatBool(r.Skipped), sess.Status.String(), at(r.At), CSVEventSet, "",
			)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// exportSession is one session of the JSON export. Events (the session's
// decisions) came after version 1 was first written; they are additive, so
// the version stays 1 and a document without "events" has none.
type exportSession struct {
	sessionJSON
	Sets   []setJSON      `json:"sets"`
	Events []decisionJSON `json:"events"`
}

type exportFile struct {
	Format   string          `json:"format"`
	Version  int             `json:"version"`
	Sessions []exportSession `json:"sessions"`
}

// ExportJSON writes every session with its sets and its events (the dose
// decisions, in seq order) as one indented JSON document. The output
// depends only on the data, so two exports of the same file are
// byte-identical. Sessions are streamed, not held in memory; the layout is
// exactly json.MarshalIndent's with a two-space indent.
func (s *Store) ExportJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"sessions\": [", exportFormat, exportVersion)
	n := 0
	err := s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		e := exportSession{
			sessionJSON: toSessionJSON(sess),
			Sets:        make([]setJSON, 0, len(sets)),
			Events:      make([]decisionJSON, 0, len(decisions)),
		}
		for _, r := range sets {
			e.Sets = append(e.Sets, toSetJSON(r))
		}
		for _, d := range decisions {
			e.Events = append(e.Events, toDecisionJSON(d))
		}
		b, err := json.MarshalIndent(e, "    ", "  ")
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
		n++
		return nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush() // bufio keeps the first write error and reports it here
}

// ImportResult counts what ImportJSON added and what it already had.
type ImportResult struct {
	Sessions, Sets, Decisions                int // added
	SessionsKnown, SetsKnown, DecisionsKnown int // already present, left as they were
}

// ImportJSON merges an ExportJSON document. It is idempotent: a session,
// set or event whose key is already present is kept as it is, never
// duplicated. A document without "events" (exported before they existed)
// imports with none. The whole document, events included, is validated
// first and written in one transaction, so a bad file changes nothing.
func (s *Store) ImportJSON(r io.Reader) (ImportResult, error) {
	var res ImportResult
	var f exportFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return res, fileErr([]error{ErrInvalid, err}, "not a spinecoach export: %s", err)
	}
	switch {
	case f.Format != exportFormat:
		return res, fileErr([]error{ErrInvalid}, "not a spinecoach export (format %q)", f.Format)
	case f.Version > exportVersion:
		return res, fileErr([]error{ErrNewerSchema},
			"the export was written by a newer spinecoach (version %d; this one reads up to %d)", f.Version, exportVersion)
	case f.Version < 1:
		return res, fileErr([]error{ErrInvalid}, "not a spinecoach export (version %d)", f.Version)
	}

	history := make([]SessionHistory, 0, len(f.Sessions))
	for _, e := range f.Sessions {
		sess, err := e.session()
		if err != nil {
			return res, invalid("session %s: %s", e.ID, err)
		}
		h := SessionHistory{Session: sess}
		for _, sj := range e.Sets {
			if sj.SessionID == "" {
				sj.SessionID = sess.ID
			}
			r, err := sj.set()
			if err != nil {
				return res, invalid("set %d of session %s: %s", sj.Index, sess.ID, err)
			}
			h.Sets = append(h.Sets, r)
		}
		for _, ej := range e.Events {
			if ej.SessionID == "" {
				ej.SessionID = sess.ID
			}
			d, err := ej.decision()
			if err != nil {
				return res, invalid("event %d of session %s: %s", ej.Seq, sess.ID, err)
			}
			h.Decisions = append(h.Decisions, d)
		}
		history = append(history, h)
	}
	return s.Import(history)
}

// SessionHistory is a session with its sets and dose decisions: what an
// import brings, one session at a time.
type SessionHistory struct {
	Session   Session
	Sets      []SetRecord
	Decisions []Decision
}

// Import merges sessions with their sets and decisions, the way
// ImportJSON does (which reads them from an export and calls it): every
// record is validated first, then all are written in one transaction, and
// a record whose key is already present is kept as it is.
func (s *Store) Import(history []SessionHistory) (ImportResult, error) {
	var res ImportResult
	type item struct {
		sess    Session
		sessVal []byte
		sets    []SetRecord
		setVals [][]byte
		decs    []Decision
		decVals [][]byte
	}
	items := make([]item, 0, len(history))
	for _, h := range history {
		sess := h.Session
		if err := validateSession(sess); err != nil {
			return res, err
		}
		it := item{sess: sess, sets: h.Sets, decs: h.Decisions}
		var err error
		if it.sessVal, err = json.Marshal(toSessionJSON(sess)); err != nil {
			return res, invalid("session %s: %s", sess.ID, err)
		}
		for _, r := range h.Sets {
			if r.SessionID != sess.ID {
				return res, invalid("set %d listed under session %s belongs to %s", r.Index, sess.ID, r.SessionID)
			}
			if err := validateSet(r); err != nil {
				return res, err
			}
			v, err := json.Marshal(toSetJSON(r))
			if err != nil {
				return res, invalid("set %d of session %s: %s", r.Index, sess.ID, err)
			}
			it.setVals = append(it.setVals, v)
		}
		for _, d := range h.Decisions {
			if d.SessionID != sess.ID {
				return res, invalid("event %d listed under session %s belongs to %s", d.Seq, sess.ID, d.SessionID)
			}
			if err := validateDecision(d); err != nil {
				return res, err
			}
			v, err := json.Marshal(toDecisionJSON(d))
			if err != nil {
				return res, invalid("event %d of session %s: %s", d.Seq, sess.ID, err)
			}
			it.decVals = append(it.decVals, v)
		}
		items = append(items, it)
	}

	err := s.update("the import", func(tx *bolt.Tx) error {
		sessions, sets, decisions := tx.Bucket(bucketSessions), tx.Bucket(bucketSets), tx.Bucket(bucketDecisions)
		touched := map[string]bool{}
		for _, it := range items {
			day := dayOf(it.sess.StartedAt)
			if old := sessions.Get([]byte(it.sess.ID)); old != nil {
				res.SessionsKnown++
				if o, err := decodeSession(old); err == nil {
					day = dayOf(o.StartedAt) // the sets count where the kept session is
				}
			} else {
				if err := putSession(tx, it.sess, it.sessVal); err != nil {
					return err
				}
				res.Sessions++
			}
			added := false
			for i, r := range it.sets {
				k := setKey(r.SessionID, r.Index)
				if sets.Get(k) != nil {
					res.SetsKnown++
					continue
				}
				if err := sets.Put(k, it.setVals[i]); err != nil {
					return err
				}
				res.Sets++
				added = true
			}
			if added {
				touched[day] = true
			}
			for i, d := range it.decs {
				k := decisionKey(d.SessionID, d.Seq)
				if decisions.Get(k) != nil {
					res.DecisionsKnown++
					continue
				}
				if err := decisions.Put(k, it.decVals[i]); err != nil {
					return err
				}
				res.Decisions++
			}
		}
		for d := range touched {
			if err := recomputeDay(tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}
