package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spinecoach/spinecoach/routine"
)

// Status is where a session ended up. Its text form is stable: it is what
// the data file and the JSON export hold.
type Status int

const (
	StatusInProgress Status = iota + 1
	StatusCompleted
	StatusStopped
	StatusAbandoned
)

var statusText = map[Status]string{
	StatusInProgress: "in_progress",
	StatusCompleted:  "completed",
	StatusStopped:    "stopped",
	StatusAbandoned:  "abandoned",
}

func (s Status) String() string {
	if t, ok := statusText[s]; ok {
		return t
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ParseStatus is the inverse of Status.String.
func ParseStatus(text string) (Status, error) {
	if s, ok := statusOf(text); ok {
		return s, nil
	}
	return 0, fmt.Errorf("unknown session status %q", text)
}

// statusOf is the status whose text (statusText) is text: a switch, not
// a walk of the map, and no copy of a record's bytes (every session read
// has one).
func statusOf[T string | []byte](text T) (Status, bool) {
	switch string(text) {
	case "in_progress":
		return StatusInProgress, true
	case "completed":
		return StatusCompleted, true
	case "stopped":
		return StatusStopped, true
	case "abandoned":
		return StatusAbandoned, true
	}
	return 0, false
}

func (s Status) valid() bool { _, ok := statusText[s]; return ok }

// MarshalText writes the stable text form.
func (s Status) MarshalText() ([]byte, error) {
	if !s.valid() {
		return nil, fmt.Errorf("unknown session status %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads the stable text form.
func (s *Status) UnmarshalText(b []byte) error {
	v, ok := statusOf(b)
	if !ok {
		_, err := ParseStatus(string(b))
		return err
	}
	*s = v
	return nil
}

// Session is one run through a routine.
type Session struct {
	ID        string    // time-sortable, fixed width, from NewSessionID(StartedAt)
	StartedAt time.Time // stored with its offset, so it shows in local time
	EndedAt   time.Time // zero while open
	RoutineID string
	Routine   string // routine name, for history and export
	Baseline  int    // 0..10 pain before the session; -1 unknown
	DoseLevel int    // starting dose level
	Short     bool
	Status    Status
	Note      string // e.g. why it stopped
}

// SetRecord is one recorded set: the pain after it and what was done.
type SetRecord struct {
	SessionID   string
	Index       int // position in the session's plan, 0-based; with SessionID the key
	ExerciseID  string
	Exercise    string
	Side        routine.Side
	SetNo       int // 1-based set number within the exercise
	RepsPlanned int
	RepsDone    int
	Hold        time.Duration // hold length used; 0 for timed/counted
	Pain        int           // 0..10; -1 when skipped
	Skipped     bool
	DoseLevel   int
	At          time.Time
}

// Profile is the patient's setup.
type Profile struct {
	SurgeryDate  string // YYYY-MM-DD or ""
	Region       string
	ClearedPhase int
	ClearedAt    time.Time
	SetupSkipped bool
	Cues         string // "off", "bell", "voice"; "" not chosen
	Theme        string // "default", "high-contrast"; "" not chosen
	// Prescription is a clinician's routine file kept in the data file
	// (spinecoach routines import), in place of the shipped routines; its
	// source as written, checked again at every load.
	Prescription     string
	PrescriptionName string // the file it came from, for messages
	// The patient as a clinic knows them, for the FHIR export: set only
	// by setup --patient-name / --patient-id; "" when not given.
	PatientName, PatientID, PatientIDSystem string
}

const (
	// A session ID is 16 hex digits of UTC Unix nanoseconds, '-', 8 hex
	// random digits: fixed width, so byte order is time order.
	idTimeLen = 16
	idLen     = idTimeLen + 1 + 8

	dateLayout = "2006-01-02"
)

// minTime and maxTime bound what a session ID can encode (UnixNano range,
// non-negative so the hex sorts).
var (
	minTime = time.Unix(0, 0)
	maxTime = time.Unix(0, math.MaxInt64)
)

// NewSessionID makes the ID of a session started at t. IDs sort by t; the
// random suffix keeps two sessions in the same nanosecond apart.
func NewSessionID(t time.Time) string {
	var r [4]byte
	_, _ = rand.Read(r[:]) // crypto/rand.Read never fails (Go 1.24+)
	return fmt.Sprintf("%s-%08x", timeKey(t), binary.BigEndian.Uint32(r[:]))
}

// timeKey is the fixed-width time prefix of session IDs, clamped to the
// range an ID can hold so a range bound is always valid.
func timeKey(t time.Time) string {
	switch {
	case t.Before(minTime):
		t = minTime
	case t.After(maxTime):
		t = maxTime
	}
	var b [idTimeLen]byte // fmt.Sprintf("%016x", …), without the format's parse
	for i, u := idTimeLen-1, uint64(t.UnixNano()); i >= 0; i, u = i-1, u>>4 {
		b[i] = "0123456789abcdef"[u&0xf]
	}
	return string(b[:])
}

func validID(id string) bool {
	if len(id) != idLen || id[idTimeLen] != '-' {
		return false
	}
	for i := 0; i < idLen; i++ {
		c := id[i]
		if i != idTimeLen && !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// dayOf is the local calendar day of t, in t's own offset:
// t.Format(dateLayout), written by routine.DateOf (the home screen takes
// the day of every session it reads, some of them twice).
func dayOf(t time.Time) string { return routine.DateOf(t) }

// appendDay appends dayOf(t) to b.
func appendDay(b []byte, t time.Time) []byte { return routine.AppendDate(b, t) }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

func validateSession(s Session) error {
	switch {
	case !validID(s.ID):
		return invalid("session id %q is not one made by NewSessionID", s.ID)
	case s.StartedAt.Before(minTime) || s.StartedAt.After(maxTime):
		return invalid("session %s: start time %s is out of range", s.ID, s.StartedAt)
	case s.ID[:idTimeLen] != timeKey(s.StartedAt):
		// The range scans rely on the ID sorting exactly like StartedAt.
		return invalid("session %s: id does not match its start time %s; make it with NewSessionID(StartedAt)",
			s.ID, s.StartedAt.Format(time.RFC3339Nano))
	case !s.Status.valid():
		return invalid("session %s: unknown status %d", s.ID, int(s.Status))
	case s.Baseline < -1 || s.Baseline > 10:
		return invalid("session %s: baseline pain %d is not 0..10 (or -1 for unknown)", s.ID, s.Baseline)
	}
	return sessionText(s)
}

func validateSet(r SetRecord) error {
	where := fmt.Sprintf("set %d of session %s", r.Index, r.SessionID)
	switch {
	case !validID(r.SessionID):
		return invalid("%s: session id %q is not one made by NewSessionID", where, r.SessionID)
	case r.Index < 0 || r.Index > math.MaxInt32:
		return invalid("%s: index out of range", where)
	case r.Pain < -1 || r.Pain > 10:
		return invalid("%s: pain %d is not 0..10 (or -1 when skipped)", where, r.Pain)
	case r.Skipped != (r.Pain == -1):
		return invalid("%s: a skipped set has pain -1 and only a skipped one (skipped %t, pain %d)", where, r.Skipped, r.Pain)
	case r.Side != routine.NoSide && r.Side != routine.Left && r.Side != routine.Right:
		return invalid("%s: unknown side %d", where, int(r.Side))
	case r.SetNo < 0 || r.RepsPlanned < 0 || r.RepsDone < 0 || r.Hold < 0:
		return invalid("%s: negative set number, reps or hold", where)
	case len(r.ExerciseID) > maxExerciseIDLen:
		// It is part of the key of its day's aggregate (exercisedays.go).
		return invalid("%s: the exercise id is %d bytes long; at most %d fit", where, len(r.ExerciseID), maxExerciseIDLen)
	}
	return setText(r)
}

func validateProfile(p Profile) error {
	if p.SurgeryDate != "" {
		if _, err := time.Parse(dateLayout, p.SurgeryDate); err != nil {
			return invalid("profile: surgery date %q is not YYYY-MM-DD", p.SurgeryDate)
		}
	}
	if p.ClearedPhase < 0 {
		return invalid("profile: cleared phase %d is negative", p.ClearedPhase)
	}
	return profileText(p)
}

// The stored (and exported) forms. Times keep their offset.

type sessionJSON struct {
	ID        string `json:"id"`
	StartedAt string `json:"started_at"`
	EndedAt   string `json:"ended_at"`
	RoutineID string `json:"routine_id"`
	Routine   string `json:"routine"`
	Baseline  int    `json:"baseline_pain"`
	DoseLevel int    `json:"dose_level"`
	Short     bool   `json:"short"`
	Status    Status `json:"status"`
	Note      string `json:"note"`
}

type setJSON struct {
	SessionID   string  `json:"session_id"`
	Index       int     `json:"index"`
	ExerciseID  string  `json:"exercise_id"`
	Exercise    string  `json:"exercise"`
	Side        string  `json:"side"`
	SetNo       int     `json:"set"`
	RepsPlanned int     `json:"reps_planned"`
	RepsDone    int     `json:"reps_done"`
	HoldS       float64 `json:"hold_s"`
	Pain        int     `json:"pain"`
	Skipped     bool    `json:"skipped"`
	DoseLevel   int     `json:"dose_level"`
	At          string  `json:"at"`
}

type profileJSON struct {
	SurgeryDate      string `json:"surgery_date"`
	Region           string `json:"region"`
	ClearedPhase     int    `json:"cleared_phase"`
	ClearedAt        string `json:"cleared_at"`
	SetupSkipped     bool   `json:"setup_skipped"`
	Cues             string `json:"cues,omitempty"`
	Theme            string `json:"theme,omitempty"`
	Prescription     string `json:"prescription,omitempty"`
	PrescriptionName string `json:"prescription_name,omitempty"`
	PatientName      string `json:"patient_name,omitempty"`
	PatientID        string `json:"patient_id,omitempty"`
	PatientIDSystem  string `json:"patient_id_system,omitempty"`
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := quickTime(s); ok {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

func toSessionJSON(s Session) sessionJSON {
	return sessionJSON{
		ID: s.ID, StartedAt: formatTime(s.StartedAt), EndedAt: formatTime(s.EndedAt),
		RoutineID: s.RoutineID, Routine: s.Routine, Baseline: s.Baseline,
		DoseLevel: s.DoseLevel, Short: s.Short, Status: s.Status, Note: s.Note,
	}
}

func (j sessionJSON) session() (Session, error) {
	started, err := parseTime(j.StartedAt)
	if err != nil {
		return Session{}, err
	}
	ended, err := parseTime(j.EndedAt)
	if err != nil {
		return Session{}, err
	}
	return Session{
		ID: j.ID, StartedAt: started, EndedAt: ended,
		RoutineID: j.RoutineID, Routine: j.Routine, Baseline: j.Baseline,
		DoseLevel: j.DoseLevel, Short: j.Short, Status: j.Status, Note: j.Note,
	}, nil
}

func toSetJSON(r SetRecord) setJSON {
	return setJSON{
		SessionID: r.SessionID, Index: r.Index, ExerciseID: r.ExerciseID, Exercise: r.Exercise,
		Side: r.Side.String(), SetNo: r.SetNo, RepsPlanned: r.RepsPlanned, RepsDone: r.RepsDone,
		HoldS: r.Hold.Seconds(), Pain: r.Pain, Skipped: r.Skipped, DoseLevel: r.DoseLevel,
		At: formatTime(r.At),
	}
}

func (j setJSON) set() (SetRecord, error) {
	side, err := routine.ParseSide(j.Side)
	if err != nil {
		return SetRecord{}, err
	}
	at, err := parseTime(j.At)
	if err != nil {
		return SetRecord{}, err
	}
	return SetRecord{
		SessionID: j.SessionID, Index: j.Index, ExerciseID: j.ExerciseID, Exercise: j.Exercise,
		Side: side, SetNo: j.SetNo, RepsPlanned: j.RepsPlanned, RepsDone: j.RepsDone,
		// Seconds as float64 round-trip exactly to the nanosecond for any
		// hold shorter than weeks.
		Hold: time.Duration(math.Round(j.HoldS * 1e9)),
		Pain: j.Pain, Skipped: j.Skipped, DoseLevel: j.DoseLevel, At: at,
	}, nil
}

// decodeSession and decodeSet check a value's length before reading it,
// and clean its text (text.go). Every start reads some fifty sessions for
// the day rules, so a session goes through the quick field scan
// (sessionscan.go) first; what it does not take, encoding/json reads.
func decodeSession(v []byte) (Session, error) {
	if err := checkValue("session", v, maxRecordValue); err != nil {
		return Session{}, err
	}
	var j sessionJSON
	if !scanSession(v, &j, true) {
		var full sessionJSON // its own variable: j stays on the stack
		if err := json.Unmarshal(v, &full); err != nil {
			return Session{}, err
		}
		j = full
	}
	sess, err := j.session()
	return sess.clean(), err
}

func decodeSet(v []byte) (SetRecord, error) {
	if err := checkValue("set", v, maxRecordValue); err != nil {
		return SetRecord{}, err
	}
	var j setJSON
	if err := json.Unmarshal(v, &j); err != nil {
		return SetRecord{}, err
	}
	r, err := j.set()
	return r.clean(), err
}

// damaged reports a record that does not decode.
func (s *Store) damaged(what string, key []byte, err error) error {
	if len(key) > 80 { // a damaged key may be huge: its start names it well enough
		key = append(key[:80:80], "..."...)
	}
	return fileErr([]error{ErrCorrupt, err}, "%s is damaged: %s %q: %s", s.path, what, key, err)
}

func setKey(sessionID string, index int) []byte {
	k := make([]byte, len(sessionID)+4)
	copy(k, sessionID)
	binary.BigEndian.PutUint32(k[len(sessionID):], uint32(index))
	return k
}

// PutSession inserts or updates a session, keeps the open-session index in
// step with its status and brings its day's aggregate up to date, all in
// one transaction.
func (s *Store) PutSession(sess Session) error {
	if err := validateSession(sess); err != nil {
		return err
	}
	val, err := json.Marshal(toSessionJSON(sess))
	if err != nil {
		return invalid("session %s: %s", sess.ID, err)
	}
	return s.update("the session", func(tx *bolt.Tx) error {
		return putSession(tx, sess, val)
	})
}

func putSession(tx *bolt.Tx, sess Session, val []byte) error {
	days, err := putSessionRecord(tx, sess, val)
	if err != nil {
		return err
	}
	for _, d := range days {
		if err := recomputeDay(tx, d); err != nil {
			return err
		}
	}
	return nil
}

// putSessionRecord is putSession without the days' aggregates: it
// returns the days whose aggregates must be rebuilt (an import rebuilds
// each once, after all of its sessions).
func putSessionRecord(tx *bolt.Tx, sess Session, val []byte) (days []string, err error) {
	sessions := tx.Bucket(bucketSessions)
	key := []byte(sess.ID)
	days = []string{dayOf(sess.StartedAt)}
	// The same instant re-put with another offset can move to another day.
	if old := sessions.Get(key); old != nil {
		if o, err := decodeSession(old); err == nil && dayOf(o.StartedAt) != days[0] {
			days = append(days, dayOf(o.StartedAt))
		}
	}
	if err := sessions.Put(key, val); err != nil {
		return nil, err
	}
	open := tx.Bucket(bucketOpen)
	if sess.Status == StatusInProgress {
		if err := open.Put(key, nil); err != nil {
			return nil, err
		}
	} else if err := open.Delete(key); err != nil {
		return nil, err
	}
	return days, nil
}

// Session returns the session with that ID, or ErrNotFound.
func (s *Store) Session(id string) (Session, error) {
	var sess Session
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		sess, err = s.getSession(tx, id)
		return err
	})
	return sess, err
}

func (s *Store) getSession(tx *bolt.Tx, id string) (Session, error) {
	b := tx.Bucket(bucketSessions)
	var v []byte
	if b != nil {
		v = b.Get([]byte(id))
	}
	if v == nil {
		return Session{}, fmt.Errorf("session %s: %w", id, ErrNotFound)
	}
	sess, err := decodeSession(v)
	if err != nil {
		return Session{}, s.damaged("session", []byte(id), err)
	}
	return sess, nil
}

// OpenSession returns the latest session still in progress, if any: one
// lookup in the open-session index, never a scan of the sessions.
func (s *Store) OpenSession() (Session, bool, error) {
	var open *Session
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		open, _, err = s.openSession(tx)
		return err
	})
	if err != nil || open == nil {
		return Session{}, false, err
	}
	return *open, true, nil
}

// openSession is OpenSession inside tx, with the number of sets it has
// results for (nil, 0 when none is open).
func (s *Store) openSession(tx *bolt.Tx) (*Session, int, error) {
	open := tx.Bucket(bucketOpen)
	if open == nil {
		return nil, 0, nil
	}
	k, _ := open.Cursor().Last()
	if k == nil {
		return nil, 0, nil
	}
	sess, err := s.getSession(tx, string(k))
	if err != nil {
		return nil, 0, s.damaged("open-session index entry", k, err)
	}
	sets, err := s.setsOf(tx, sess.ID)
	return &sess, len(sets), err
}

// RecordSet writes one set and updates its day's aggregate in a single
// transaction, synced to disk before it returns. Re-recording the same
// (SessionID, Index) replaces the earlier record.
func (s *Store) RecordSet(r SetRecord) error {
	if err := validateSet(r); err != nil {
		return err
	}
	val, err := json.Marshal(toSetJSON(r))
	if err != nil {
		return invalid("set %d of session %s: %s", r.Index, r.SessionID, err)
	}
	return s.update("the set", func(tx *bolt.Tx) error {
		sess, err := s.getSession(tx, r.SessionID)
		if errors.Is(err, ErrNotFound) {
			return fileErr([]error{ErrInvalid, ErrNotFound},
				"%s: set %d: session %s does not exist", ErrInvalid, r.Index, r.SessionID)
		} else if err != nil {
			return err
		}
		// A set counts on the day its session started (dayadd.go).
		return putSets(tx, sess, []newSet{{key: setKey(r.SessionID, r.Index), val: val}})
	})
}

// SetsOf returns the sets of a session in plan order (a prefix scan).
func (s *Store) SetsOf(sessionID string) ([]SetRecord, error) {
	if !validID(sessionID) {
		return nil, fmt.Errorf("session %q: %w", sessionID, ErrNotFound)
	}
	var sets []SetRecord
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		sets, err = s.setsOf(tx, sessionID)
		return err
	})
	return sets, err
}

func (s *Store) setsOf(tx *bolt.Tx, sessionID string) ([]SetRecord, error) {
	b := tx.Bucket(bucketSets)
	if b == nil {
		return nil, nil
	}
	var sets []SetRecord
	prefix := []byte(sessionID)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		r, err := decodeSet(v)
		if err != nil {
			return nil, s.damaged("set", k, err)
		}
		sets = append(sets, r)
	}
	return sets, nil
}

// Profile returns the stored profile, or the zero Profile if none is.
func (s *Store) Profile() (Profile, error) {
	var p Profile
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		p, err = s.profile(tx)
		return err
	})
	return p, err
}

