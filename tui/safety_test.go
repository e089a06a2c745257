package tui

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Enter, the key a tired patient presses by habit, does not answer the
// warning signs: the screen says which keys do, and nothing starts.
func TestEnterDoesNotAnswerTheWarningSigns(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "2", "enter")
	h.expect("Press n if none of these, y if any.")
	h.keys("enter", "enter")
	if h.screen() != screenWarning {
		t.Fatalf("Enter answered the warning signs: on %v", h.screen())
	}
	h.expect("Enter does not answer this question: press n if none of these apply, y if any does.")
	h.keys("n")
	if h.screen() != screenExercise {
		t.Fatalf("n: on %v, want the first card", h.screen())
	}
}

// The check-in is stored the moment Enter is pressed on it, before the
// warning signs show: a check-in of 8 has closed the day, and leaving
// the warning screen does not reopen it, here or in a new start.
func TestCheckinOf8StaysClosedAfterQuitAtWarnings(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "8", "enter")
	if h.screen() != screenWarning {
		t.Fatalf("after a check-in of 8: on %v, want the warning signs still asked", h.screen())
	}
	all := sessionsOf(t, st)
	if len(all) != 1 || all[0].Status != store.StatusStopped || all[0].Baseline != 8 {
		t.Fatalf("the check-in was not stored before the warning signs: %+v", all)
	}
	h.keys("q")
	if h.screen() != screenHome {
		t.Fatalf("q on the warning signs: on %v", h.screen())
	}
	h.expect("no more exercise today")
	again := newHarnessAt(t, st, t0.Add(30*60e9), nil)
	again.keys("enter")
	if again.screen() != screenStop {
		t.Fatalf("a new start on the closed day: on %v", again.screen())
	}
	if n := len(sessionsOf(t, st)); n != 1 {
		t.Errorf("%d sessions, want the first only", n)
	}
}

// A check-in of 2 left at the warning screen stays stored, open: the next
// start offers it, and resuming it asks the warning signs again.
func TestCheckinLeftAtWarningsIsResumedThroughThem(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "2", "enter", "q")
	open, ok, _ := st.OpenSession()
	if !ok || open.Baseline != 2 {
		t.Fatalf("the check-in is not kept: %+v %v", open, ok)
	}
	again := newHarnessAt(t, st, t0.Add(10*60e9), nil)
	again.keys("enter", "y")
	if again.screen() != screenWarning {
		t.Fatalf("resuming a session with no set done: on %v, want the warning signs", again.screen())
	}
	again.keys("n")
	if again.screen() != screenExercise || again.app.run.rec.ID != open.ID {
		t.Fatalf("after n: on %v", again.screen())
	}
	if n := len(sessionsOf(t, st)); n != 1 {
		t.Errorf("%d sessions, want the resumed one only", n)
	}
}

// y then leaving the question of which sign keeps the day closed, the
// sign recorded as not given; "not sure" shows both calls.
func TestSignNotGivenOrNotSure(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "3", "enter", "y", "q")
	if h.screen() != screenHome {
		t.Fatalf("q on the question of which sign: on %v", h.screen())
	}
	h.expect("did not say which")
	id := sessionsOf(t, st)[0].ID
	if d := ruled(st, id); len(d) != 1 || d[0].Domain().SignText() != "not given" {
		t.Fatalf("decisions %+v", d)
	}

	st2 := openTestStore(t, t.TempDir())
	h2 := newHarness(t, st2, nil)
	h2.keys("enter", "3", "enter", "y", routine.NotSureKey)
	h2.expect("If it could be an emergency: Call emergency services now", "Otherwise: Call your surgeon today")
	if d := ruled(st2, sessionsOf(t, st2)[0].ID); len(d) != 1 || d[0].Tier != routine.TierNotSure {
		t.Fatalf("decisions %+v", d)
	}
}

