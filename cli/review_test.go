package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinecoach/spinecoach/store"
)

// plainReviewIn runs the plain review on a data file with answers typed.
func plainReviewIn(t *testing.T, db, now, answers string) (string, error) {
	t.Helper()
	t.Setenv("SPINECOACH_NOW", now)
	var out strings.Builder
	err := plainReview(&globals{db: db, speed: 1}, strings.NewReader(answers), &out)
	return out.String(), err
}

func storedReviews(t *testing.T, db string) []store.Review {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestPlainReviewAsksEveryQuestionAndSaves(t *testing.T) {
	db := filepath.Join(t.TempDir(), "spinecoach.db")
	out, err := plainReviewIn(t, db, "2026-12-07T10:00:00+01:00", "5\nseven\n7\nputting on socks\n3\n\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Back pain over the last week: 0 (none) to 10 (worst imaginable)?",
		"Leg pain over the last week",
		`"seven" is not a whole number from 0 to 10.`,
		"for example: putting on socks",
		"Saved. Back pain 5, leg pain 7, PSFS mean 3.0 over 1 activity.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rs := storedReviews(t, db)
	if len(rs) != 1 || rs[0].LimbPain != 7 || len(rs[0].Activities) != 1 || rs[0].Activities[0].Name != "putting on socks" {
		t.Fatalf("stored %+v", rs)
	}

	// A week later the activity is asked again, with last time's rating.
	out, err = plainReviewIn(t, db, "2026-12-14T10:00:00+01:00", "3\n4\n6\n\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"putting on socks": last time 3`) || !strings.Contains(out, "up 3.0 from 3.0") {
		t.Errorf("second review:\n%s", out)
	}
}

func TestPlainReviewLeftSavesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "spinecoach.db")
	if _, err := plainReviewIn(t, db, "2026-12-07T10:00:00+01:00", "5\n"); !errors.Is(err, errReviewLeft) {
		t.Errorf("end of input mid-review: %v, want errReviewLeft", err)
	}
	if out, err := plainReviewIn(t, db, "2026-12-07T10:00:00+01:00", "5\nq\n"); err != nil || !strings.Contains(out, "Left without saving.") {
		t.Errorf("q: %v\n%s", err, out)
	}
	if rs := storedReviews(t, db); len(rs) != 0 {
		t.Errorf("a review left before its end was stored: %+v", rs)
	}
}

func TestPlainTrendsSayTheFunctionInWords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "spinecoach.db")
	if _, err := plainReviewIn(t, db, "2026-12-07T10:00:00+01:00", "6\n7\nputting on socks\n3\ndriving\n6\n\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := plainReviewIn(t, db, "2026-12-14T10:00:00+01:00", "3\n7\nr\nsocks on\n6\nx\n\n"); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := trendsCmd(&globals{db: db, speed: 1}, true, 30, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Function, week by week",
		"Back pain: 3 at the latest review (2026-12-14), down 3 from 6 at the first (2026-12-07): a real improvement.",
		"Leg pain: 7 at the latest review (2026-12-14), the same as 7 at the first (2026-12-07): no real change.",
		"PSFS mean: 6.0 at the latest review (2026-12-14), up 1.5 from 4.5 at the first (2026-12-07): no real change.",
		"socks on: 3 on 2026-12-07, 6 on 2026-12-14 (+3)",
		"driving: 6 on 2026-12-07; retired after 2026-12-07",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plain trends lack %q:\n%s", want, out.String())
		}
	}
}

// An export whose review carries an escape sequence is refused in one
// sentence with exit 2, and nothing of it is stored.
func TestImportRefusesAReviewWithAnEscape(t *testing.T) {
	dir := t.TempDir()
	db, doc := filepath.Join(dir, "spinecoach.db"), filepath.Join(dir, "export.json")
	body := `{"format":"spinecoach-export","version":2,"sessions":[],"reviews":[` +
		`{"id":"182989085ee1b000-0a1b2c3d","at":"2025-03-04T09:30:00+02:00","back_pain":6,"limb_pain":7,"limb":"leg",` +
		`"activities":[{"id":"a1","name":"socks\u001b]52;c;aGk=\u0007","score":3}]}]}`
	if err := os.WriteFile(doc, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	code := Run([]string{"--db", db, "import", doc}, &out, &errb)
	if code != 2 || strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 || strings.ContainsRune(errb.String(), 0x1b) {
		t.Errorf("exit %d, stderr %q: want 2 and one sentence without the escape", code, errb.String())
	}
	if rs := storedReviews(t, db); len(rs) != 0 {
		t.Errorf("stored %+v", rs)
	}
}