// profile is Profile inside tx.
func (s *Store) profile(tx *bolt.Tx) (Profile, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return Profile{}, nil
	}
	v := meta.Get(keyProfile)
	if v == nil {
		return Profile{}, nil
	}
	p, err := decodeProfile(v)
	if err != nil {
		return Profile{}, s.damaged("profile", keyProfile, err)
	}
	return p, nil
}

// decodeProfile reads a stored profile (the salvage reads it too). Every
// start reads it, so the quick field scan (fieldscan.go) comes first: a
// first encoding/json decode of a type costs a start more than the scan
// of every record the home screen reads. A prescription (its lines are
// escaped) and anything unexpected go to encoding/json.
func decodeProfile(v []byte) (Profile, error) {
	if err := checkValue("profile", v, maxProfileValue); err != nil {
		return Profile{}, err
	}
	var j profileJSON
	if scanFields(v, profileFields(&j)) {
		return j.profile()
	}
	var full profileJSON // its own variable: j stays on the stack
	if err := json.Unmarshal(v, &full); err != nil {
		return Profile{}, err
	}
	return full.profile()
}

func profileFields(j *profileJSON) []field {
	return []field{{name: "surgery_date", str: &j.SurgeryDate}, {name: "region", str: &j.Region},
		{name: "cleared_phase", num: &j.ClearedPhase}, {name: "cleared_at", str: &j.ClearedAt},
		{name: "setup_skipped", flag: &j.SetupSkipped}, {name: "cues", str: &j.Cues}, {name: "theme", str: &j.Theme},
		{name: "prescription", str: &j.Prescription}, {name: "prescription_name", str: &j.PrescriptionName},
		{name: "patient_name", str: &j.PatientName}, {name: "patient_id", str: &j.PatientID},
		{name: "patient_id_system", str: &j.PatientIDSystem}}
}

