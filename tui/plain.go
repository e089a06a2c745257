package tui

import (
	"fmt"
	"io"
	"strings"

	"github.com/spinecoach/spinecoach/routine"
)

// Narrator writes the plain mode: one line for each thing that happens,
// never a redrawn screen, for screen readers and braille displays. Lines
// go through a worker so they stay in order and Update never writes.
type Narrator struct {
	lines chan string
	done  chan struct{} // closed when the worker has ended
	guard guardSlot
}

// NewNarrator starts writing lines to w, each ended by eol ("\r\n" on a
// terminal in raw mode).
func NewNarrator(w io.Writer, eol string) *Narrator {
	n := &Narrator{lines: make(chan string, 256), done: make(chan struct{})}
	go func() {
		defer close(n.done)
		defer n.guard.recover("the narration")
		for l := range n.lines {
			_, _ = io.WriteString(w, l+eol)
		}
	}()
	return n
}

// Say queues lines to be written; once the worker has ended (a panic),
// they are dropped rather than wait for it forever.
func (n *Narrator) Say(lines []string) {
	for _, l := range lines {
		select {
		case n.lines <- l:
		case <-n.done:
			return
		}
	}
}

// Close writes what is queued and stops.
func (n *Narrator) Close() {
	close(n.lines)
	<-n.done
}

// plainSnap is what the narration compares before and after an update.
type plainSnap struct {
	screen  screen
	step    routine.Step
	rep     int
	set     int
	paused  bool
	saved   string
	err     string
	notice  *routine.Decision
	loaded  bool
	hint    string
	results int
	asking  bool   // the leave question is on screen
	typed   string // the digits typed into a score
}

func (a App) snapshot() plainSnap {
	s := plainSnap{screen: a.screen, err: a.footerErr, loaded: a.home.data != nil, hint: a.pain.input.hint + a.checkin.input.hint,
		asking: a.pinned() != ""}
	switch a.screen {
	case screenPain:
		s.typed = a.pain.input.digits
	case screenCheckin:
		s.typed = a.checkin.input.digits
	}
	if a.run != nil {
		p, _ := a.run.sess.Current()
		s.step, s.rep, s.set, s.paused = a.run.sess.Step(), a.run.sess.Rep(), p.Index, a.run.sess.Paused()
		s.saved, s.notice, s.results = a.run.saved, a.run.sess.Notice(), len(a.run.sess.Results())
	}
	return s
}

// narrate says in plain lines what changed since before; erased: the
// key was Backspace.
func (a App) narrate(before plainSnap, erased bool) []string {
	now := a.snapshot()
	var out []string
	say := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if now.err != "" && now.err != before.err {
		say("%s", now.err)
	}
	if now.hint != "" && now.hint != before.hint {
		say("%s", now.hint)
	}
	if now.saved != before.saved && now.saved != "" {
		say("%s", now.saved)
	}
	if now.notice != nil && now.notice != before.notice && now.notice.Reason != "" {
		say("%s", now.notice.Reason)
	}
	for _, c := range a.heard {
		// A rest says "Relax." itself; after a set's last hold, before the
		// pain check, nothing else would.
		if c.cue == CueHoldEnd && !(now.screen == screenExercise && now.step == routine.StepRest) {
			say("%s", c.text)
		}
	}
	entered := now.screen != before.screen || (now.screen == screenHome && now.loaded && !before.loaded)
	switch {
	case entered:
		out = append(out, a.plainScreen()...)
	case now.screen == screenExercise && (now.step != before.step || now.set != before.set || now.rep != before.rep):
		out = append(out, a.plainStep()...)
	}
	// Keys are not echoed in raw mode: say what the score field holds.
	switch {
	case now.screen != before.screen || now.typed == before.typed:
	case erased && now.typed == "":
		say("Erased: the score is empty.")
	case erased:
		say("Erased: the score is %s.", now.typed)
	case now.typed != "":
		say("Typed %s.", now.typed)
	}
	switch {
	case now.asking && !before.asking:
		say("Leave the session now? What you have recorded is kept, and you can resume later. Press y to leave, n to stay.")
	case before.asking && !now.asking && now.screen == before.screen:
		say("You stay: the session goes on.")
	}
	if now.screen == screenExercise && now.paused != before.paused && !now.asking && !before.asking {
		if now.paused {
			say("Paused. Press space to go on.")
		} else {
			say("Going on.")
		}
	}
	for _, c := range a.heard {
		if c.cue == CueCount || c.cue == CueHalfway {
			say("%s", c.text)
		}
	}
	return out
}

