package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// exerciseModel shows the current set: the exercise card, the get-ready
// countdown, holds and rests, a timed activity or a count. It drives the
// session state machine; the root watches the session's step to decide
// when the pain prompt or the summary comes.
type exerciseModel struct {
	outbox   // m.out: an outcome for the root, which takes it after Update
	theme    *Theme
	clock    Clock
	run      *sessionRun
	timer    holdTimer
	width    int
	height   int
	flash    string  // shown until the next tick: a hold just ended
	quitting bool    // asking "leave the session?"
	pausedBy bool    // the question paused the timer, so answering n resumes it
	shown    cueSnap // the countdown as last shown, for the cues
	heard    []cueMsg
}

// setResultMsg hands a finished set (scored or skipped) to the root to store.
type setResultMsg struct{ results []routine.SetResult }

// leaveSessionMsg: the patient chose to leave; the session is kept.
type leaveSessionMsg struct{}

func newExerciseModel(t *Theme, c Clock, run *sessionRun) exerciseModel {
	return exerciseModel{theme: t, clock: c, run: run, timer: holdTimer{clock: c}}
}

// start schedules the first wake-up when the screen is entered mid-countdown.
func (m *exerciseModel) start() tea.Cmd {
	m.shown = m.snap()
	return m.timer.schedule(m.run.sess.Deadline())
}

// exerciseKeys is the page's key map: the keys it matches, as the footer
// shows them (their words follow the step); yes and stay answer the leave
// question.
var exerciseKeys = struct{ confirm, skip, pause, leave, yes, stay key.Binding }{
	confirm: keyEnter, skip: keySkip, pause: keyPause, leave: keyLeave,
	yes: keyYes, stay: key.NewBinding(key.WithKeys("n", "N", "enter"), key.WithHelp("n", "no")),
}

func (m exerciseModel) keys() keyMap {
	k := exerciseKeys
	if m.quitting {
		return newKeyMap(k.yes, k.stay)
	}
	switch st := m.run.sess.Step(); {
	case st == routine.StepCard:
		return newKeyMap(withHelp(k.confirm, "enter", "I'm in position"), withHelp(k.skip, "s", "skip exercise"), k.leave)
	case st == routine.StepCounting:
		return newKeyMap(withHelp(k.confirm, "enter", "done"), withHelp(k.skip, "s", "skip set"), k.leave)
	case st.Timed():
		skip := "skip hold"
		switch st {
		case routine.StepReady, routine.StepRest:
			skip = "skip countdown"
		case routine.StepActive:
			skip = "stop now"
		}
		return newKeyMap(k.pause, withHelp(k.skip, "s", skip), k.leave)
	}
	return newKeyMap(k.leave)
}

func (m exerciseModel) Update(msg tea.Msg) (exerciseModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		if !m.timer.current(msg) {
			return m, nil // a wake-up made stale by pause or skip
		}
		m.flash = ""
		return m.step(func() routine.Outcome { return m.run.sess.Tick(msg.now) })
	case tea.KeyMsg:
		if m.quitting {
			return m.confirmUpdate(msg)
		}
		return m.keyUpdate(msg)
	}
	return m, nil
}

func (m exerciseModel) keyUpdate(msg tea.KeyMsg) (exerciseModel, tea.Cmd) {
	s, now, k := m.run.sess, m.clock.Now(), exerciseKeys
	switch {
	case key.Matches(msg, k.leave):
		m.quitting = true
		if s.Step().Timed() && !s.Paused() {
			s.TogglePause(now)
			m.pausedBy = true
			m.timer.schedule(s.Deadline()) // stale any pending tick
		}
		return m, nil
	case key.Matches(msg, k.confirm):
		return m.step(func() routine.Outcome { return s.Confirm(now) })
	case key.Matches(msg, k.pause):
		return m.after(s.TogglePause(now))
	case key.Matches(msg, k.skip):
		m.flash = ""
		return m.step(func() routine.Outcome { return s.Skip(now) })
	}
	return m, nil
}

func (m exerciseModel) confirmUpdate(msg tea.KeyMsg) (exerciseModel, tea.Cmd) {
	switch {
	case key.Matches(msg, exerciseKeys.yes):
		m.quitting = false
		m.out = leaveSessionMsg{}
		return m, nil
	case key.Matches(msg, exerciseKeys.stay):
		m.quitting = false
		if m.pausedBy {
			m.pausedBy = false
			return m.after(m.run.sess.TogglePause(m.clock.Now()))
		}
	}
	return m, nil
}

