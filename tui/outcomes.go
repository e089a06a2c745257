package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// What comes next: the root's answer to each outcome a page or a Cmd
// reports. The pages never decide it themselves.

// show switches to screen sc, replaying the size to its page.
func (a App) show(sc screen) App {
	a.screen = sc
	a.resize()
	return a
}

// goHome shows the home page with a notice, reading the records again.
func (a App) goHome(notice string) App {
	home := &a.pages().home
	home.notice, home.data = notice, nil
	return a.show(screenHome)
}

// outcome handles what pages and Cmds report, deciding what comes next.
func (a App) outcome(msg tea.Msg) (App, tea.Cmd, bool) {
	if msg, ok := msg.(homeLoadedMsg); ok {
		// Only homeOutcome answers it; straight there, the start's first
		// frame skips the other answers' stack frames (several KB each).
		return a.homeLoaded(msg)
	}
	for _, f := range []func(App, tea.Msg) (App, tea.Cmd, bool){App.safetyOutcome, App.homeOutcome, App.setOutcome, App.reviewOutcome, App.nextOutcome} {
		if next, cmd, ok := f(a, msg); ok {
			return next, cmd, true
		}
	}
	return a, nil, false
}

// homeOutcome answers the home page and what it opens (setup,
// clearance, trends, the way back), and a session starting, resuming or
// left: the check-in, the warning signs, the resume offer.
func (a App) homeOutcome(msg tea.Msg) (App, tea.Cmd, bool) {
	st, now := a.cfg.Store, a.cfg.Clock.Now()
	switch msg := msg.(type) {
	case startMsg:
		a.short = a.cfg.Short || msg.short
		a, cmd := a.startOrResume()
		return a, cmd, true
	case setupDoneMsg:
		return a.setupDone(msg)
	case clearMsg:
		a.pages().clearance = clearanceModel{theme: a.cfg.Theme, phase: msg.phase}
		return a.show(screenClearance), nil, true
	case clearedMsg:
		p := a.profile
		p.ClearedPhase, p.ClearedAt = msg.phase.Phase, now
		return a.goHome(fmt.Sprintf("Clearance for phase %d recorded.", msg.phase.Phase)), saveProfile(st, p), true
	case profileSavedMsg:
		return a, a.reloadHome(), true
	case openTrendsMsg:
		return a, loadTrends(st, a.plan.Routine.Rules, now, defaultTrendDays), true
	case trendsWindowMsg:
		return a, loadTrends(st, a.plan.Routine.Rules, now, msg.days), true
	case trendsLoadedMsg:
		if a.screen != screenHome && a.screen != screenTrends {
			return a, nil, true // the patient has moved on
		}
		a.pages().trends = newTrendsModel(a.cfg.Theme, msg.data, now)
		return a.show(screenTrends), nil, true
	case backMsg:
		a.pending = nil // a check-in left at the warning signs stays stored, for resuming
		if a.run != nil && !a.run.ending && a.writes.of(a.run.rec.ID) == 0 {
			a.run = nil // the session is over and stored: its save line goes too
		}
		if next, ok := a.reviewAfterSummary(); ok {
			return next, nil, true
		}
		return a.goHome(""), a.reloadHome(), true
	case dayClosedMsg:
		a.pages().stop = a.stopScreen(msg.closed)
		return a.show(screenStop), nil, true
	case resumeMsg:
		return a, loadResume(st, a.plan.Routine.Rules, msg.id, now), true
	case resumeLoadedMsg:
		return a.resumeRun(msg)
	case discardMsg:
		return a, discardSession(st, msg.id, now), true
	case discardedMsg:
		notice := "The unfinished session was discarded; it stays in your records."
		if a.resume.earlier {
			notice = "The earlier day's session is closed; its sets stay in your records."
		}
		return a.goHome(notice), a.reloadHome(), true
	case leaveSessionMsg:
		a.run = nil
		return a.goHome("Session kept: press Enter to resume it when you are ready."), a.reloadHome(), true
	}
	return a, nil, false
}

// setOutcome answers the sets of a running session: results, pain
// scores, their writes and the end.
func (a App) setOutcome(msg tea.Msg) (App, tea.Cmd, bool) {
	st, now := a.cfg.Store, a.cfg.Clock.Now()
	switch msg := msg.(type) {
	case setResultMsg:
		var cmds []tea.Cmd
		for _, r := range msg.results {
			cmds = append(cmds, a.save(store.Score{Sets: []store.SetRecord{setRecord(a.run.rec, r)}}))
		}
		a, cmd := a.afterStep()
		return a, tea.Batch(append(cmds, cmd)...), true
	case painEnteredMsg:
		if a.run.saving {
			// The score before it is still being written: this one is not
			// taken, and the page says so until that one is saved.
			a.run.notTaken = append(a.run.notTaken, msg.score)
			a.footerErr = a.run.notTakenText() // plain mode says it too
			return a, nil, true
		}
		shown := a.run.sess.Notice()
		sc, refused := a.run.sess.Score(msg.score, now)
		if refused != "" {
			a.footerErr = refused
			return a, nil, true
		}
		// "Set done. How is your pain?" is past once the score is typed.
		hush(a.cfg.Cues)
		// The next step shows once the score and its decision are stored.
		a.run.saving, a.run.shown, a.run.held, a.run.notTaken = true, shown, sc.Set, nil
		return a, a.save(a.storedScore(sc, now)), true
	case scoreSavedMsg:
		return a.scoreSaved(msg)
	case scoreSaveFailedMsg:
		// What matters first: the footer is one line, and the cause is long.
		a.footerErr = notSavedText + msg.err.Error()
		if a.run != nil && a.run.rec.ID == msg.score.SessionID() {
			a.run.failed = true
			return a, tea.Batch(a.writes.failed(), a.maybeEnd()), true
		}
		return a, a.writes.failed(), true
	case retrySaveMsg:
		return a, a.writes.retry(st), true
	case sessionEndedMsg:
		a.pages().summary = newSummaryModel(a.cfg.Theme, msg.rec, msg.sets, msg.decisions, a.writes.of(msg.rec.ID), a.leftOut(msg.sets))
		return a.show(screenSummary), a.offerReview(msg.rec), true
	}
	return a, nil, false
}

