package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The session in progress as the root runs it: the run shared by the
// exercise and pain pages, its writes, the next step, its cues and end.

// sessionRun is the session in progress, shared by the screens that show
// it. The rules and their state live in the routine.Run; this holds what
// the screens add: the stored record and the state of its writes.
type sessionRun struct {
	rec    store.Session
	sess   *routine.Run
	saved  string            // the last confirmed save, in words
	failed bool              // a write failed and is being retried
	saving bool              // a pain score is being written: the next step waits for it
	held   routine.SetResult // that score's set, while it is being written
	// notTaken are the scores typed while held was being written: not
	// taken (held stands), and the pain page says so until it is saved.
	notTaken []int
	ending   bool // the session is over; waiting for the last writes
	seq      int  // decisions stored so far
	// leftOut says which exercises the rules stopped earlier today, and
	// why: the first card of a later session says it.
	leftOut string
	// atMax are the exercises left out of this session at their daily
	// maximum, done times times today: its first card and its summary
	// say so (atMaxText, routine.MaxText).
	atMax []string
	times int
	// shown is the decision told before the score being saved: plain
	// mode tells the score's own only once its transaction is synced.
	shown *routine.Decision
}

// storedScore is a score as the store keeps it: the set, the sets the
// decision skipped, the decision unless green, and the session, ended,
// when a stop ended it.
func (a App) storedScore(sc routine.Scored, now time.Time) store.Score {
	run := a.run
	out := store.Score{Sets: []store.SetRecord{setRecord(run.rec, sc.Set)}}
	for _, r := range sc.Skipped {
		out.Sets = append(out.Sets, setRecord(run.rec, r))
	}
	if sc.Stored() {
		out.Decisions = append(out.Decisions, store.NewDecision(run.rec, run.seq, sc.Decision))
		run.seq++
	}
	if sc.Ends() {
		ended := run.rec
		ended.Status, ended.EndedAt, ended.Note = store.StatusStopped, now, sc.Decision.Reason
		out.Session = &ended
	}
	return out
}

// stopScreen is the advice after a check-in that closed the day, or on a
// day already closed.
func (a App) stopScreen(d routine.Decision) stopModel {
	m := stopModel{theme: a.cfg.Theme, reason: d.Reason, width: a.width - 2}
	if d.Rule == routine.RuleWarningSign {
		// The call the sign asks for; both when the patient did not say.
		m.tiers = a.cfg.Warnings.Tiers
		if tier, ok := a.cfg.Warnings.Tier(d.Tier); ok {
			m.tiers = []routine.WarningTier{tier}
		}
	} else {
		m.advice = "Rest today and take your pain medicine as prescribed. If the pain stays this high, gets worse, " +
			"or comes with any of the warning signs, call your surgeon's office or your care team."
	}
	return m
}

// startOrResume offers an unfinished session if there is one, or starts
// the check-in of a new one.
func (a App) startOrResume() (App, tea.Cmd) {
	if d := a.home.data; d != nil && d.Day.Closed != nil {
		// A closed day stays closed: the advice again, never a check-in.
		a.pages().stop = a.stopScreen(*d.Day.Closed)
		return a.show(screenStop), nil
	}
	if d := a.home.data; d != nil && d.Open != nil {
		resume := newResumeModel(a.cfg.Theme, *d.Open, d.OpenDone)
		resume.earlier = d.Open.StartedAt.Format(time.DateOnly) < d.Day.Date
		a.pages().resume = resume
		return a.show(screenResume), nil
	}
	return a.startNext()
}

func (a App) startRun(rec store.Session, sess *routine.Run) (App, tea.Cmd, bool) {
	a.run = &sessionRun{rec: rec, sess: sess}
	a.pages().exercise = newExerciseModel(a.cfg.Theme, a.cfg.Clock, a.run)
	a = a.show(screenExercise)
	card := a.cardCue() // the first card, read for a voice
	a, cmd := a.afterStep()
	return a, tea.Batch(card, cmd), true
}