// after turns what an event did into Cmds: the bell and flash, the store
// write of a skipped set, and the next wake-up of the timer.
func (m exerciseModel) after(out routine.Outcome) (exerciseModel, tea.Cmd) {
	var cmds []tea.Cmd
	if out.Bell {
		m.flash = "Hold done: relax"
		if out.StepBefore == routine.StepActive {
			m.flash = "Time is up: well done"
		}
	}
	if len(out.Skipped) > 0 {
		cmds = append(cmds, emit(setResultMsg{results: out.Skipped}))
	}
	cmds = append(cmds, m.timer.schedule(m.run.sess.Deadline()))
	m.shown = m.snap()
	return m, tea.Batch(cmds...)
}

// step applies one event to the session and returns what follows from
// it: the flash, the writes, the next wake-up and the cues.
func (m exerciseModel) step(event func() routine.Outcome) (exerciseModel, tea.Cmd) {
	before := m.shown
	out := event()
	m, cmd := m.after(out)
	m.heard = append(m.heard, m.cues(before, out.Bell)...)
	return m, cmd
}

// takeCues hands the root the cues of the last update, in order.
func (m *exerciseModel) takeCues() []cueMsg {
	c := m.heard
	m.heard = nil
	return c
}

// cueSnap is what the cues compare before and after an event.
type cueSnap struct {
	step routine.Step
	secs int // whole seconds shown
	rep  int
	set  int
}

func (m exerciseModel) snap() cueSnap {
	s := m.run.sess
	p, _ := s.Current()
	return cueSnap{step: s.Step(), secs: ceilSeconds(s.Remaining(m.clock.Now())), rep: s.Rep(), set: p.Index}
}

// cues reports the moments worth hearing between before and now: a
// countdown starting, halfway through a long hold, the last three seconds,
// a hold ending. They fall on the timer's wake-ups (each shown second), so
// cues cost no extra wake-ups.
func (m exerciseModel) cues(before cueSnap, holdEnded bool) []cueMsg {
	s := m.run.sess
	now := m.snap()
	p, _ := s.Current()
	side := p.Side.String()
	var out []cueMsg
	add := func(c Cue, n int) { out = append(out, cueMsg{cue: c, text: cueWords(c, side, n)}) }
	moved := now.step != before.step || now.rep != before.rep || now.set != before.set
	timedWork := func(st routine.Step) bool { return st == routine.StepHold || st == routine.StepActive }
	if holdEnded {
		add(CueHoldEnd, 0)
	}
	switch {
	case moved && now.step == routine.StepCard:
		out = append(out, cueMsg{cue: CueCard, text: cardWords(p, p.Exercise.DoseText(s.Dose()))})
	case moved && now.step == routine.StepReady:
		add(CueGetReady, 0)
	case moved && timedWork(now.step):
		add(CueHoldStart, 0)
	case !moved && timedWork(now.step) && now.secs < before.secs:
		if half := ceilSeconds(s.Length() / 2); s.Length() >= 20*time.Second && before.secs > half && now.secs <= half {
			add(CueHalfway, 0)
		}
		if now.secs <= 3 && now.secs > 0 {
			add(CueCount, now.secs)
		}
	}
	return out
}

func (m exerciseModel) View() string {
	s := m.run.sess
	p, ok := s.Current()
	if !ok {
		return ""
	}
	// The root pins the leave question under the page and never cuts it;
	// the page gets the room it leaves.
	room := m.height
	if q := m.asking(); q != "" {
		room -= lipgloss.Height(q) + 1
	}
	var body string
	switch st := s.Step(); {
	case st == routine.StepCard:
		body = m.cardView(p)
	case st == routine.StepCounting:
		body = m.countingView(p)
	default:
		body = m.countdownView(p, room)
	}
	return body
}

// asking is the leave question while it is asked.
func (m exerciseModel) asking() string {
	if !m.quitting {
		return ""
	}
	return wrap(m.width, confirmLeaveView(m.theme))
}

// title is "Straight-leg nerve glide · LEFT side".
func (m exerciseModel) title(p routine.SetPlan) string {
	t := m.theme.Title.Render(p.Exercise.Name)
	if p.Side != routine.NoSide {
		t += "  " + m.theme.Highlight.Reverse(true).Padding(0, 1).Render(strings.ToUpper(p.Side.String())+" SIDE")
	}
	return t
}

