package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
)

// The progress line: nothing in the first second, then a line with the
// sessions, the megabytes and the time left, rewritten in place no more
// than four times a second, and wiped at the end.
func TestImportProgressLine(t *testing.T) {
	var term bytes.Buffer
	clock := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	in := &countingReader{r: strings.NewReader("")}
	p := &importProgress{w: &term, in: in, total: 100e6, now: func() time.Time { return clock }, start: clock}
	step := func(d time.Duration, read int64, sessions int) {
		clock = clock.Add(d)
		in.n = read
		p.update(store.ImportResult{Sessions: sessions})
	}
	step(500*time.Millisecond, 10e6, 2000)
	if term.Len() != 0 {
		t.Fatalf("a line before the first second: %q", term.String())
	}
	step(500*time.Millisecond, 20e6, 4000)
	if got, want := term.String(), "\rImporting: 4000 sessions, 20.0 of 100.0 MB, about 5s left"; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}
	step(100*time.Millisecond, 25e6, 5000) // too soon: not rewritten
	step(200*time.Millisecond, 40e6, 8000)
	lines := strings.Split(term.String(), "\r")
	if len(lines) != 3 || !strings.HasPrefix(lines[2], "Importing: 8000 sessions, 40.0 of 100.0 MB") {
		t.Errorf("rewrites: %q", term.String())
	}
	width := len(lines[2])
	p.end()
	if wipe := term.String()[term.Len()-width-2:]; wipe != "\r"+strings.Repeat(" ", width)+"\r" {
		t.Errorf("the line is not wiped: %q", wipe)
	}
	if got := p.where(); got != "8000 sessions, 40.0 of 100.0 MB" {
		t.Errorf("where: %q", got)
	}
}

// On a pipe or a file there is no progress line; a failed import says
// how far it had read.
func TestImportSaysNothingOnAPipeAndHowFarItGotWhenItFails(t *testing.T) {
	t.Setenv("SPINECOACH_NOW", "2026-11-22T08:00:00+01:00")
	dir := t.TempDir()
	db, doc := filepath.Join(dir, "a.db"), filepath.Join(dir, "export.json")
	if code, _, errOut := runCLI(t, "--db", db, "setup", "--surgery-date", "2026-10-01"); code != 0 {
		t.Fatal(errOut)
	}
	putSession(t, db, "2026-11-21T09:20:00+01:00", "2026-11-21T09:41:00+01:00", store.StatusCompleted)
	if code, _, errOut := runCLI(t, "--db", db, "export", "--format", "json", "--out", doc); code != 0 {
		t.Fatal(errOut)
	}
	fresh := filepath.Join(dir, "b.db")
	code, out, errOut := runCLI(t, "--db", fresh, "import", doc)
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "Imported 1 sessions") {
		t.Errorf("import: exit %d, %q, %q", code, out, errOut)
	}
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.json")
	if err := os.WriteFile(cut, data[:len(data)-10], 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "--db", fresh, "import", cut)
	if code != 2 || !strings.Contains(errOut, "nothing was imported (it had read ") || !strings.Contains(errOut, " MB)") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a cut export: exit %d, %q", code, errOut)
	}
}
