package main

import (
	"errors"
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
