package routine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sameDose keeps the prescription at every level: the state machine's
// tests are about steps, not the ladder.
type sameDose struct{ dropFrom int }

func (sameDose) Apply(d Dose, _ int) Dose { return d }
func (r sameDose) Drops(e Exercise, level int) bool {
	return r.dropFrom > 0 && e.Optional && level >= r.dropFrom
}

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

func holds(id string, sides bool, reps, holdS, restS int) Exercise {
	return Exercise{ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Sides: sides,
		Dose: Dose{Reps: reps, Hold: time.Duration(holdS) * time.Second, Rest: time.Duration(restS) * time.Second}}
}

func timed(id string, s int) Exercise {
	return Exercise{ID: id, Name: id, Dose: Dose{Duration: time.Duration(s) * time.Second}}
}

func counted(id string, sides bool, n int) Exercise {
	return Exercise{ID: id, Name: id, Sides: sides, Dose: Dose{Count: n, Pace: 2 * time.Second}}
}

func mustSession(t *testing.T, opt Options, ex ...Exercise) *Session {
	t.Helper()
	s, err := NewSession(Routine{ID: "r", Name: "R", Exercises: ex}, sameDose{dropFrom: 2}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// label names the current step the way the traces below spell it.
func label(s *Session) string {
	p, ok := s.Current()
	if !ok {
		return "done"
	}
	l := p.Exercise.ID + ":" + s.Step().String()
	if p.Side != NoSide {
		l += ":" + p.Side.String()
	}
	if s.Step() == StepHold || s.Step() == StepRest {
		l += fmt.Sprint(":", s.Rep())
	}
	return l
}

// drive answers every step as a patient would (Enter, wait out each
// countdown, pain 2) and returns the trace of steps and the clock.
func drive(t *testing.T, s *Session, now time.Time) ([]string, time.Time) {
	t.Helper()
	var trace []string
	for i := 0; s.Step() != StepDone; i++ {
		if i > 500 {
			t.Fatalf("session did not end; trace %v", trace)
		}
		trace = append(trace, label(s))
		switch st := s.Step(); {
		case st == StepCard || st == StepCounting:
			s.Confirm(now)
		case st.Timed():
			now = s.Deadline()
			s.Tick(now)
		case st == StepPain:
			s.score(2, now)
		}
	}
	return trace, now
}

func TestStepOrder(t *testing.T) {
	tests := []struct {
		name string
		ex   Exercise
		want []string
	}{
		{"sided holds", holds("glide", true, 2, 30, 10), []string{
			"glide:card:left", "glide:ready:left", "glide:hold:left:1", "glide:rest:left:1", "glide:hold:left:2", "glide:pain:left",
			"glide:card:right", "glide:ready:right", "glide:hold:right:1", "glide:rest:right:1", "glide:hold:right:2", "glide:pain:right",
		}},
		{"unsided holds", holds("bridge", false, 3, 5, 3), []string{
			"bridge:card", "bridge:ready", "bridge:hold:1", "bridge:rest:1", "bridge:hold:2", "bridge:rest:2", "bridge:hold:3", "bridge:pain",
		}},
		{"holds without rest", holds("squeeze", false, 2, 5, 0), []string{
			"squeeze:card", "squeeze:ready", "squeeze:hold:1", "squeeze:hold:2", "squeeze:pain",
		}},
		{"timed", timed("walk", 300), []string{"walk:card", "walk:ready", "walk:active", "walk:pain"}},
		{"counted unsided", counted("breaths", false, 10), []string{"breaths:card", "breaths:counting", "breaths:pain"}},
		{"counted sided", counted("pumps", true, 10), []string{
			"pumps:card:left", "pumps:counting:left", "pumps:pain:left", "pumps:card:right", "pumps:counting:right", "pumps:pain:right",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSession(t, Options{}, tc.ex)
			got, _ := drive(t, s, t0)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("steps\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestResultsOfAWholeSession(t *testing.T) {
	s := mustSession(t, Options{}, holds("glide", true, 3, 30, 10), timed("walk", 120), counted("pumps", false, 10))
	_, end := drive(t, s, t0)
	res := s.Results()
	if len(res) != 4 {
		t.Fatalf("got %d results, want 4", len(res))
	}
	want := []SetResult{
		{Index: 0, ExerciseID: "glide", Side: Left, SetNo: 1, RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: 2},
		{Index: 1, ExerciseID: "glide", Side: Right, SetNo: 2, RepsPlanned: 3, RepsDone: 3, Hold: 30 * time.Second, Pain: 2},
		{Index: 2, ExerciseID: "walk", SetNo: 1, RepsPlanned: 1, RepsDone: 1, Hold: 120 * time.Second, Pain: 2},
		{Index: 3, ExerciseID: "pumps", SetNo: 1, RepsPlanned: 10, RepsDone: 10, Pain: 2},
	}
	for i, w := range want {
		g := res[i]
		g.Exercise, g.At = "", time.Time{}
		if g != w {
			t.Errorf("result %d\n got %+v\nwant %+v", i, g, w)
		}
	}
	// 2 sides x (3 s ready + 3x30 s + 2x10 s) + (3 s + 120 s): the clock only
	// moved at deadlines, so the total is exact.
	if got, want := end.Sub(t0), 2*(3+90+20)*time.Second+123*time.Second; got != want {
		t.Errorf("session took %v, want %v", got, want)
	}
	if done, total := s.Progress(); done != 4 || total != 4 {
		t.Errorf("progress %d/%d, want 4/4", done, total)
	}
}

func TestTickBeforeDeadlineChangesNothing(t *testing.T) {
	s := mustSession(t, Options{}, holds("glide", false, 1, 30, 0))
	s.Confirm(t0)
	s.Tick(t0.Add(ReadyTime))
	if s.Step() != StepHold {
		t.Fatalf("step %v, want hold", s.Step())
	}
	start := t0.Add(ReadyTime)
	for _, d := range []time.Duration{0, time.Second, 29*time.Second + 999*time.Millisecond} {
		if out := s.Tick(start.Add(d)); out.Bell || s.Step() != StepHold {
			t.Fatalf("tick at +%v ended the hold", d)
		}
		if got, want := s.Remaining(start.Add(d)), 30*time.Second-d; got != want {
			t.Errorf("remaining at +%v = %v, want %v", d, got, want)
		}
	}
	// A late tick ends the hold; nothing is summed, so lateness never piles up.
	out := s.Tick(start.Add(30*time.Second + 7*time.Millisecond))
	if !out.Bell || s.Step() != StepPain {
		t.Fatalf("late tick: bell %v step %v, want bell and pain", out.Bell, s.Step())
	}
}

func TestPauseAndResume(t *testing.T) {
	s := mustSession(t, Options{}, holds("glide", false, 1, 30, 0))
	s.Confirm(t0)
	start := t0.Add(ReadyTime)
	s.Tick(start)
	s.TogglePause(start.Add(10 * time.Second))
	if !s.Paused() || s.Deadline() != (time.Time{}) {
		t.Fatal("not paused")
	}
	// A long pause: remaining stays frozen, ticks do nothing.
	later := start.Add(5 * time.Minute)
	if out := s.Tick(later); out.Bell || s.Step() != StepHold {
		t.Fatal("a tick during a pause ended the hold")
	}
	if got := s.Remaining(later); got != 20*time.Second {
		t.Errorf("remaining while paused = %v, want 20s", got)
	}
	s.TogglePause(later)
	if got, want := s.Deadline(), later.Add(20*time.Second); !got.Equal(want) {
		t.Errorf("deadline after resume %v, want %v", got, want)
	}
	s.Tick(later.Add(20 * time.Second))
	if s.Step() != StepPain {
		t.Errorf("step %v, want pain after the resumed hold ran out", s.Step())
	}
	if out := s.TogglePause(later); out.Refused == "" {
		t.Error("pausing the pain prompt was not refused")
	}
}

func TestSkip(t *testing.T) {
	t.Run("card skips the whole exercise", func(t *testing.T) {
		s := mustSession(t, Options{}, holds("glide", true, 3, 30, 10), holds("bridge", false, 1, 5, 0))
		out := s.Skip(t0)
		p, _ := s.Current()
		if p.Exercise.ID != "bridge" || s.Step() != StepCard {
			t.Fatalf("after skip at %s, want bridge card", label(s))
		}
		res := s.Results()
		if len(res) != 2 || !res[0].Skipped || !res[1].Skipped || res[0].Pain != -1 || res[1].Side != Right {
			t.Fatalf("skipped results %+v", res)
		}
		if len(out.Skipped) != 2 || out.Skipped[0].Side != Left || out.Skipped[1].Side != Right {
			t.Errorf("skipping handed out %+v to store, want both sides", out.Skipped)
		}
	})
	t.Run("second side's card skips only what is left", func(t *testing.T) {
		s := mustSession(t, Options{}, counted("pumps", true, 10))
		s.Confirm(t0)
		s.Confirm(t0)
		s.score(1, t0)
		out := s.Skip(t0)
		if !out.Finished || len(s.Results()) != 2 || s.Results()[0].Skipped || !s.Results()[1].Skipped {
			t.Fatalf("results %+v finished %v", s.Results(), out.Finished)
		}
	})
	t.Run("a skipped hold is not a rep done", func(t *testing.T) {
		s := mustSession(t, Options{}, holds("glide", false, 3, 30, 10))
		s.Confirm(t0)
		s.Skip(t0) // skip the get-ready countdown
		if s.Step() != StepHold || s.Rep() != 1 {
			t.Fatalf("at %s, want hold 1", label(s))
		}
		s.Skip(t0.Add(time.Second)) // skip hold 1: no bell, rest follows
		if s.Step() != StepRest {
			t.Fatalf("at %s, want rest", label(s))
		}
		s.Skip(t0.Add(2 * time.Second)) // skip the rest
		now := s.Deadline()
		s.Tick(now)
		now = s.Deadline()
		s.Tick(now)
		now = s.Deadline()
		s.Tick(now)
		res, _ := s.score(3, now)
		if res.RepsDone != 2 || res.RepsPlanned != 3 {
			t.Errorf("reps %d of %d, want 2 of 3", res.RepsDone, res.RepsPlanned)
		}
	})
	t.Run("all holds skipped: recorded as skipped, no pain asked", func(t *testing.T) {
		s := mustSession(t, Options{}, holds("glide", false, 2, 30, 0), counted("pumps", false, 5))
		s.Confirm(t0)
		for s.Step() != StepCard {
			s.Skip(t0)
		}
		if res := s.Results(); len(res) != 1 || !res[0].Skipped || res[0].RepsDone != 0 {
			t.Fatalf("results %+v", res)
		}
	})
	t.Run("timed activity stopped early keeps the time spent", func(t *testing.T) {
		s := mustSession(t, Options{}, timed("walk", 300))
		s.Confirm(t0)
		s.Tick(t0.Add(ReadyTime))
		start := t0.Add(ReadyTime)
		s.TogglePause(start.Add(60 * time.Second))
		s.Skip(start.Add(90 * time.Second)) // skipped while paused: 60 s were walked
		res, _ := s.score(1, start.Add(90*time.Second))
		if res.Hold != 60*time.Second || res.RepsDone != 1 {
			t.Errorf("walked %v reps %d, want 60s and 1", res.Hold, res.RepsDone)
		}
	})
	t.Run("counting skipped", func(t *testing.T) {
		s := mustSession(t, Options{}, counted("pumps", false, 5))
		s.Confirm(t0)
		out := s.Skip(t0)
		if !out.Finished || !s.Results()[0].Skipped {
			t.Fatal("counting skip did not skip the set")
		}
	})
	t.Run("nothing to skip on the pain prompt", func(t *testing.T) {
		s := mustSession(t, Options{}, counted("pumps", false, 5))
		s.Confirm(t0)
		s.Confirm(t0)
		if out := s.Skip(t0); out.Refused == "" || s.Step() != StepPain {
			t.Fatal("skip on the pain prompt was not refused")
		}
	})
}

func TestPainScoreBounds(t *testing.T) {
	for _, score := range []int{-1, 11, 100} {
		s := mustSession(t, Options{}, counted("pumps", false, 5))
		s.Confirm(t0)
		s.Confirm(t0)
		if _, out := s.score(score, t0); out.Refused == "" || s.Step() != StepPain || len(s.Results()) != 0 {
			t.Errorf("pain %d was accepted", score)
		}
	}
	for _, score := range []int{0, 10} {
		s := mustSession(t, Options{}, counted("pumps", false, 5))
		s.Confirm(t0)
		s.Confirm(t0)
		if res, out := s.score(score, t0); out.Refused != "" || res.Pain != score {
			t.Errorf("pain %d refused: %s", score, out.Refused)
		}
	}
}

// TestResumeAfterCrash cuts a session off at every step it passes through,
// rebuilds it from the results stored so far (as after kill -9), and checks
// that it starts again at the first set with no result and that finishing
// it yields each set exactly once.
func TestResumeAfterCrash(t *testing.T) {
	ex := []Exercise{holds("glide", true, 2, 30, 10), timed("walk", 60), counted("pumps", true, 10), holds("bridge", false, 1, 5, 0)}
	full := mustSession(t, Options{}, ex...)
	steps, _ := drive(t, full, t0)
	for cut := range steps {
		t.Run(fmt.Sprintf("at %d %s", cut, steps[cut]), func(t *testing.T) {
			s := mustSession(t, Options{}, ex...)
			now := t0
			for i := 0; i < cut; i++ {
				switch st := s.Step(); {
				case st == StepCard || st == StepCounting:
					s.Confirm(now)
				case st.Timed():
					now = s.Deadline()
					s.Tick(now)
				case st == StepPain:
					s.score(4, now)
				}
			}
			var stored []int
			for _, r := range s.Results() {
				stored = append(stored, r.Index)
			}
			resumed, err := NewSession(s.Routine(), sameDose{}, Options{Done: stored})
			if err != nil {
				t.Fatal(err)
			}
			if resumed.Step() != StepCard && resumed.Step() != StepDone {
				t.Fatalf("resumed at %s, want a card", label(resumed))
			}
			if p, ok := resumed.Current(); ok && p.Index != len(stored) {
				t.Errorf("resumed at set %d, want %d (first with no result)", p.Index, len(stored))
			}
			drive(t, resumed, now)
			seen := map[int]int{}
			for _, r := range append(s.Results(), resumed.Results()...) {
				seen[r.Index]++
			}
			for i := 0; i < 6; i++ {
				if seen[i] != 1 {
					t.Errorf("set %d has %d results, want exactly 1", i, seen[i])
				}
			}
		})
	}
}

func TestResumeRejectsAChangedRoutine(t *testing.T) {
	_, err := NewSession(Routine{ID: "r", Exercises: []Exercise{counted("pumps", false, 5)}}, sameDose{}, Options{Done: []int{0, 3}})
	if err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("err = %v, want a sentence saying the routine changed", err)
	}
}

func TestShortDayAndDroppedExercises(t *testing.T) {
	extra := counted("extra", false, 5)
	extra.Optional = true
	ex := []Exercise{counted("pumps", false, 5), extra, counted("last", false, 5)}
	for _, tc := range []struct {
		name string
		opt  Options
		want []string
	}{
		{"full day", Options{}, []string{"pumps", "extra", "last"}},
		{"short day", Options{Short: true}, []string{"pumps", "last"}},
		{"level 2 drops optional", Options{Level: 2}, []string{"pumps", "last"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSession(t, tc.opt, ex...)
			drive(t, s, t0)
			var got []string
			for _, r := range s.Results() {
				got = append(got, r.ExerciseID)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("done %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAdjust(t *testing.T) {
	extra := counted("extra", false, 5)
	extra.Optional = true
	ex := []Exercise{holds("glide", true, 3, 30, 10), extra, counted("pumps", false, 5)}
	score := func(s *Session) {
		s.Confirm(t0)
		for s.Step().Timed() {
			s.Tick(s.Deadline())
		}
		s.score(6, t0)
	}
	t.Run("stop exercise skips the other side", func(t *testing.T) {
		s := mustSession(t, Options{}, ex...)
		score(s)
		skipped := s.adjust(1, true, false, t0)
		if len(skipped) != 1 || skipped[0].Side != Right || !skipped[0].Skipped {
			t.Fatalf("skipped %+v, want the right side", skipped)
		}
		if p, _ := s.Current(); p.Exercise.ID != "extra" || s.Level() != 1 {
			t.Errorf("now at %s level %d, want extra at level 1", label(s), s.Level())
		}
	})
	t.Run("a step to level 2 drops optional exercises", func(t *testing.T) {
		s := mustSession(t, Options{Level: 1}, ex...)
		score(s)
		s.adjust(2, false, false, t0)
		if p, _ := s.Current(); p.Side != Right {
			t.Fatalf("at %s, want the right side of the glide", label(s))
		}
		drive(t, s, t0)
		for _, r := range s.Results() {
			if r.ExerciseID == "extra" {
				t.Error("optional exercise ran at level 2")
			}
		}
	})
	t.Run("end session", func(t *testing.T) {
		s := mustSession(t, Options{}, ex...)
		score(s)
		skipped := s.adjust(1, false, true, t0)
		if s.Step() != StepDone || len(skipped) != 3 {
			t.Errorf("step %v, %d skipped; want done and 3 skipped", s.Step(), len(skipped))
		}
	})
	t.Run("the set count never goes backwards", func(t *testing.T) {
		first := extra
		first.ID = "first-extra"
		s := mustSession(t, Options{Level: 1}, first, holds("glide", true, 3, 30, 10))
		s.Confirm(t0)
		s.Confirm(t0)
		s.score(3, t0)
		if done, total := s.Progress(); done != 1 || total != 3 {
			t.Fatalf("progress %d/%d, want 1/3", done, total)
		}
		s.adjust(2, false, false, t0) // drops optional exercises, the one done too
		if done, total := s.Progress(); done != 1 || total != 3 {
			t.Errorf("after the drop: %d/%d, want 1/3", done, total)
		}
	})
	t.Run("level never goes back up within a session", func(t *testing.T) {
		s := mustSession(t, Options{Level: 2}, ex...)
		s.adjust(1, false, false, t0)
		if s.Level() != 2 {
			t.Errorf("level %d, want 2", s.Level())
		}
	})
}

func TestNextSaysWhatFollows(t *testing.T) {
	s := mustSession(t, Options{}, holds("glide", true, 2, 30, 10), counted("pumps", false, 5))
	var got []string
	for s.Step() != StepDone {
		got = append(got, s.Next())
		switch st := s.Step(); {
		case st == StepCard || st == StepCounting:
			s.Confirm(t0)
		case st.Timed():
			s.Tick(s.Deadline())
		default:
			s.score(1, t0)
		}
	}
	want := []string{"", "then hold 1 of 2", "then rest 10 s", "then hold 2 of 2", "then a pain check", "then the right side",
		"", "then hold 1 of 2", "then rest 10 s", "then hold 2 of 2", "then a pain check", "then pumps",
		"", "then a pain check", "then the summary"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("next\n got %q\nwant %q", got, want)
	}
}
