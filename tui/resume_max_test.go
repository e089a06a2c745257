package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// twoStretchProgram is stretchProgram with a second stretch: the calf
// stretch may repeat twice a day, the hamstring stretch six times.
func twoStretchProgram() routine.Program {
	p := stretchProgram()
	r := &p.Routines[0]
	r.Exercises[1].Repeat.MaxPerDay = 2
	ham := routine.Exercise{ID: "hamstring", Name: "Hamstring stretch", Position: "Lie on your back.",
		Cues: []string{"Knee straight."}, Dose: routine.Dose{Reps: 1, Hold: 30 * time.Second},
		Repeat: routine.Repeat{Every: 2 * time.Hour, MaxPerDay: 6}}
	r.Exercises = append(r.Exercises[:2:2], ham, r.Exercises[2])
	return p
}

// putSession stores a session of routine id started at start, with the
// sets given, each scored 2; ended 20 minutes later unless open.
func putSession(t *testing.T, st *store.Store, id, name string, start time.Time, open bool, sets ...store.SetRecord) store.Session {
	t.Helper()
	sess := store.Session{ID: store.NewSessionID(start), StartedAt: start, RoutineID: id, Routine: name,
		Baseline: 2, Status: store.StatusCompleted, EndedAt: start.Add(20 * time.Minute)}
	if open {
		sess.Status, sess.EndedAt = store.StatusInProgress, time.Time{}
	}
	if err := st.PutSession(sess); err != nil {
		t.Fatal(err)
	}
	for i, r := range sets {
		r.SessionID, r.SetNo, r.RepsPlanned, r.RepsDone, r.Pain = sess.ID, 1, 1, 1, 2
		r.At = start.Add(time.Duration(i+1) * time.Minute)
		if err := st.RecordSet(r); err != nil {
			t.Fatal(err)
		}
	}
	return sess
}

// A stretch break left unfinished (at its warning signs) is resumed
// after another break has ended since: the calf stretch has now been
// done twice today, its most for a day, so the resumed break leaves it
// out and says so on its first card and in its summary, as a new break
// would; the hamstring stretch, which may repeat six times, goes on.
// The same in plain mode.
func TestResumedBreakHonoursTheDailyMaximum(t *testing.T) {
	for _, plain := range []bool{false, true} {
		st := openTestStore(t, t.TempDir())
		brk := "phase2" + routine.BreakSuffix
		calfLeft := store.SetRecord{Index: 0, ExerciseID: "pumps", Exercise: "Calf stretch", Side: routine.Left}
		putSession(t, st, "phase2", "Static stabilization", t0, false,
			store.SetRecord{Index: 0, ExerciseID: "glide", Exercise: "Straight-leg nerve glide", Side: routine.Left})
		putSession(t, st, brk, "Stretch break", t0.Add(2*time.Hour+30*time.Minute), true) // left open at the warning signs
		putSession(t, st, brk, "Stretch break", t0.Add(4*time.Hour+40*time.Minute), false, calfLeft)

		var out bytes.Buffer
		mod := func(c *Config) { c.Program = twoStretchProgram() }
		var narrator *Narrator
		if plain {
			narrator = NewNarrator(&out, "\n")
			mod = func(c *Config) { c.Program, c.Plain = twoStretchProgram(), narrator }
		}
		h := newHarnessAt(t, st, t0.Add(5*time.Hour+10*time.Minute), mod)
		if !plain {
			h.expect("An unfinished session")
		}
		h.keys("enter", "y", "n") // resume, no warning sign
		if h.screen() != screenExercise {
			t.Fatalf("plain %v: on %v after resuming, want the exercise:\n%s", plain, h.screen(), h.view())
		}
		p, _ := h.app.run.sess.Current()
		if p.Exercise.ID != "hamstring" {
			t.Errorf("plain %v: the resumed break begins with %s %v, want the hamstring stretch: the calf stretch was done twice today, its most",
				plain, p.Exercise.ID, p.Side)
		}
		said := "Left out of this session: Calf stretch (done 2 times today, the most for a day)."
		if !plain {
			h.expect(said)
			h.finishSession("2")
			h.expect("Not in this session: Calf stretch (done 2 times today, the most for a day).")
			continue
		}
		narrator.Close()
		if !strings.Contains(out.String(), said) {
			t.Errorf("plain mode does not say what is left out:\n%s", out.String())
		}
	}
}

// A new break at the same moment leaves out the same stretch in the same
// words, on home's list too: every path into exercise reads the daily
// maximum alike.
func TestNewBreakSaysWhatTheDailyMaximumLeavesOut(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	calfLeft := store.SetRecord{Index: 0, ExerciseID: "pumps", Exercise: "Calf stretch", Side: routine.Left}
	putSession(t, st, "phase2", "Static stabilization", t0, false,
		store.SetRecord{Index: 0, ExerciseID: "glide", Exercise: "Straight-leg nerve glide", Side: routine.Left})
	putSession(t, st, "phase2"+routine.BreakSuffix, "Stretch break", t0.Add(4*time.Hour+40*time.Minute), false, calfLeft)
	h := newHarnessAt(t, st, t0.Add(7*time.Hour+10*time.Minute), func(c *Config) { c.Program = twoStretchProgram() })
	h.expect("Stretch break: 1 stretch", "Calf stretch · done 2 times today, the most for a day")
	h.startSession("2")
	if p, _ := h.app.run.sess.Current(); p.Exercise.ID != "hamstring" {
		t.Fatalf("the break begins with %s", p.Exercise.ID)
	}
	h.expect("Left out of this session: Calf stretch (done 2 times today, the most for a day).")
	h.finishSession("2")
	h.expect("Not in this session: Calf stretch (done 2 times today, the most for a day).")
}

// A break resumed after one side of a stretch: once every stretch has
// reached its most for a day, nothing is left to do, so the session ends
// at once and its summary names the side left out.
func TestResumedBreakWithNothingLeftEnds(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	brk := "phase2" + routine.BreakSuffix
	calfLeft := store.SetRecord{Index: 0, ExerciseID: "pumps", Exercise: "Calf stretch", Side: routine.Left}
	putSession(t, st, "phase2", "Static stabilization", t0, false,
		store.SetRecord{Index: 0, ExerciseID: "glide", Exercise: "Straight-leg nerve glide", Side: routine.Left})
	open := putSession(t, st, brk, "Stretch break", t0.Add(2*time.Hour+30*time.Minute), true, calfLeft)
	putSession(t, st, brk, "Stretch break", t0.Add(4*time.Hour+40*time.Minute), false, calfLeft)
	p := twoStretchProgram()
	p.Routines[0].Exercises[2].Repeat.MaxPerDay = 2 // the hamstring stretch too
	h := newHarnessAt(t, st, t0.Add(5*time.Hour+10*time.Minute), func(c *Config) { c.Program = p })
	h.keys("enter", "y")
	h.expect("Session done", "Not in this session: Calf stretch, right side (done 2 times today, the most for a day); "+
		"Hamstring stretch (done 2 times today, the most for a day).")
	if rec, err := st.Session(open.ID); err != nil || rec.Status != store.StatusCompleted {
		t.Errorf("the resumed break is %v (%v), want completed", rec.Status, err)
	}
}