// resumeRun rebuilds the run from what the file holds, at the first set
// with no result, at the level today's rules have in force, without the
// exercises they stopped today and with this session's reds still
// counting. A closed day, or a session of an earlier day, is not resumed.
func (a App) resumeRun(msg resumeLoadedMsg) (App, tea.Cmd, bool) {
	if msg.day.Closed != nil {
		a.pages().stop = a.stopScreen(*msg.day.Closed)
		return a.show(screenStop), nil, true
	}
	if dayOf := msg.rec.StartedAt.Format(time.DateOnly); dayOf != msg.day.Date {
		a.footerErr = "That session was of an earlier day, and the pain rules go by the day: press n to close it (its sets stay in your records), then start today's."
		return a, nil, true
	}
	// The session goes on with its own routine, even if today's has moved
	// to another phase since.
	region, _ := routine.ParseRegion(a.profile.Region)
	r, ok := a.cfg.Program.SessionRoutine(msg.rec.RoutineID, region)
	r = a.sessionRoutine(r)
	if !ok {
		a.footerErr = fmt.Sprintf("That session was of the routine %q, which is no longer in your program; discard it to go on.", msg.rec.Routine)
		return a, nil, true
	}
	var done []int
	for _, s := range msg.sets {
		done = append(done, s.Index)
	}
	var earlier []routine.Decision
	for _, d := range msg.decisions {
		earlier = append(earlier, d.Domain())
	}
	// The daily maximum is read again, as a new session's would be:
	// sessions ended since this one began count toward it.
	leave, times := routine.AtDailyMax(r, msg.history.Sessions, a.cfg.Clock.Now())
	run, err := routine.NewRun(r, msg.day, msg.rec.Baseline, routine.RunOptions{Short: msg.rec.Short, Done: done, Earlier: earlier, Leave: leave})
	if err != nil {
		a.footerErr = err.Error() + "; discard it to go on."
		return a, nil, true
	}
	a, cmd, _ := a.startRun(msg.rec, run)
	a.run.seq = len(msg.decisions)
	a.run.atMax, a.run.times = leave, times
	return a, cmd, true
}

// save queues a score for the store, behind any still being written, and
// remembers it until its commit returns.
func (a App) save(sc store.Score) tea.Cmd {
	return a.writes.add(a.cfg.Store, sc)
}

// stepped follows an update of the page that drives the run (the
// exercise page): its cues go out in the order they happened, before the
// next page's, and the page for the step now due is shown.
func (a App) stepped(cmd tea.Cmd, out tea.Msg) (App, tea.Cmd) {
	for _, c := range a.pages().exercise.takeCues() {
		cmd = tea.Batch(cmd, a.cfg.Cues.Cue(c.cue, c.text))
		a.heard = append(a.heard, c)
	}
	if a.run != nil && out == nil {
		var next tea.Cmd
		a, next = a.afterStep()
		cmd = tea.Batch(cmd, next)
	}
	return a, cmd
}

// runQuestion names the question of a page of the run: the page, the
// set, the step and whether a score is being written.
func runQuestion(s screen, r *sessionRun) string {
	if r == nil {
		return ""
	}
	p, _ := r.sess.Current()
	return fmt.Sprintf("%s/%d/%s/%v", s, p.Index, r.sess.Step(), r.saving)
}

// afterStep shows the screen for the session's current step.
func (a App) afterStep() (App, tea.Cmd) {
	switch a.run.sess.Step() {
	case routine.StepPain:
		if a.screen != screenPain {
			a.pages().pain = newPainModel(a.cfg.Theme, a.run)
			a = a.show(screenPain)
			return a, a.cfg.Cues.Cue(CueSetDone, cueWords(CueSetDone, "", 0))
		}
	case routine.StepDone:
		a.run.ending = true
		return a, a.maybeEnd()
	default:
		if a.screen != screenExercise {
			a = a.show(screenExercise)
			return a, tea.Batch(a.pages().exercise.start(), a.switchSideCue(), a.cardCue())
		}
	}
	return a, nil
}