func (m exerciseModel) cardView(p routine.SetPlan) string {
	t, s := m.theme, m.run.sess
	e := p.Exercise
	dose := e.DoseText(s.Dose())
	// A score on another exercise that cut the day: this card says so
	// beside its own dose, and tells that decision without the other's dose.
	n := s.Notice()
	other := n != nil && n.ExerciseID != "" && n.ExerciseID != e.ID
	switch {
	case other && n.LighterBecause() != "":
		dose += " (" + n.LighterBecause() + ")"
	case s.Level() > 0:
		dose += fmt.Sprintf(" (cut back to level %d today)", s.Level())
	}
	lead := "Start with the left side."
	switch {
	case p.Side == routine.Right:
		lead = "Now the right side."
	case p.Side == routine.NoSide:
		lead = ""
	}
	parts := []string{m.title(p), wrap(m.width, t.Strong.Render(dose))}
	if e.Note != "" {
		parts = append(parts, wrap(m.width, t.Faint.Render(e.Note)))
	}
	if lead != "" {
		parts = append(parts, t.Faint.Render(lead))
	}
	parts = append(parts, "")
	if m.run.leftOut != "" && len(s.Results()) == 0 {
		parts = append(parts, noticeView(t, m.width, routine.RuleRed, m.run.leftOut), "")
	}
	if atMax := m.run.atMaxText(); atMax != "" && len(s.Results()) == 0 {
		parts = append(parts, wrap(m.width, t.Faint.Render(atMax)), "")
	}
	if n != nil && n.Reason != "" {
		text := n.Reason
		if other {
			text = n.Elsewhere()
		}
		parts = append(parts, noticeView(t, m.width, n.Of(), text), "")
	}
	parts = append(parts, t.Section.Render("Get into position"), indented(m.width, "", e.Position), "")
	if e.Differs != "" {
		// A precaution below seems to forbid it: say what sets it apart.
		parts = append(parts, t.Section.Render("Why this one is allowed"), indented(m.width, "", e.Differs), "")
	}
	parts = append(parts, t.Section.Render("Remember"), bullets(m.width, "•", e.Cues))
	body := strings.Join(parts, "\n")
	// All the precautions: what does not fit is scrolled to, and the
	// screen says so.
	return body + precautionsView(t, s.Routine().Precautions, m.width, 1<<20)
}

func (m exerciseModel) countingView(p routine.SetPlan) string {
	t, d := m.theme, m.run.sess.Dose()
	pace := ""
	if d.Pace > 0 {
		pace = " at about " + routine.FormatDuration(d.Pace) + " each"
	}
	parts := []string{m.title(p), "",
		t.Strong.Render(fmt.Sprintf("Do %d, counting to yourself%s.", d.Count, pace)),
		"Press Enter when you have finished.", ""}
	parts = append(parts, bullets(m.width, "•", p.Exercise.Cues), "", t.Faint.Render(m.run.sess.Next()))
	return strings.Join(parts, "\n")
}

func (m exerciseModel) countdownView(p routine.SetPlan, room int) string {
	t, s := m.theme, m.run.sess
	now := m.clock.Now()
	d := s.Dose()
	var label string
	switch s.Step() {
	case routine.StepReady:
		label = "GET READY"
	case routine.StepHold:
		label = fmt.Sprintf("HOLD  %d of %d", s.Rep(), d.Reps)
	case routine.StepRest:
		label = fmt.Sprintf("REST  after hold %d of %d", s.Rep(), d.Reps)
	case routine.StepActive:
		label = "KEEP GOING"
	}
	if s.Paused() {
		label += "  " + lipgloss.NewStyle().Foreground(t.Caution).Bold(true).Render("PAUSED · space to resume")
	}
	secs := ceilSeconds(s.Remaining(now))
	frac := 0.0
	if total := s.Length(); total > 0 {
		// Whole seconds, so the bar changes only when the number does.
		frac = 1 - float64(secs)/total.Seconds()
	}
	width := max(m.width, 20)
	center := func(s string) string { return lipgloss.PlaceHorizontal(width, lipgloss.Center, s) }
	barWidth := max(min(width*3/4, width-2), 10)
	top := []string{m.title(p), "", t.Strong.Render(label), ""}
	bottom := []string{"", center(t.Bar(barWidth, frac)), center(t.Faint.Render(s.Next()))}
	switch {
	case m.flash != "":
		bottom = append(bottom, "", t.Flash.Render("✓ "+m.flash))
	case s.Step() == routine.StepHold || s.Step() == routine.StepActive:
		if cues := bullets(width, "•", p.Exercise.Cues); len(p.Exercise.Cues) > 0 {
			bottom = append(bottom, "", cues)
		}
	}
	fixed := func() int {
		return lipgloss.Height(strings.Join(top, "\n")) + lipgloss.Height(strings.Join(bottom, "\n"))
	}
	// The digits take what room the rest leaves; the cues give way to them
	// when even the smallest digits would not fit.
	if m.bigRoom(width, room-fixed()) == 0 && len(bottom) > 3 && m.flash == "" {
		bottom = bottom[:3]
	}
	digits := m.bigCountdown(p, secs, width, room-fixed())
	if digits == "" {
		digits = t.Highlight.Render(clockText(secs) + " s")
	}
	parts := append(append(top, center(digits)), bottom...)
	return lipgloss.NewStyle().MaxWidth(m.width).Render(strings.Join(parts, "\n"))
}

