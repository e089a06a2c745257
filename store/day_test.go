package store_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on any machine

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// dayRoutine is one sided hold exercise and one plain one.
func dayRoutine() routine.Routine {
	return routine.Routine{ID: "r", Name: "R", Rules: routine.DefaultPainRules(), Exercises: []routine.Exercise{
		{ID: "glide", Name: "Glide", Sides: true, Dose: routine.Dose{Reps: 3, Hold: 30 * time.Second}},
		{ID: "bridge", Name: "Bridge", Dose: routine.Dose{Reps: 3, Hold: 30 * time.Second}},
	}}
}

// patient does sessions the way the screens do, through the store.
type patient struct {
	t  *testing.T
	st *store.Store
	rt routine.Routine
}

// session checks in at at with pain b, then scores the sets in turn (as
// many as pains gives, or until the run ends). It returns the day as the
// check-in saw it and the check-in's outcome.
func (p patient) session(at time.Time, b int, warning bool, pains ...int) (routine.Day, routine.Checkin) {
	p.t.Helper()
	day, h, err := p.st.Today(p.rt.Rules, at)
	if err != nil {
		p.t.Fatal(err)
	}
	if day.Closed != nil {
		return day, routine.Checkin{Closed: day.Closed}
	}
	c := routine.CheckIn(p.rt.Rules, h, day, at, b, warning)
	rec := store.Session{ID: store.NewSessionID(at), StartedAt: at, RoutineID: p.rt.ID, Routine: p.rt.Name,
		Baseline: b, DoseLevel: c.Level, Status: store.StatusInProgress}
	if c.Closed != nil {
		rec.Status, rec.EndedAt, rec.Note = store.StatusStopped, at, c.Closed.Reason
	}
	var decisions []store.Decision
	for i, d := range c.Decisions {
		decisions = append(decisions, store.NewDecision(rec, i, d))
	}
	if err := p.st.PutSessionWithDecisions(rec, decisions); err != nil {
		p.t.Fatal(err)
	}
	if c.Closed != nil {
		return day, c
	}
	day.Level, day.Started = c.Level, true
	run, err := routine.NewRun(p.rt, day, b, routine.RunOptions{})
	if err != nil {
		p.t.Fatal(err)
	}
	now, seq := at, len(decisions)
	for _, pain := range pains {
		if run.Step() == routine.StepDone {
			break
		}
		run.Confirm(now)
		for run.Step() != routine.StepPain {
			now = now.Add(10 * time.Second)
			run.Tick(now)
		}
		sc, refused := run.Score(pain, now)
		if refused != "" {
			p.t.Fatal(refused)
		}
		w := store.Score{Sets: []store.SetRecord{setOf(rec, sc.Set)}}
		for _, r := range sc.Skipped {
			w.Sets = append(w.Sets, setOf(rec, r))
		}
		if sc.Stored() {
			w.Decisions = append(w.Decisions, store.NewDecision(rec, seq, sc.Decision))
			seq++
		}
		if sc.Ends() {
			ended := rec
			ended.Status, ended.EndedAt, ended.Note = store.StatusStopped, now, sc.Decision.Reason
			w.Session = &ended
		}
		if err := p.st.RecordScore(w); err != nil {
			p.t.Fatal(err)
		}
	}
	if run.Stopped() == nil {
		rec.Status, rec.EndedAt = store.StatusCompleted, now
		if err := p.st.PutSession(rec); err != nil {
			p.t.Fatal(err)
		}
	}
	return day, c
}

func setOf(rec store.Session, r routine.SetResult) store.SetRecord {
	return store.SetRecord{SessionID: rec.ID, Index: r.Index, ExerciseID: r.ExerciseID, Exercise: r.Exercise,
		Side: r.Side, SetNo: r.SetNo, RepsPlanned: r.RepsPlanned, RepsDone: r.RepsDone, Hold: r.Hold,
		Pain: r.Pain, Skipped: r.Skipped, DoseLevel: r.Level, At: r.At}
}