// After a check-in of 8 the warning signs are still asked; a sign then
// is recorded beside the pain stop, and its advice speaks for the day.
func TestWarningSignAfterCheckinOf8(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "9", "enter", "y", "c")
	h.expect("Call your surgeon today", `"A fall"`)
	d := ruled(st, sessionsOf(t, st)[0].ID)
	if len(d) != 2 || d[0].Rule != routine.RuleBaselineStop || d[1].Sign != "A fall" || d[1].Tier != "surgeon" {
		t.Fatalf("decisions %+v", d)
	}
	h.keys("enter")
	h.expect("A warning sign was reported today")
}

// Keys typed fast after an answer, while it is being stored, answer
// nothing: a y then an n cannot start a session on the day the y closes.
func TestWarningAnswerIsGivenOnce(t *testing.T) {
	m := newWarningModel(DefaultTheme(), testWarnings())
	m, _ = m.Update(keyMsg("y"))
	if out, ok := m.take().(warningAnswerMsg); !ok || !out.present {
		t.Fatalf("y: %+v", out)
	}
	m, _ = m.Update(keyMsg("n"))
	if out := m.take(); out != nil {
		t.Errorf("n after y answered again: %+v", out)
	}
	c := newCheckinModel(DefaultTheme(), "R")
	for _, k := range []string{"2", "enter", "3", "enter"} {
		c, _ = c.Update(keyMsg(k))
		if out, ok := c.take().(baselineMsg); ok && out.score != 2 {
			t.Errorf("a second check-in went out: %+v", out)
		}
	}
}

// Plain mode tells a decision only once the transaction that holds it is
// synced: not on the Enter that gives the score, but on its save.
func TestPlainTellsDecisionOnlyAfterSync(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	defer narrator.Close()
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "n", "enter")
	h.fireUntilStep("pain")
	h.keys("4")
	before := h.app.snapshot()
	next, cmd := h.app.update(keyMsg("enter"))
	app := next.(App)
	if told := strings.Join(app.narrate(before, false), "\n"); strings.Contains(told, "Pain went") {
		t.Fatalf("the decision was told before its write ran:\n%s", told)
	}
	if sets, _ := st.SetsOf(app.run.rec.ID); len(sets) != 0 {
		t.Fatal("the write ran early: the test proves nothing")
	}
	var saved tea.Msg
	for _, m := range h.exec(cmd) {
		if batch, ok := m.(tea.BatchMsg); ok {
			for _, c := range batch {
				for _, m := range h.exec(c) {
					if _, ok := m.(scoreSavedMsg); ok {
						saved = m
					}
				}
			}
		} else if _, ok := m.(scoreSavedMsg); ok {
			saved = m
		}
	}
	if saved == nil {
		t.Fatal("no save came back")
	}
	before = app.snapshot()
	next, _ = app.update(saved)
	told := strings.Join(next.(App).narrate(before, false), "\n")
	if !strings.Contains(told, "Pain went from 2 to 4") || !strings.Contains(told, "the rest of today uses") {
		t.Errorf("after the save, the decision is not told:\n%s", told)
	}
}

// The pain prompt colours and names a typed score by the zone the rules
// will give it, rise included: a 5 after a check-in of 1 is red, and says
// that the exercise stops, before Enter.
func TestPainPromptPreviewsTheZone(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("5")
	h.expect("5/10 · red: this exercise stops for today")
	h.keys("backspace", "3")
	h.expect("3/10 · green: carry on as planned")
	h.keys("backspace", "4")
	h.expect("4/10 · red: this exercise stops for today") // a rise of 3
	if h.screen() != screenPain {
		t.Fatalf("the preview answered the prompt: on %v", h.screen())
	}
}

// An amber on the last set of one exercise: the next card, of another
// exercise, shows its own dose with why the day is lighter, and tells the
// decision without the other exercise's dose.
func TestAmberSentenceOnTheRightCard(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("2", "enter", "enter") // green, left side
	h.fireUntil("Pain check")
	h.keys("4", "enter") // amber on the right side, the glide's last set
	h.expect("Ankle pumps", "8 times", "(lighter today: pain rose after the straight-leg nerve glide)",
		"Pain went from 2 to 4 after the straight-leg nerve glide, right side: the rest of today is one step lighter.")
	if v := h.view(); strings.Contains(v, "the rest of today uses") {
		t.Errorf("the pumps' card names the glide's dose:\n%s", v)
	}
}