// plainScreen describes the screen just entered.
func (a App) plainScreen() []string {
	switch a.screen {
	case screenHome:
		if a.home.data == nil {
			return nil
		}
		lines := []string{a.plan.Headline + "."}
		if a.home.notice != "" {
			lines = append(lines, a.home.notice)
		}
		if closed := a.home.data.Day.Closed; closed != nil {
			return append(lines, closedLine(*closed), "Press Enter to hear today's advice again, or q to quit.")
		}
		lines = append(lines, a.home.levelView())
		if a.home.data.Open != nil {
			return append(lines, "An unfinished session is waiting. Press Enter to resume or discard it, or q to quit.")
		}
		return append(lines, "Press Enter to start today's session, s for a short one, or q to quit.")
	case screenResume:
		return []string{fmt.Sprintf("Unfinished session with %s recorded. Press y or Enter to resume, n to discard it.", plural(a.resume.done, "set", "sets"))}
	case screenCheckin:
		return []string{"Check-in. How much pain do you have right now? Type a number from 0 to 10, then press Enter."}
	case screenWarning:
		lines := []string{"Before you start: do any of these apply to you today?"}
		for _, t := range a.cfg.Warnings.Tiers {
			lines = append(lines, t.Title+" if: "+strings.Join(t.Signs, "; ")+".")
		}
		return append(lines, "Press n or Enter if none of these apply, y if one or more does.")
	case screenStop:
		lines := []string{"No exercise today. " + a.stop.reason}
		for _, t := range a.stop.tiers {
			lines = append(lines, t.Title+": "+t.Advice)
		}
		if a.stop.advice != "" {
			lines = append(lines, a.stop.advice)
		}
		return append(lines, "Press Enter to go home, or q to quit.")
	case screenExercise:
		return a.plainStep()
	case screenPain:
		p, _ := a.run.sess.Current()
		return []string{fmt.Sprintf("Pain check after %s. Before the session you said %d. Type a number from 0 to 10, then press Enter.",
			p.Label(), a.run.rec.Baseline)}
	case screenSummary:
		return a.plainSummary()
	case screenSetup:
		return []string{coachNotice, "Setup: this form is easiest with a screen; press Esc to skip it and run spinecoach setup --surgery-date YYYY-MM-DD instead."}
	case screenClearance:
		return []string{fmt.Sprintf("Has your surgeon or physical therapist cleared you for phase %d, %s? Press y for yes, n for not yet.",
			a.clearance.phase.Phase, a.clearance.phase.Name)}
	}
	return nil
}

// plainStep describes the step of the set now on screen.
func (a App) plainStep() []string {
	s := a.run.sess
	p, ok := s.Current()
	if !ok {
		return nil
	}
	d := s.Dose()
	switch s.Step() {
	case routine.StepCard:
		return []string{
			fmt.Sprintf("%s: %s.", p.Label(), p.Exercise.DoseText(d)),
			"Position: " + p.Exercise.Position,
			"Remember: " + strings.Join(p.Exercise.Cues, " "),
			"Press Enter when you are in position, or s to skip this exercise.",
		}
	case routine.StepReady:
		return []string{"Get ready: 3 seconds."}
	case routine.StepHold:
		return []string{fmt.Sprintf("Hold %d of %d: %s.", s.Rep(), d.Reps, routine.FormatDuration(d.Hold))}
	case routine.StepRest:
		return []string{fmt.Sprintf("Relax. Rest %s.", routine.FormatDuration(d.Rest))}
	case routine.StepActive:
		return []string{fmt.Sprintf("Go: %s of %s.", routine.FormatDuration(d.Duration), p.Exercise.Name)}
	case routine.StepCounting:
		return []string{fmt.Sprintf("Do %d, counting to yourself. Press Enter when you have finished.", d.Count)}
	}
	return nil
}

// plainSummary reads the stored session out, a set a line.
func (a App) plainSummary() []string {
	m := a.summary
	lines := []string{strings.TrimSpace(strings.Split(m.headView(), "\n")[0])}
	for _, r := range m.sets {
		if r.Skipped {
			lines = append(lines, routine.SetLabel(r.Exercise, r.Side)+": skipped.")
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: pain %d, before the session %d.", routine.SetLabel(r.Exercise, r.Side), r.Pain, m.rec.Baseline))
	}
	for _, d := range m.decisions {
		if d.Rule != routine.RuleNone { // a start no rule moved is no change
			lines = append(lines, d.Reason)
		}
	}
	return append(lines, "Press Enter to go home, or q to quit.")
}