// sideRep is the side and the hold's number in words, under the
// countdown: "Left side · Hold 2 of 10". Only the countdown is drawn in
// block digits; a "2/10" in them would read as a pain score.
func (m exerciseModel) sideRep(p routine.SetPlan) string {
	s := m.run.sess
	var parts []string
	if p.Side != routine.NoSide {
		parts = append(parts, capitalise(p.Side.String())+" side")
	}
	switch d := s.Dose(); s.Step() {
	case routine.StepReady, routine.StepHold, routine.StepRest:
		if d.Reps > 1 {
			parts = append(parts, fmt.Sprintf("Hold %d of %d", s.Rep(), d.Reps))
		}
	}
	return strings.Join(parts, " · ")
}

// capitalise is s with its first letter a capital.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bigRoomFor is the scale of the countdown's digits for a body width
// wide and rows lines left for them and, when there is one, the side and
// hold's line under them, a blank line apart (left out, as the title and
// the step's line say it too, when the digits would not fit with it);
// 0: they do not fit at all. The width is taken from the countdown's
// longest number, so the digits keep one size through a hold.
func (m exerciseModel) bigRoomFor(p routine.SetPlan, width, rows int) (k int, label bool) {
	widest := clockText(ceilSeconds(m.run.sess.Length()))
	if m.sideRep(p) != "" {
		if k := bigScale(widest, width, rows-2); k > 0 {
			return k, true
		}
	}
	return bigScale(widest, width, rows), false
}

// bigRoom is the digits' scale (0: they do not fit).
func (m exerciseModel) bigRoom(width, rows int) int {
	p, _ := m.run.sess.Current()
	k, _ := m.bigRoomFor(p, width, rows)
	return k
}

// bigCountdown draws the seconds left in block digits as large as rows
// lines and width columns allow, with the side and the hold's number in
// words under them; "" when not even the smallest digits fit.
func (m exerciseModel) bigCountdown(p routine.SetPlan, secs, width, rows int) string {
	t := m.theme
	k, withLabel := m.bigRoomFor(p, width, rows)
	if k == 0 {
		return ""
	}
	widest := clockText(ceilSeconds(m.run.sess.Length()))
	out := lipgloss.NewStyle().Foreground(t.Accent).Render(bigTextScaled(clockText(secs), bigWide(widest, width, k), k))
	if label := m.sideRep(p); withLabel {
		under := lipgloss.PlaceHorizontal(width, lipgloss.Center, t.Highlight.Render(label))
		out = lipgloss.PlaceHorizontal(width, lipgloss.Center, out) + "\n\n" + under
	}
	return out
}

func (m exerciseModel) resized(w, h int) exerciseModel { m.width, m.height = w, h; return m }

// narration is what plain mode says when the page is entered: the step.
func (m exerciseModel) narration() []string { return m.stepNarration() }

// stepNarration describes the step of the set now on screen.
func (m exerciseModel) stepNarration() []string {
	s := m.run.sess
	p, ok := s.Current()
	if !ok {
		return nil
	}
	d := s.Dose()
	switch s.Step() {
	case routine.StepCard:
		var lines []string
		if m.run.leftOut != "" && len(s.Results()) == 0 {
			lines = []string{m.run.leftOut}
		}
		if atMax := m.run.atMaxText(); atMax != "" && len(s.Results()) == 0 {
			lines = append(lines, atMax)
		}
		lines = append(lines,
			fmt.Sprintf("%s: %s.", p.Label(), p.Exercise.DoseText(d)),
			"Position: "+p.Exercise.Position,
			"Remember: "+strings.Join(p.Exercise.Cues, " "),
		)
		if p.Exercise.Note != "" {
			lines = append(lines, p.Exercise.Note)
		}
		if p.Exercise.Differs != "" {
			lines = append(lines, "Why this one is allowed: "+p.Exercise.Differs)
		}
		return append(lines, "Press Enter when you are in position, or s to skip this exercise.")
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

// question: a card and a count ask for Enter; each is a question of its
// own. A countdown asks nothing.
func (m exerciseModel) question() string {
	if m.run == nil {
		return ""
	}
	if st := m.run.sess.Step(); st == routine.StepCard || st == routine.StepCounting {
		return runQuestion(screenExercise, m.run)
	}
	return ""
}