// profile is the Profile j stores, cleaned.
func (j profileJSON) profile() (Profile, error) {
	at, err := parseTime(j.ClearedAt)
	if err != nil {
		return Profile{}, err
	}
	return Profile{
		SurgeryDate: j.SurgeryDate, Region: j.Region, ClearedPhase: j.ClearedPhase,
		ClearedAt: at, SetupSkipped: j.SetupSkipped, Cues: j.Cues, Theme: j.Theme,
		Prescription: j.Prescription, PrescriptionName: j.PrescriptionName,
		PatientName: j.PatientName, PatientID: j.PatientID, PatientIDSystem: j.PatientIDSystem,
	}.clean(), nil
}

func toProfileJSON(p Profile) profileJSON {
	return profileJSON{
		SurgeryDate: p.SurgeryDate, Region: p.Region, ClearedPhase: p.ClearedPhase,
		ClearedAt: formatTime(p.ClearedAt), SetupSkipped: p.SetupSkipped, Cues: p.Cues, Theme: p.Theme,
		Prescription: p.Prescription, PrescriptionName: p.PrescriptionName,
		PatientName: p.PatientName, PatientID: p.PatientID, PatientIDSystem: p.PatientIDSystem,
	}
}

// PutProfile replaces the profile.
func (s *Store) PutProfile(p Profile) error {
	if err := validateProfile(p); err != nil {
		return err
	}
	val, err := json.Marshal(toProfileJSON(p))
	if err != nil {
		return invalid("profile: %s", err)
	}
	return s.update("the profile", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyProfile, val)
	})
}
