package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// toSummary runs a whole session of the test routine, scoring every set 2.
func (h *harness) toSummary() {
	h.t.Helper()
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("2", "enter", "enter")
	h.fireUntil("Pain check")
	h.keys("2", "enter", "enter", "enter", "2", "enter")
	if h.screen() != screenSummary {
		h.t.Fatalf("on %v, want the summary:\n%s", h.screen(), h.view())
	}
}

func reviewsOf(t *testing.T, st *store.Store) []store.Review {
	t.Helper()
	rs, err := st.Reviews()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// The first session ever ends with the review, after its summary; nothing
// is preselected, a refused answer says why, and home says it is saved
// only once it is in the file.
func TestReviewAfterTheFirstSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, nil)
	h.toSummary()
	h.keys("enter")
	if h.screen() != screenReview {
		t.Fatalf("on %v after the first summary, want the review:\n%s", h.screen(), h.view())
	}
	h.expect("Weekly review", "Back pain over the last week: 0 (none) to 10 (worst imaginable)?")
	h.keys("enter")
	h.expect("Type a whole number from 0 to 10, then press Enter.") // Enter alone records nothing
	h.keys("6", "enter", "1", "2", "enter")
	h.expect(`"12" is not a whole number from 0 to 10.`, "Leg pain over the last week")
	h.keys("7", "enter")
	h.expect("Name an activity that is hard because of your back", "for example: putting on socks")
	h.keys("putting on socks", "enter", "3", "enter")
	h.expect("Rated so far:", "putting on socks")
	h.keys("enter")
	if h.screen() != screenHome {
		t.Fatalf("on %v after the review, want home:\n%s", h.screen(), h.view())
	}
	h.expect("Weekly review saved: back pain 6, leg pain 7, activities 3.0 on average.")
	rs := reviewsOf(t, st)
	if len(rs) != 1 || rs[0].Skipped || rs[0].BackPain != 6 || len(rs[0].Activities) != 1 || rs[0].Activities[0].Name != "putting on socks" {
		t.Fatalf("stored %+v", rs)
	}
}

// A skip is recorded: not offered again that day, offered the next
// session day; a week after the one answered, offered again.
func TestReviewSkippedIsOfferedNextSessionDay(t *testing.T) {
	dir := t.TempDir()
	st := openTestStore(t, dir)
	h := newReviewHarness(t, st, t0, nil)
	h.toSummary()
	h.keys("enter", "s")
	h.expect("Review skipped: it is offered again on your next session day.")
	if rs := reviewsOf(t, st); len(rs) != 1 || !rs[0].Skipped {
		t.Fatalf("stored %+v, want one skip", rs)
	}

	h.clock.now = h.clock.now.Add(3 * time.Hour) // a second session the same day
	h.toSummary()
	h.keys("enter")
	if h.screen() != screenHome {
		t.Fatalf("the review was offered again the day it was skipped: on %v", h.screen())
	}

	h2 := newReviewHarness(t, st, t0.Add(48*time.Hour), nil)
	h2.toSummary()
	h2.keys("enter")
	if h2.screen() != screenReview {
		t.Fatalf("on %v, want the review offered again on the next session day", h2.screen())
	}
	h2.keys("esc")
	if rs := reviewsOf(t, st); len(rs) != 2 {
		t.Errorf("esc should record a second skip: %+v", rs)
	}
}

// spinecoach review opens the page whatever the schedule, and leaving it
// records nothing.
func TestReviewAskedForOpensAtOnce(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, func(c *Config) { c.Review = true })
	if h.screen() != screenReview {
		t.Fatalf("on %v, want the review", h.screen())
	}
	h.keys("esc")
	h.expect("Review left: nothing was saved.")
	if rs := reviewsOf(t, st); len(rs) != 0 {
		t.Errorf("a review left was stored: %+v", rs)
	}
}

// reviewAnswered stores a review answered at at in a file with none, so
// that the flows of the other tests end a session on the home screen, as
// they did before the weekly review; a week later it is due again.
func reviewAnswered(t testing.TB, st *store.Store, at time.Time) {
	t.Helper()
	if rs, err := st.Reviews(); err != nil || len(rs) > 0 {
		return
	}
	r := store.Review{ID: store.NewSessionID(at), At: at, BackPain: 2, LimbPain: 2, Limb: "leg"}
	if err := st.PutReview(r); err != nil {
		t.Fatal(err)
	}
}

// The trends screen's second chart: the verdicts, and a letter per series
// at each review, readable without colour.
func TestTrendsFunctionChart(t *testing.T) {
	rs := []routine.Review{
		{Date: "2026-11-01", BackPain: 6, LimbPain: 8, Limb: "leg", Activities: []routine.Activity{{ID: "a1", Name: "socks", Score: 2}}},
		{Date: "2026-11-08", BackPain: 3, LimbPain: 4, Limb: "leg", Activities: []routine.Activity{{ID: "a1", Name: "socks", Score: 5}}},
	}
	m := newTrendsModel(DefaultTheme(), trendsData{days: 30, function: routine.BuildFunction(rs)}, t0)
	m = m.resized(80, 60)
	body := strings.Join(m.drawBody(), "\n")
	for _, want := range []string{"Function, week by week", "Leg pain: 4 at the latest review", "a real improvement", "B back pain", "L leg pain", "F activities"} {
		if !strings.Contains(strings.Join(strings.Fields(body), " "), want) {
			t.Errorf("trends body lacks %q:\n%s", want, body)
		}
	}
	chart := m.functionChart()
	for _, mark := range []string{"B", "L", "F"} {
		if n := strings.Count(chart, mark); n != 2 {
			t.Errorf("mark %s drawn %d times, want one per review:\n%s", mark, n, chart)
		}
	}
	empty := newTrendsModel(DefaultTheme(), trendsData{days: 30}, t0).resized(80, 60)
	if !strings.Contains(strings.Join(empty.drawBody(), " "), "No weekly review answered yet") {
		t.Error("no reviews: the section does not say so")
	}
}

// A session the pain rules stopped ends on its advice: no review that day.
func TestNoReviewAfterAStoppedSession(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("8", "enter")
	if h.screen() != screenSummary {
		t.Fatalf("pain 8: on %v, want the summary:\n%s", h.screen(), h.view())
	}
	h.keys("enter")
	if h.screen() == screenReview {
		t.Fatal("the review followed a stopped session")
	}
	if rs := reviewsOf(t, st); len(rs) != 0 {
		t.Errorf("stored %+v", rs)
	}
}

// Plain mode writes every question of the review out, says a refused
// answer, and says it is saved once it is.
func TestPlainModeAsksTheReview(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	st := openTestStore(t, t.TempDir())
	h := newReviewHarness(t, st, t0, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "n")
	h.keys("enter")
	h.fireUntilStep("pain")
	h.keys("2", "enter", "enter")
	h.fireUntilStep("pain")
	h.keys("2", "enter", "enter", "enter", "2", "enter")
	h.keys("enter", "4", "enter", "x", "enter", "5", "enter", "socks", "enter", "3", "enter", "enter")
	narrator.Close()
	want := []string{
		"Press Enter to go home, or q to quit.",
		"Back pain over the last week: 0 (none) to 10 (worst imaginable)?",
		"Leg pain over the last week: 0 (none) to 10 (worst imaginable)?",
		`"x" is not a whole number from 0 to 10.`,
		"Name an activity that is hard because of your back",
		`How well can you do "socks" now, 0 (unable) to 10 (as before the problem)?`,
		"Name another activity",
		"Weekly review saved: back pain 4, leg pain 5, activities 3.0 on average.",
	}
	text := out.String()
	inOrder(t, text, want)
}

// The review page fits 80x24 at its fullest: a long question, a refusal,
// and five activities rated.
func TestReviewFits80x24(t *testing.T) {
	h := newReviewHarness(t, openTestStore(t, t.TempDir()), t0, func(c *Config) { c.Review = true })
	h.keys("3", "enter", "4", "enter")
	for i := 0; i < 4; i++ {
		h.keys(strings.Repeat("w", 58)+string(rune('a'+i)), "enter", "5", "enter")
	}
	h.keys(strings.Repeat("z", 60), "enter", "11", "enter")
	h.expect(`"11" is not a whole number from 0 to 10.`, "Rated so far:")
	lines := strings.Split(h.view(), "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines:\n%s", len(lines), h.view())
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, w, l)
		}
	}
}

// After a neck fusion the review asks about arm pain, and stores it so.
func TestReviewAsksArmPainAfterANeckFusion(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	p, err := st.Profile()
	if err != nil {
		t.Fatal(err)
	}
	p.SurgeryDate, p.Region = "2026-11-01", "cervical"
	if err := st.PutProfile(p); err != nil {
		t.Fatal(err)
	}
	h := newReviewHarness(t, st, t0, nil)
	h.toSummary()
	h.keys("enter", "3", "enter")
	h.expect("Arm pain over the last week: 0 (none) to 10 (worst imaginable)?")
	h.keys("5", "enter", "enter")
	if rs := reviewsOf(t, st); len(rs) != 1 || rs[0].Limb != "arm" || rs[0].LimbPain != 5 {
		t.Fatalf("stored %+v, want arm pain 5", rs)
	}
	h.expect("Weekly review saved: back pain 3, arm pain 5.")
}
