package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// reportNow is the clock of the report and plain-trends tests: a Sunday
// evening.
var reportNow = time.Date(2026, 11, 22, 20, 0, 0, 0, time.FixedZone("CET", 3600))

// recoveryDB writes the made-up recovery of the last days into a new data
// file, with its profile, and returns its path. edit may change the
// history first.
func recoveryDB(t *testing.T, days int, edit func([]store.SessionHistory)) (string, []store.SessionHistory) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	h, profile := fakehistory.Recovery(reportNow, days)
	if edit != nil {
		edit(h)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(h); err != nil {
		t.Fatal(err)
	}
	if err := st.PutProfile(profile); err != nil {
		t.Fatal(err)
	}
	return path, h
}

// section is the lines of the plain output under a heading, up to the
// next blank line.
func section(out, heading string) []string {
	_, rest, ok := strings.Cut(out, "\n"+heading)
	if !ok {
		return nil
	}
	rest, _, _ = strings.Cut(rest, "\n\n")
	lines := strings.Split(rest, "\n")
	return lines[1:]
}

func TestPlainTrendsAgreeWithThemselves(t *testing.T) {
	db, history := recoveryDB(t, 90, func(h []store.SessionHistory) {
		// The store refuses control characters on write (hostile_test.go
		// covers those of older files); markup is printed as it is.
		h[0].Session.Routine = "Static <stabilization> &amp;"
	})
	t.Setenv("SPINECOACH_NOW", reportNow.Format(time.RFC3339))
	code, out, errOut := runCLI(t, "--db", db, "trends", "--plain")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("a control character reached the output")
	}

	// The summary counts the sessions the day lines list.
	sessions, days := 0, 0
	dayLine := regexp.MustCompile(`^  \d{4}-\d\d-\d\d: .*, (\d+) sessions?(, no set scored)?$`)
	for _, l := range section(out, "Pain by day") {
		m := dayLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a day line: %q", l)
		}
		n, _ := strconv.Atoi(m[1])
		sessions += n
		days++
	}
	if len(history) != sessions {
		t.Errorf("the day lines list %d sessions, the history has %d", sessions, len(history))
	}
	if want := fmt.Sprintf("%d sessions on %d of the 90 days;", sessions, days); !strings.Contains(out, want) {
		t.Errorf("no %q in:\n%s", want, out)
	}

	// A warning sign is a stop at the check-in, not a cut-back.
	warning := "You reported a warning sign before the session, so there is no exercise today"
	for _, l := range section(out, "Recent cut-backs") {
		if strings.Contains(l, warning) {
			t.Errorf("a warning sign among the cut-backs: %q", l)
		}
	}
	stops := strings.Join(section(out, "Warning signs and stops at the check-in"), "\n")
	if !strings.Contains(stops, warning) || !strings.Contains(stops, "Your pain is 8/10 before starting") {
		t.Errorf("the stops:\n%s", stops)
	}

	// A row per calendar week: the window of 90 days ending on a Sunday
	// starts on a Tuesday, so 13 rows, the first of 6 days.
	weeks := section(out, "By week")
	if len(weeks) != 13 || !strings.HasPrefix(weeks[0], "  25 Aug to 30 Aug: ") || !strings.HasPrefix(weeks[12], "  16 Nov to 22 Nov: ") {
		t.Errorf("%d weeks:\n%s", len(weeks), strings.Join(weeks, "\n"))
	}
	weekSessions := 0
	for _, l := range weeks {
		if m := regexp.MustCompile(`, (\d+) sessions?, `).FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			weekSessions += n
		}
	}
	if weekSessions != sessions {
		t.Errorf("the weeks count %d sessions, the days %d", weekSessions, sessions)
	}
}

// A 365-day window starts on the day of surgery.
func TestPlainTrendsStartAtSurgery(t *testing.T) {
	db, _ := recoveryDB(t, 90, nil)
	t.Setenv("SPINECOACH_NOW", reportNow.Format(time.RFC3339))
	code, out, errOut := runCLI(t, "--db", db, "trends", "--plain", "--days", "365")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "Pain trends, since surgery on 16 August 2026 (99 days) (16 August 2026 to 22 November 2026)"; !strings.Contains(out, want) {
		t.Errorf("no %q in:\n%s", want, out)
	}
	if weeks := section(out, "By week"); len(weeks) != 15 || !strings.HasPrefix(weeks[0], "  16 Aug to 16 Aug: no sessions") {
		t.Errorf("%d weeks:\n%s", len(weeks), strings.Join(weeks, "\n"))
	}
}
