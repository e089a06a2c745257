package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/internal/safecsv"
	"github.com/spinecoach/spinecoach/routine"
)

const (
	exportFormat  = "spinecoach-export"
	exportVersion = 1
)

// CSVHeader is the first row of ExportCSV; scripts rely on its order.
// event and note came after the first sixteen, which DESIGN.md fixes;
// warning_sign (the sign a warning-sign row reports, with its tier), then
// minutes (a build-up row's time for the day) last.
var CSVHeader = []string{
	"session_id", "started_at", "routine", "exercise_id", "exercise", "side", "set",
	"reps_planned", "reps_done", "hold_s", "pain", "baseline_pain", "dose_level",
	"skipped", "status", "recorded_at", "event", "note", "warning_sign", "minutes",
}

// The event column of ExportCSV: what a row records.
const (
	CSVEventSet     = "set"      // a set, scored or skipped
	CSVEventCheckIn = "check-in" // a session with no set and no stop: its check-in alone
	// A stop at the check-in has its rule's id: routine.RuleWarningSign
	// or routine.RuleBaselineStop; a build-up its own:
	// routine.RuleBuildUp (the time moved or started) or
	// routine.RuleBuildUpHold (it stayed).
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
// sets by index. Before a session's sets come the rows of what was
// decided at its check-in, in seq order, with the rule as the event and
// its sentence as the note and no set columns: a stop at the check-in
// (a warning sign, or pain too high to start), and each activity's
// build-up for the day, with its exercise and its minutes (the JSON
// events' minutes). A session with no set and no such stop has a row for
// its check-in first. So every session, every check-in score and every
// build-up is in the export. Times are RFC 3339 in the session's own
// offset; the pain cell is empty for a skipped set and on the rows that
// are not sets, baseline_pain empty when unknown. A set without a score
// says in its note why: skipped by you, or left out by the pain rules.
func (s *Store) ExportCSV(w io.Writer) error {
	cw := safecsv.NewWriter(w) // a name from a file may begin with =
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	err := s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		for _, row := range csvSessionRows(sess, sets, decisions) {
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.csvReviews(cw.Write)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvSessionRows are the rows of one session, in CSVHeader's columns:
// see ExportCSV.
func csvSessionRows(sess Session, sets []SetRecord, decisions []Decision) [][]string {
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
	// event is a row that is not a set's: d's, or the check-in's when d is nil.
	event := func(d *Decision) []string {
		if d == nil {
			return append(append([]string(nil), head...), "", "", "", "", "", "", "", "", baseline,
				strconv.Itoa(sess.DoseLevel), "", sess.Status.String(), at(sess.StartedAt), CSVEventCheckIn, sess.Note, "", "")
		}
		minutes := ""
		if d.Minutes > 0 {
			minutes = strconv.Itoa(d.Minutes)
		}
		return append(append([]string(nil), head...), d.ExerciseID, d.Exercise, d.Side.String(), "", "", "", "", "", baseline,
			strconv.Itoa(d.LevelAfter), "", sess.Status.String(), at(d.At), d.Rule, d.Reason, d.Domain().SignText(), minutes)
	}
	var rows [][]string
	if len(sets) == 0 && !slices.ContainsFunc(decisions, func(d Decision) bool { return routine.IsCheckInStop(d.Rule) }) {
		rows = append(rows, event(nil))
	}
	for i, d := range decisions {
		if routine.IsCheckInStop(d.Rule) || routine.IsBuildUp(d.Rule) {
			rows = append(rows, event(&decisions[i]))
		}
	}
	for _, r := range sets {
		pain := ""
		if !r.Skipped {
			pain = strconv.Itoa(r.Pain)
		}
		rows = append(rows, append(append([]string(nil), head...),
			r.ExerciseID, r.Exercise, r.Side.String(), strconv.Itoa(r.SetNo),
			strconv.Itoa(r.RepsPlanned), strconv.Itoa(r.RepsDone),
			strconv.FormatFloat(r.Hold.Seconds(), 'f', -1, 64),
			pain, baseline, strconv.Itoa(r.DoseLevel),
			strconv.FormatBool(r.Skipped), sess.Status.String(), at(r.At), CSVEventSet, SkipWords(r, decisions), "", "",
		))
	}
	return rows
}

// exportSession is one session of the JSON export. Events (the session's
// decisions) came after version 1 was first written; they are additive, so
// the version stays 1 and a document without "events" has none.
type exportSession struct {
	sessionJSON
	Sets   []exportSet    `json:"sets"`
	Events []decisionJSON `json:"events"`

	// The lists' lengths as read, when the import's scan kept only the
	// first items of a list longer than any session may hold (its
	// refusal names them); 0: len(Sets), len(Events).
	setsRead, eventsRead int
}

// exportSet is a set of the JSON export: for a set without a score, skip
// says why, in the words the screens use (SkipWords); import reads it past.
type exportSet struct {
	setJSON
	Skip string `json:"skip,omitempty"`
}

// ExportJSON writes every session with its sets and its events (the dose
// decisions, in seq order) as one indented JSON document. The output
// depends only on the data, so two exports of the same file are
// byte-identical. Sessions are streamed, not held in memory; the layout is
// exactly json.MarshalIndent's with a two-space indent.
func (s *Store) ExportJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	version, err := s.exportVersionOf()
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"sessions\": [", exportFormat, version)
	n := 0
	err = s.eachSession(true, func(sess Session, sets []SetRecord, decisions []Decision) error {
		e := exportSession{
			sessionJSON: toSessionJSON(sess),
			Sets:        make([]exportSet, 0, len(sets)),
			Events:      make([]decisionJSON, 0, len(decisions)),
		}
		for _, r := range sets {
			e.Sets = append(e.Sets, exportSet{setJSON: toSetJSON(r), Skip: SkipWords(r, decisions)})
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
	bw.WriteString("]")
	if err := s.writeReviewsJSON(bw); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush() // bufio keeps the first write error and reports it here
}
