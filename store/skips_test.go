package store_test

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// A set the patient skipped and one the pain rules left out are told
// apart, in the same words, by SkipWords and both exports.
func TestSkippedByYouOrLeftOutByRules(t *testing.T) {
	st := openAt(t, filepath.Join(t.TempDir(), "d.db"))
	defer st.Close()
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	rec := store.Session{ID: store.NewSessionID(at), StartedAt: at, RoutineID: "r", Routine: "R", Baseline: 2, Status: store.StatusInProgress}
	if err := st.PutSession(rec); err != nil {
		t.Fatal(err)
	}
	set := func(i int, pain int, skipped bool, when time.Time) store.SetRecord {
		return store.SetRecord{SessionID: rec.ID, Index: i, ExerciseID: "glide", Exercise: "Glide", SetNo: 1, RepsPlanned: 3,
			Pain: pain, Skipped: skipped, At: when}
	}
	mine := set(0, -1, true, at.Add(time.Minute))
	red := set(1, 6, false, at.Add(2*time.Minute))
	dropped := set(2, -1, true, at.Add(2*time.Minute)) // the red's own instant
	d := store.Decision{SessionID: rec.ID, At: red.At, Rule: routine.RuleRed, ExerciseID: "glide", LevelAfter: 1, Reason: "red."}
	if err := st.RecordSet(mine); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordScore(store.Score{Sets: []store.SetRecord{red, dropped}, Decisions: []store.Decision{d}}); err != nil {
		t.Fatal(err)
	}
	ds := []store.Decision{d}
	if store.SkipWords(mine, ds) != store.SkippedByYou || store.SkipWords(dropped, ds) != store.LeftOutByRules || store.SkipWords(red, ds) != "" {
		t.Errorf("SkipWords: %q %q %q", store.SkipWords(mine, ds), store.SkipWords(dropped, ds), store.SkipWords(red, ds))
	}
	var c bytes.Buffer
	if err := st.ExportCSV(&c); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&c).ReadAll()
	if len(rows) != 4 || rows[1][17] != "skipped by you" || rows[2][17] != "" || rows[3][17] != "left out by the pain rules" {
		t.Errorf("CSV notes: %q", rows)
	}
	var j bytes.Buffer
	if err := st.ExportJSON(&j); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"skip": "skipped by you"`) || !strings.Contains(j.String(), `"skip": "left out by the pain rules"`) {
		t.Errorf("JSON export:\n%s", j.String())
	}
}
