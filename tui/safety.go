package tui

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The safety screens in the order CLINICAL.md sets: the check-in is stored
// the moment it is entered; then the warning signs are asked, for a new
// session and for an unfinished one with no set done yet; y closes the
// day, stored before the next screen asks which sign it was; the advice
// for that sign is drawn once the sign is stored.

// pendingStart is a stored check-in waiting for the warning signs'
// answer: a new session's, or an unfinished session's being resumed.
type pendingStart struct {
	started *sessionStartedMsg
	resumed *resumeLoadedMsg
}

// session is the stored session the answer is for.
func (p pendingStart) session() store.Session {
	if p.resumed != nil {
		return p.resumed.rec
	}
	return p.started.rec
}

// safetyOutcome answers the check-in, the warning signs and the sign.
func (a App) safetyOutcome(msg tea.Msg) (App, tea.Cmd, bool) {
	st, now := a.cfg.Store, a.cfg.Clock.Now()
	switch msg := msg.(type) {
	case baselineMsg:
		r := a.nextRoutine() // the day's routine, or a stretch break of it
		rec := store.Session{StartedAt: now, RoutineID: r.ID, Routine: r.Name, Baseline: msg.score, Short: a.short}
		return a, storeCheckin(st, r.Rules, a.plan.Routine, rec), true
	case sessionStartedMsg:
		a.pending = &pendingStart{started: &msg}
		return a.askWarnings(), nil, true
	case resumeLoadedMsg:
		if !asksWarnings(msg) {
			return a, nil, false
		}
		a.pending = &pendingStart{resumed: &msg}
		return a.askWarnings(), nil, true
	case safetyFailedMsg:
		// Nothing was stored: the question on screen may be answered again.
		a.footerErr = "NOT saved: " + msg.err.Error()
		s := a.pages()
		s.checkin.sent, s.warning.answered, s.sign.chosen = false, false, false
		return a, nil, true
	case warningAnswerMsg:
		return a.warningAnswered(msg, now)
	case warningReportedMsg:
		return a.warningReported(msg)
	case signChosenMsg:
		if a.pending == nil {
			return a, nil, true
		}
		return a, reportWarning(st, a.pending.session().ID, now, msg.tier, msg.sign), true
	}
	return a, nil, false
}

// asksWarnings reports whether an unfinished session is resumed through
// the warning signs: when no set of it is done yet, since the program may
// have ended before they were answered. A closed day or an earlier day's
// session goes to resumeRun, which refuses it.
func asksWarnings(msg resumeLoadedMsg) bool {
	return len(msg.sets) == 0 && msg.day.Closed == nil && msg.rec.StartedAt.Format(time.DateOnly) == msg.day.Date
}

func (a App) askWarnings() App {
	a.pages().warning = newWarningModel(a.cfg.Theme, a.cfg.Warnings)
	return a.show(screenWarning)
}

// warningAnswered goes on after n, or stores the warning sign after y:
// nothing else is drawn until it is stored.
func (a App) warningAnswered(msg warningAnswerMsg, now time.Time) (App, tea.Cmd, bool) {
	p := a.pending
	if p == nil {
		return a, nil, true
	}
	if msg.present {
		return a, reportWarning(a.cfg.Store, p.session().ID, now, routine.TierNotGiven, ""), true
	}
	a.pending = nil
	if p.resumed != nil {
		return a.resumeRun(*p.resumed)
	}
	return a.sessionStarted(*p.started)
}

// warningReported shows, once the day is closed, the question of which
// sign; once the sign is stored, its advice.
func (a App) warningReported(msg warningReportedMsg) (App, tea.Cmd, bool) {
	if msg.decision.Tier == routine.TierNotGiven && a.screen == screenWarning {
		a.pages().sign = newSignModel(a.cfg.Theme, a.cfg.Warnings)
		return a.show(screenSign), nil, true
	}
	a.pending = nil
	a.pages().stop = a.stopScreen(msg.decision.Domain())
	return a.show(screenStop), nil, true
}

// leftOutToday says which exercises the pain rules stopped earlier today
// and why, for the first card of a later session; "" when none.
func leftOutToday(stopped []routine.Decision) string {
	if len(stopped) == 0 {
		return ""
	}
	var parts []string
	for _, d := range stopped {
		parts = append(parts, fmt.Sprintf("%s (pain went too high after it at %s)", d.Exercise, d.At.Format("15:04")))
	}
	return "Left out for the rest of today by the pain rules: " + strings.Join(parts, "; ") + "."
}
