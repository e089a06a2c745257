package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// What the session about to start is: routine.Upcoming decides (the
// day's routine, a stretch break, or nothing more today), and a session
// before its spacing asks first (earlyModel).

// startNext asks the rules of frequency what comes next and goes on to
// the check-in, to the question before an early session, or home.
func (a App) startNext() (App, tea.Cmd) {
	now := a.cfg.Clock.Now()
	next := routine.NextSession{Kind: routine.NextRoutine, Routine: a.plan.Routine}
	if d := a.home.data; d != nil {
		next = routine.Upcoming(a.plan.Routine, d.Day, d.History.Sessions, now, a.cfg.Stretch)
		a.cfg.Stretch = false // asked for once, by start --stretch
	}
	a.next = &next
	switch {
	case next.Kind == routine.NextNone:
		return a.goHome("Not now: " + next.Reason), a.reloadHome()
	case next.Early:
		level := 0
		if d := a.home.data; d != nil {
			level = d.Day.Level
		}
		a.pages().early = newEarlyModel(a.cfg.Theme, next.Confirm(now), next.BreakText(level))
		return a.show(screenEarly), nil
	}
	return a.checkinNext(), nil
}

// checkinNext opens the check-in of the session decided on.
func (a App) checkinNext() App {
	a.pages().checkin = newCheckinModel(a.cfg.Theme, a.nextRoutine().Name)
	return a.show(screenCheckin)
}

// nextRoutine is the routine of the session being started; extra are
// the decisions its check-in stored (today's build-ups among them).
func (a App) nextRoutine(extra ...routine.Decision) routine.Routine {
	if a.next != nil && a.next.Routine.ID != "" {
		return a.sessionRoutine(a.next.Routine, extra...)
	}
	return a.sessionRoutine(a.plan.Routine, extra...)
}

// nextOutcome answers the question before an early session.
func (a App) nextOutcome(msg tea.Msg) (App, tea.Cmd, bool) {
	if _, ok := msg.(earlyYesMsg); ok {
		return a.checkinNext(), nil, true
	}
	return a, nil, false
}