// switchSideCue says "switch to the right side" when the set now due is
// the other side of the one just scored.
func (a App) switchSideCue() tea.Cmd {
	res := a.run.sess.Results()
	p, ok := a.run.sess.Current()
	if !ok || len(res) == 0 || p.Side == routine.NoSide {
		return nil
	}
	if last := res[len(res)-1]; last.ExerciseID == p.Exercise.ID && last.Side != p.Side && !last.Skipped {
		return a.cfg.Cues.Cue(CueSwitchSide, cueWords(CueSwitchSide, p.Side.String(), 0))
	}
	return nil
}

// cardCue reads the card now on screen, for a voice (the bell has no
// pattern for it): the patient lying down need not look.
func (a App) cardCue() tea.Cmd {
	s := a.run.sess
	p, ok := s.Current()
	if !ok || s.Step() != routine.StepCard {
		return nil
	}
	return a.cfg.Cues.Cue(CueCard, cardWords(p, p.Exercise.DoseText(s.Dose())))
}

// maybeEnd closes the session once its last writes have returned (or
// failed: the summary then says what is not saved).
func (a App) maybeEnd() tea.Cmd {
	r := a.run
	if !r.ending || (a.writes.of(r.rec.ID) > 0 && !r.failed) {
		return nil
	}
	r.ending = false
	if stop := r.sess.Stopped(); stop != nil {
		return endSession(a.cfg.Store, r.rec, store.StatusStopped, stop.Reason, a.cfg.Clock.Now())
	}
	return endSession(a.cfg.Store, r.rec, store.StatusCompleted, "", a.cfg.Clock.Now())
}

// leftOut names the exercises of the session's plan that it left out
// and have no record in sets: optional ones on a short day or at a
// lighter dose, those the pain rules had stopped for today, and those at
// their daily maximum (by side, when a resumed session had done a side
// before it was reached).
func (a App) leftOut(sets []store.SetRecord) []string {
	if a.run == nil {
		return nil
	}
	recorded, done := map[string]bool{}, map[int]bool{}
	for _, s := range sets {
		recorded[s.ExerciseID], done[s.Index] = true, true
	}
	plan, omitted := a.run.sess.Sets()
	seen := map[string]bool{}
	var out []string
	for i, p := range plan {
		e := p.Exercise
		if atMax := slices.Contains(a.run.atMax, e.ID); atMax && recorded[e.ID] {
			if omitted[i] && !done[i] {
				out = append(out, routine.SetLabel(e.Name, p.Side)+" ("+routine.MaxText(a.run.times)+")")
			}
			continue
		}
		if !omitted[i] || recorded[e.ID] || seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		why := "stopped for today by the pain rules"
		switch {
		case slices.Contains(a.run.atMax, e.ID):
			why = routine.MaxText(a.run.times)
		case e.Optional && a.run.sess.Short():
			why = "optional, left out of a short session"
		case e.Optional:
			why = "optional, left out at this dose"
		}
		out = append(out, e.Name+" ("+why+")")
	}
	return out
}

// savedText confirms a stored set in words.
func savedText(r store.SetRecord) string {
	return fmt.Sprintf("Saved: pain %d/10 after %s.", r.Pain, routine.SetLabel(r.Exercise, r.Side))
}

// atMaxText says which exercises the daily maximum leaves out of the
// session and why, for its first card: "Left out of this session: Calf
// stretch (done 6 times today, the most for a day)."; "" when none.
func (r *sessionRun) atMaxText() string {
	var names []string
	for _, e := range r.sess.Routine().Exercises {
		if slices.Contains(r.atMax, e.ID) {
			names = append(names, e.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "Left out of this session: " + strings.Join(names, ", ") + " (" + routine.MaxText(r.times) + ")."
}