// homeLoaded takes the records read for the home page: the plan they
// give today, then the page the program opens on.
func (a App) homeLoaded(msg homeLoadedMsg) (App, tea.Cmd, bool) {
	st, now := a.cfg.Store, a.cfg.Clock.Now()
	a.ready = true
	a.profile = msg.data.Profile
	plan, err := routine.PlanFor(a.cfg.Program, a.profile.Recovery(now), now)
	home := &a.pages().home
	if err != nil {
		a.footerErr = err.Error()
	} else {
		a.plan = &plan
		home.plan = &plan
		// Pain scores take their colour from the zones of these rules.
		a.cfg.Theme = a.cfg.Theme.WithRules(plan.Routine.Rules)
		home.theme = a.cfg.Theme
	}
	home.data, home.reminders = &msg.data, msg.reminders
	if a.cfg.Review {
		a.cfg.Review = false
		r, _ := routine.ParseRegion(a.profile.Region)
		return a, loadReviewOffer(st, now.Format(time.DateOnly), routine.LimbFor(r), true), true
	}
	if days := a.cfg.Trends; days > 0 {
		a.cfg.Trends = 0
		return a, loadTrends(st, a.plan.Routine.Rules, now, days), true
	}
	// Setup comes first from every entry point, start included.
	if a.profile.SurgeryDate == "" && !a.profile.SetupSkipped && !a.asked {
		a.asked = true
		a.pages().setup = newSetupModel(a.cfg.Program, a.cfg.Clock.Now, a.cfg.DateOrder)
		a = a.show(screenSetup)
		return a, a.setup.Init(), true
	}
	if a.cfg.Start {
		a.cfg.Start = false
		a, cmd := a.startOrResume()
		if a.cfg.Notice != "" {
			// The home screen, which shows it, is skipped: the footer says it.
			a.footerErr = a.cfg.Notice
		}
		return a, cmd, true
	}
	return a, nil, true
}

// sessionStarted begins the run of a session whose check-in is stored
// and whose warning signs are answered none, or shows the stop its
// check-in decided.
func (a App) sessionStarted(msg sessionStartedMsg) (App, tea.Cmd, bool) {
	if msg.rec.Status == store.StatusStopped {
		a.pages().stop = a.stopScreen(msg.decisions[len(msg.decisions)-1].Domain())
		return a.show(screenStop), nil, true
	}
	var stored []routine.Decision
	for _, d := range msg.decisions {
		stored = append(stored, d.Domain())
	}
	opts := routine.RunOptions{Short: msg.rec.Short}
	if a.next != nil {
		opts.Leave = a.next.Leave
	}
	run, err := routine.NewRun(a.nextRoutine(stored...), msg.day, msg.rec.Baseline, opts)
	if err != nil {
		return a, emit(errMsg{err: err}), true
	}
	if len(msg.decisions) > 0 && msg.decisions[0].Rule != routine.RuleNone {
		run.SetNotice(msg.decisions[0].Domain())
	}
	a, cmd, _ := a.startRun(msg.rec, run)
	a.run.seq = len(msg.decisions)
	a.run.leftOut = leftOutToday(msg.day.Stopped)
	a.run.atMax, a.run.times = a.next.Leave, a.next.Times
	return a, cmd, true
}

// setupDone stores the answers of the setup form, or that it was skipped,
// and goes home saying which.
func (a App) setupDone(msg setupDoneMsg) (App, tea.Cmd, bool) {
	p := a.profile
	if msg.skipped {
		p.SetupSkipped = true
	} else {
		p.SurgeryDate, p.Region, p.ClearedPhase = msg.answers.SurgeryDate, msg.answers.Region, msg.answers.ClearedPhase
		p.ClearedAt = a.cfg.Clock.Now()
	}
	notice := "Setup skipped: phase 1 runs. Run spinecoach setup when you know your surgery date."
	if !msg.skipped {
		notice = "Saved. Today's routine follows your surgery date." // home says the neck advice itself
	}
	return a.goHome(notice), saveProfile(a.cfg.Store, p), true
}