// Two weeks of a patient's days through the real store, across the end
// of summer time in Berlin (25 October 2026): a skipped day, two sessions
// a day, a red, a stop day, a warning day and a step up, with the start
// level, its rule and what is allowed asserted day by day.
func TestDaysThroughTheStore(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := patient{t: t, st: st, rt: dayRoutine()}
	at := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, berlin) }
	green := []int{2, 2, 2}
	start := func(day int, c routine.Checkin, level int, rule string) {
		t.Helper()
		if c.Level != level || len(c.Decisions) == 0 || c.Decisions[0].Rule != rule {
			t.Errorf("Oct %d: started at %d by %+v, want %d by %s", day, c.Level, c.Decisions, level, rule)
		}
	}
	today := func(h time.Time) routine.Day {
		t.Helper()
		d, _, err := st.Today(p.rt.Rules, h)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	_, c := p.session(at(20, 8), 2, false, green...)
	start(20, c, 0, routine.RuleNone)

	// An amber in the morning: the rest of the day, a later session
	// included, runs one step lighter.
	_, c = p.session(at(21, 8), 2, false, 4, 2, 2)
	start(21, c, 0, routine.RuleNone)
	if d := today(at(21, 13)); d.Level != 1 || d.StartLevel != 0 || !strings.Contains(d.LastReason, "the rest of today uses 2 holds of 25 s") {
		t.Errorf("Oct 21 after the amber: %+v", d)
	}
	_, c = p.session(at(21, 14), 2, false, green...)
	if c.Level != 1 || len(c.Decisions) != 0 {
		t.Errorf("Oct 21's second session: %+v", c)
	}

	// Pain not back to the amber day's baseline: one step down, from the
	// level the 21st started at, not the one it ended at.
	_, c = p.session(at(22, 8), 3, false, green...)
	start(22, c, 1, routine.RuleNextMorning)

	// The 23rd is skipped. On the 24th nothing moves the start; a red
	// stops the glide for the rest of the day.
	_, c = p.session(at(24, 8), 3, false, 6, 2)
	start(24, c, 1, routine.RuleNone)
	d := today(at(24, 15))
	if !d.StoppedToday("glide") || d.Level != 2 || !d.Allows() {
		t.Fatalf("Oct 24 after the red: %+v", d)
	}
	run, err := routine.NewRun(p.rt, d, 3, routine.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := run.Current(); cur.Exercise.ID != "bridge" {
		t.Errorf("Oct 24's second session starts with %s, want the glide left out", cur.Exercise.ID)
	}

	// The 25th, the day the clocks go back: a check-in of 8 closes it.
	_, c = p.session(at(25, 8), 8, false)
	if c.Closed == nil || c.Closed.Rule != routine.RuleBaselineStop || c.Decisions[0].Rule != routine.RuleNextMorning {
		t.Fatalf("Oct 25: %+v", c)
	}
	for _, h := range []int{9, 23} {
		if d := today(at(25, h)); d.Allows() {
			t.Errorf("Oct 25 %d:00 allows exercise after the stop", h)
		}
	}
	if _, c := p.session(at(25, 20), 2, false, green...); c.Closed == nil || len(c.Decisions) != 0 {
		t.Errorf("a second check-in on the closed day: %+v", c)
	}
	var closed *routine.ClosedError
	if _, err := routine.NewRun(p.rt, today(at(25, 21)), 2, routine.RunOptions{}); !errors.As(err, &closed) {
		t.Errorf("NewRun on the closed day: %v", err)
	}

	// The 26th: the stop day counts red, but pain is back below its
	// baseline, so the day starts where the 25th did (one step down then).
	_, c = p.session(at(26, 8), 2, false, green...)
	start(26, c, 2, routine.RuleNone)

	// A warning sign on the 27th closes that day too.
	_, c = p.session(at(27, 8), 2, true)
	if c.Closed == nil || c.Closed.Rule != routine.RuleWarningSign {
		t.Fatalf("Oct 27: %+v", c)
	}
	if d := today(at(27, 18)); d.Allows() || !strings.Contains(d.Closed.Reason, "warning sign") {
		t.Errorf("Oct 27 evening: %+v", d)
	}

	// Three green days in a row at level 2 (28-30), then a step up.
	for day := 28; day <= 30; day++ {
		_, c = p.session(at(day, 8), 2, false, green...)
		start(day, c, 2, routine.RuleNone)
	}
	_, c = p.session(at(31, 8), 2, false, green...)
	start(31, c, 1, routine.RuleStepUp)
	// A break of two days: the run restarts.
	_, c = p.session(time.Date(2026, 11, 3, 8, 0, 0, 0, berlin), 2, false, green...)
	start(34, c, 1, routine.RuleNone)
}

// A score and its decision go in one transaction: when one part is
// refused, nothing of it is written.
func TestRecordScoreIsAllOrNothing(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	rec := store.Session{ID: store.NewSessionID(at), StartedAt: at, RoutineID: "r", Routine: "R", Baseline: 2, Status: store.StatusInProgress}
	if err := st.PutSession(rec); err != nil {
		t.Fatal(err)
	}
	set := store.SetRecord{SessionID: rec.ID, Index: 0, ExerciseID: "glide", Exercise: "Glide", SetNo: 1, RepsPlanned: 3, RepsDone: 3,
		Hold: 30 * time.Second, Pain: 6, At: at}
	bad := store.Decision{SessionID: rec.ID, Seq: 0, At: at, Rule: routine.RuleRed, LevelAfter: 9, Reason: "x."}
	if err := st.RecordScore(store.Score{Sets: []store.SetRecord{set}, Decisions: []store.Decision{bad}}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("a bad decision: %v", err)
	}
	if sets, _ := st.SetsOf(rec.ID); len(sets) != 0 {
		t.Fatalf("the set was written without its decision: %+v", sets)
	}
	good := bad
	good.LevelAfter, good.HoldStepUp = 1, true
	ended := rec
	ended.Status, ended.EndedAt, ended.Note = store.StatusStopped, at, "stop."
	if err := st.RecordScore(store.Score{Sets: []store.SetRecord{set}, Decisions: []store.Decision{good}, Session: &ended}); err != nil {
		t.Fatal(err)
	}
	sets, _ := st.SetsOf(rec.ID)
	decisions, _ := st.DecisionsOf(rec.ID)
	got, _ := st.Session(rec.ID)
	if len(sets) != 1 || len(decisions) != 1 || !decisions[0].HoldStepUp || got.Status != store.StatusStopped {
		t.Errorf("stored %d sets, decisions %+v, session %v", len(sets), decisions, got.Status)
	}
	if _, open, _ := st.OpenSession(); open {
		t.Error("the ended session is still offered for resuming")
	}
}
