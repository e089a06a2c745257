package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// TestWritesRefuseControlCharacters: no write lets a control character or
// an oversize text into the file; the error names the record and the
// character's code, never the character.
func TestWritesRefuseControlCharacters(t *testing.T) {
	s := newStore(t)
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast)
	sess := testSession(at, StatusInProgress)
	mustNil(t, s.PutSession(sess))

	bad := sess
	bad.Note = "stopped\x1b]52;c;aGk=\x07"
	set := testSet(sess.ID, 0, 3)
	set.Exercise = "Glide\x1b[2J"
	dec := Decision{SessionID: sess.ID, Seq: 0, At: at, Rule: routine.RuleAmber, Reason: "Pain rose\u009b2J.", LevelAfter: 1}
	long := testSet(sess.ID, 1, 3)
	long.Exercise = strings.Repeat("x", maxTextLen+1)
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"session note", s.PutSession(bad), "session " + sess.ID + ": note has an escape character (U+001B) at byte 7"},
		{"set name", s.RecordSet(set), "set 0 of session " + sess.ID + ": exercise has an escape character (U+001B) at byte 5"},
		{"decision reason", s.RecordDecision(dec), "reason has a control character (U+009B) at byte 9"},
		{"profile region", s.PutProfile(Profile{Region: "lumbar\r"}), "profile: region has a carriage return (U+000D)"},
		{"a name too long", s.RecordSet(long), "exercise is 1001 bytes long; at most 1000 are allowed"},
		{"import", importErr(s, bad), "note has an escape character (U+001B)"},
	} {
		if !errors.Is(c.err, ErrInvalid) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: got %v, want ErrInvalid and %q", c.name, c.err, c.want)
		}
		if c.err != nil && strings.ContainsAny(c.err.Error(), "\x1b\x07\r\u009b") {
			t.Errorf("%s: the error carries the character: %q", c.name, c.err)
		}
	}
	if got, _ := s.SetsOf(sess.ID); len(got) != 0 {
		t.Errorf("a refused set was written: %+v", got)
	}
	if got, _ := s.Session(sess.ID); got.Note != "" {
		t.Errorf("a refused note was written: %q", got.Note)
	}
}

func importErr(s *Store, sess Session) error {
	sess.ID = NewSessionID(sess.StartedAt.Add(time.Hour))
	sess.StartedAt = sess.StartedAt.Add(time.Hour)
	sess.ID = NewSessionID(sess.StartedAt)
	_, err := s.Import([]SessionHistory{{Session: sess}})
	return err
}

// TestOldControlCharactersReadAsReplacement: a file written before the
// check may hold control characters in its text (patched in here, as JSON
// escapes of the same length as what they replace). Every read shows them
// as U+FFFD, so no export or screen carries them, and an export of such a
// file imports again.
func TestOldControlCharactersReadAsReplacement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := mustOpen(t, path, Options{})
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, zoneEast)
	sess := testSession(at, StatusCompleted)
	sess.Note = "NOTE@@@@@@1"
	mustNil(t, s.PutSession(sess))
	set := testSet(sess.ID, 0, 3)
	set.Exercise = "Glide@@@@@@"
	mustNil(t, s.RecordSet(set))
	mustNil(t, s.RecordDecision(Decision{SessionID: sess.ID, Seq: 0, At: at, Rule: routine.RuleAmber,
		Exercise: "Glide@@@@@@", Reason: "Pain @@@@@@ rose.", LevelAfter: 1}))
	mustNil(t, s.Close())
	data, err := os.ReadFile(path)
	mustNil(t, err)
	n := bytes.Count(data, []byte("@@@@@@"))
	if n < 4 {
		t.Fatalf("found %d places to patch", n)
	}
	// The day's exercise aggregate keeps the name raw, after its length.
	data = bytes.ReplaceAll(data, []byte("\x0bGlide@@@@@@"), []byte("\x0bGlide\x1b[2J\x1b]"))
	mustNil(t, os.WriteFile(path, bytes.ReplaceAll(data, []byte("@@@@@@"), []byte(`\u001b`)), 0o600))

	s = mustOpen(t, path, Options{ReadOnly: true})
	defer s.Close()
	got, err := s.Session(sess.ID)
	mustNil(t, err)
	if got.Note != "NOTE\uFFFD1" {
		t.Errorf("note reads %q", got.Note)
	}
	sets, err := s.SetsOf(sess.ID)
	mustNil(t, err)
	decs, err := s.DecisionsOf(sess.ID)
	mustNil(t, err)
	if sets[0].Exercise != "Glide\uFFFD" || decs[0].Reason != "Pain \uFFFD rose." || decs[0].Exercise != "Glide\uFFFD" {
		t.Errorf("read %q, %q, %q", sets[0].Exercise, decs[0].Reason, decs[0].Exercise)
	}
	in, err := s.TrendInput(at.Add(24*time.Hour), 30)
	mustNil(t, err)
	if len(in.Sets) == 0 || len(in.CutBacks) == 0 {
		t.Fatalf("the trends read nothing: %+v", in)
	}
	for _, sc := range in.Sets {
		// From the set, or from the day's exercise aggregate.
		if sc.Exercise != "Glide\uFFFD" && sc.Exercise != "Glide\uFFFD[2J\uFFFD]" {
			t.Errorf("the trends read %q", sc.Exercise)
		}
	}
	if c := in.CutBacks[0]; c.Reason != "Pain \uFFFD rose." {
		t.Errorf("the trends read the cut-back %q", c.Reason)
	}
	var csv, js bytes.Buffer
	mustNil(t, s.ExportCSV(&csv))
	mustNil(t, s.ExportJSON(&js))
	for name, out := range map[string][]byte{"csv": csv.Bytes(), "json": js.Bytes()} {
		if bytes.Contains(out, []byte{0x1b}) || bytes.Contains(out, []byte(`\u001b`)) {
			t.Errorf("the %s export carries the escape:\n%s", name, out)
		}
	}
	fresh := newStore(t)
	if _, err := fresh.ImportJSON(bytes.NewReader(js.Bytes())); err != nil {
		t.Errorf("the export of an old file does not import: %v", err)
	}
}

// TestValueLengthCheckedBeforeDecoding: a value longer than any record of
// its kind is refused as damage before a byte of it is read.
func TestValueLengthCheckedBeforeDecoding(t *testing.T) {
	huge := make([]byte, maxRecordValue+1)
	for name, err := range map[string]error{
		"session":  second(decodeSession(huge)),
		"set":      second(decodeSet(huge)),
		"decision": second(decodeDecision(huge)),
		"day":      second(decodeDay(huge)),
		"score":    second(setScoreOf(huge)),
	} {
		if err == nil || !strings.Contains(err.Error(), "claims 131073 bytes, more than any") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }
