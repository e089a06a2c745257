package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/tui"
)

// The report is one sentence that says the scores are safe and names the
// crash file; the file holds the trace, is the patient's alone, and a
// second crash in the same second never writes over the first.
func TestCrashReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spinecoach.db")
	c := &tui.Crash{Where: "the screen's update", Value: "index out of range", Stack: []byte("goroutine 1 [running]:\nmain.main()\n")}
	at := time.Date(2026, 11, 22, 7, 30, 5, 0, time.UTC)
	var files []string
	for i, saved := range []int{0, 2} {
		msg := crashReport(c, db, saved, nil, at).Error()
		if strings.Count(msg, "\n") > 0 || strings.Count(msg, ". ") > 0 {
			t.Errorf("not one sentence: %q", msg)
		}
		for _, want := range []string{"index out of range, in the screen's update", "safe in " + db, "resumes when you start spinecoach again"} {
			if !strings.Contains(msg, want) {
				t.Errorf("report %d lacks %q: %s", i, want, msg)
			}
		}
		if saved > 0 != strings.Contains(msg, "2 still being saved were saved now") {
			t.Errorf("report %d (%d saved at the end): %s", i, saved, msg)
		}
		_, file, ok := strings.Cut(msg, "the details for the developers are in ")
		if !ok {
			t.Fatalf("report %d names no crash file: %s", i, msg)
		}
		files = append(files, file)
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(body), "panic in the screen's update: index out of range") || !strings.Contains(string(body), "goroutine 1 [running]") {
			t.Errorf("crash file %s:\n%s", file, body)
		}
		if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("crash file %s: %v, %v; want mode 0600", file, fi.Mode(), err)
		}
	}
	if files[0] == files[1] || filepath.Dir(files[0]) != dir {
		t.Errorf("crash files %v: want two, beside the data file", files)
	}
	// A directory it cannot write to: the sentence still comes, and says so.
	msg := crashReport(c, filepath.Join(dir, "missing", "spinecoach.db"), 0, nil, at).Error()
	if !strings.Contains(msg, "the details could not be written down") {
		t.Errorf("with no crash file: %s", msg)
	}
	// Scores that could not be written at the end are not called safe.
	msg = crashReport(c, db, 1, errors.New("disk full"), at).Error()
	if !strings.Contains(msg, "of 1 still being saved as it stopped, not all could be: disk full") {
		t.Errorf("with a failed save at the end: %s", msg)
	}
}