// A closed day's home offers only the keys that do something and says
// what to do; s starts nothing.
func TestClosedHomeKeysAndAdvice(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "2", "enter", "y", "b", "enter") // a fever: the surgeon today
	if h.screen() != screenHome {
		t.Fatalf("on %v", h.screen())
	}
	h.expect("Call your surgeon's office today.", "today's advice", "t trends")
	v := h.view()
	for _, bad := range []string{"short session", "No session done yet today"} {
		if strings.Contains(v, bad) {
			t.Errorf("the closed day's home says %q:\n%s", bad, v)
		}
	}
	h.keys("s")
	if h.screen() != screenHome || len(sessionsOf(t, st)) != 1 {
		t.Errorf("s on a closed day: on %v", h.screen())
	}
}

// A second session after a red: its first card says which exercise the
// rules left out, and why.
func TestLaterSessionNamesWhatWasLeftOut(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("1")
	h.keys("enter")
	h.fireUntil("Pain check")
	h.keys("6", "enter") // red: the glide stops for today
	h.finishSession("1")
	later := newHarnessAt(t, st, t0.Add(3*60*60e9), nil)
	later.startSession("1")
	later.expect("Ankle pumps", "Left out for the rest of today by the pain rules: Straight-leg nerve glide (pain went too high after it at 08:")
	later.keys("enter", "1", "enter")
	if strings.Contains(later.view(), "Left out for the rest of today") {
		t.Error("the line stays past the first card")
	}
}

// An unfinished session of an earlier day is offered to close, not to
// resume.
func TestEarlierDaySessionIsOfferedToClose(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.startSession("2")
	h.keys("q", "y")
	next := newHarnessAt(t, st, t0.Add(24*60*60e9), nil)
	next.keys("enter")
	next.expect("Unfinished session of an earlier day", "close it")
	if strings.Contains(next.view(), "resume") {
		t.Errorf("an earlier day's session is offered for resuming:\n%s", next.view())
	}
	next.keys("y")
	if next.screen() != screenResume {
		t.Fatalf("y resumed or left: on %v", next.screen())
	}
	next.keys("c")
	next.expect("The earlier day's session is closed", "Press Enter to start.")
	if s := sessionsOf(t, st); len(s) != 1 || s[0].Status != store.StatusAbandoned {
		t.Errorf("after close: %+v", s)
	}
}

// Plain mode says that Enter does not answer the warning signs.
func TestPlainSaysEnterDoesNotAnswer(t *testing.T) {
	var out bytes.Buffer
	narrator := NewNarrator(&out, "\n")
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, func(c *Config) { c.Plain = narrator })
	h.keys("enter", "2", "enter", "enter")
	narrator.Close()
	if !strings.Contains(out.String(), warningEnterHint) || h.screen() != screenWarning {
		t.Errorf("Enter in plain mode: on %v, transcript:\n%s", h.screen(), out.String())
	}
}

// A check-in that cannot be stored says so and may be given again; it
// never goes on to the warning signs as if it were stored.
func TestCheckinNotStoredIsAskedAgain(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter")
	st.Close() // every write now fails
	h.keys("2", "enter")
	if h.screen() != screenCheckin {
		t.Fatalf("an unstored check-in went on: on %v", h.screen())
	}
	h.expect("NOT saved")
	if h.app.checkin.sent {
		t.Error("the check-in cannot be given again")
	}
	h.keys("q")
	if h.screen() != screenHome {
		t.Errorf("q after the failure: on %v", h.screen())
	}
}

// The check-in says, before Enter, that a score at the stop closes the day.
func TestCheckinPreviewsTheStop(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	h := newHarness(t, st, nil)
	h.keys("enter", "7")
	h.expect("7/10 severe")
	h.keys("backspace", "8")
	h.expect("8/10 · stop: no exercise today")
}
