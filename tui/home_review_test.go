package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Home says when the weekly review is due, as routine.ReviewDue decides
// it: with none answered yet, and a week after the last one answered; not
// on a day one was answered or skipped. With no session left today it
// names the command that asks it.
func TestHomeSaysTheWeeklyReviewIsDue(t *testing.T) {
	const follows, command = "weekly review of pain and activities follows today's session", "spinecoach review asks it"
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, nil)
	h.expect(follows)
	if narr := strings.Join(h.app.home.narration(), " "); !strings.Contains(narr, follows) {
		t.Errorf("plain mode does not say it: %q", narr)
	}

	answered := func(at time.Time, skipped bool) {
		t.Helper()
		r := store.Review{ID: store.NewSessionID(at), At: at, Skipped: true}
		if !skipped {
			r = store.Review{ID: r.ID, At: at, BackPain: 3, LimbPain: 2, Limb: "leg"}
		}
		if err := st.PutReview(r); err != nil {
			t.Fatal(err)
		}
	}
	answered(t0.Add(-time.Hour), false)
	h = newReviewHarness(t, st, t0, nil)
	if strings.Contains(h.view(), "weekly review") {
		t.Errorf("home says a review is due on the day one was answered:\n%s", h.view())
	}
	h = newReviewHarness(t, st, t0.AddDate(0, 0, routine.ReviewEveryDays), nil)
	h.expect(follows)
	answered(t0.AddDate(0, 0, routine.ReviewEveryDays).Add(-time.Hour), true) // skipped that day
	h = newReviewHarness(t, st, t0.AddDate(0, 0, routine.ReviewEveryDays), nil)
	if strings.Contains(h.view(), "weekly review") {
		t.Errorf("home says a review is due on the day one was skipped:\n%s", h.view())
	}

	// A day with nothing more to do: the review is asked by command.
	st2 := openTestStore(t, t.TempDir())
	onceADay := func(c *Config) {
		r := testRoutine()
		for i := range r.Exercises {
			r.Exercises[i].Repeat = routine.Repeat{}
		}
		c.Program = routine.Program{Routines: []routine.Routine{r}}
	}
	answeredBefore := t0.AddDate(0, 0, -routine.ReviewEveryDays-1)
	if err := st2.PutReview(store.Review{ID: store.NewSessionID(answeredBefore), At: answeredBefore, BackPain: 1, Limb: "leg"}); err != nil {
		t.Fatal(err)
	}
	newHarness(t, st2, onceADay).runSession("2", "2", "2", "2") // the review it then offers is left unanswered
	h = newReviewHarness(t, st2, t0.Add(4*time.Hour), onceADay)
	h.expect("No session is due now", command)
}

// Plain mode's home says what the screen says of today's sessions, so a
// screen-reader user knows whether today's session is done before
// pressing Enter.
func TestPlainHomeSaysWhatTodayHasHad(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, nil)
	if narr := strings.Join(h.app.home.narration(), " "); !strings.Contains(narr, "No session done yet today.") {
		t.Errorf("plain home before a session: %q", narr)
	}
	h.runSession("2", "2", "2", "2", "2")
	h = newReviewHarness(t, st, t0.Add(time.Hour), nil)
	h.expect("1 session done today.")
	if narr := strings.Join(h.app.home.narration(), " "); !strings.Contains(narr, "1 session done today.") {
		t.Errorf("plain home after a session: %q", narr)
	}
}
