package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Every Cmd that touches the data file or the terminal outside the
// renderer lives here; Update, View and Init never do I/O themselves.

type homeLoadedMsg struct {
	data      store.Home
	reminders Reminders
}

// loadHome reads what the home screen shows and the dose rules need, and
// whether reminders are on (reminders may be nil: not shown).
func loadHome(st *store.Store, rules routine.PainRules, now time.Time, reminders func() Reminders) tea.Cmd {
	return func() tea.Msg {
		h, err := st.Home(rules, now)
		if err != nil {
			return errMsg{err: err, fatal: true}
		}
		msg := homeLoadedMsg{data: h, reminders: Reminders{Window: routine.DefaultDueWindow}}
		if reminders != nil {
			msg.reminders = reminders()
		}
		return msg
	}
}

type sessionStartedMsg struct {
	rec       store.Session
	decisions []store.Decision
	day       routine.Day // what today allows, with the level this session starts at
}

// dayClosedMsg says that the rules had closed today before this check-in.
type dayClosedMsg struct{ closed routine.Decision }

// storeCheckin applies the rules to a check-in and stores the new session
// with what they decided, in its own synced transaction, before the
// warning signs are asked (store.CheckIn): a quit or a crash from here on
// leaves the check-in stored, and a check-in at or above the stop has
// closed the day. plan is the day's routine, whose timed activities build
// up (routine.BuildUps).
func storeCheckin(st *store.Store, rules routine.PainRules, plan routine.Routine, rec store.Session) tea.Cmd {
	return func() tea.Msg {
		c, err := st.CheckIn(rules, plan, rec)
		switch {
		case err != nil:
			return safetyFailedMsg{err: err}
		case c.Closed != nil:
			return dayClosedMsg{closed: *c.Closed}
		}
		return sessionStartedMsg{rec: c.Session, decisions: c.Decisions, day: c.Day}
	}
}

// safetyFailedMsg says that a check-in or a warning sign could not be
// stored: the screen that asked takes its answer again.
type safetyFailedMsg struct{ err error }

// warningReportedMsg says that a warning sign is stored: the day is
// closed, and the decision names the sign when the patient gave it.
type warningReportedMsg struct {
	rec      store.Session
	decision store.Decision
}

// reportWarning stores a warning sign for the session's day, closing it
// (store.ReportWarning); again with the sign once the patient chose it.
func reportWarning(st *store.Store, id string, at time.Time, tier, sign string) tea.Cmd {
	return func() tea.Msg {
		rec, d, err := st.ReportWarning(id, at, tier, sign)
		if err != nil {
			return safetyFailedMsg{err: err}
		}
		return warningReportedMsg{rec: rec, decision: d}
	}
}

type resumeLoadedMsg struct {
	rec       store.Session
	sets      []store.SetRecord
	decisions []store.Decision
	day       routine.Day // what today allows now
	// history is what day was decided from: the sessions that count
	// toward the daily maximum are among them.
	history routine.History
}

// loadResume reads an unfinished session and what today allows.
func loadResume(st *store.Store, rules routine.PainRules, id string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		day, history, err := st.Today(rules, now)
		if err != nil {
			return errMsg{err: err}
		}
		rec, err := st.Session(id)
		if err != nil {
			return errMsg{err: err}
		}
		sets, err := st.SetsOf(id)
		if err != nil {
			return errMsg{err: err}
		}
		decisions, err := st.DecisionsOf(id)
		if err != nil {
			return errMsg{err: err}
		}
		return resumeLoadedMsg{rec: rec, sets: sets, decisions: decisions, day: day, history: history}
	}
}

// scoreSavedMsg and scoreSaveFailedMsg report the outcome of one score's
// write.
type scoreSavedMsg struct{ score store.Score }
type scoreSaveFailedMsg struct {
	score store.Score
	err   error
}

// setRecord is a finished set as the store keeps it.
func setRecord(rec store.Session, r routine.SetResult) store.SetRecord {
	return store.SetRecord{
		SessionID: rec.ID, Index: r.Index, ExerciseID: r.ExerciseID, Exercise: r.Exercise, Side: r.Side,
		SetNo: r.SetNo, RepsPlanned: r.RepsPlanned, RepsDone: r.RepsDone, Hold: r.Hold,
		Pain: r.Pain, Skipped: r.Skipped, DoseLevel: r.Level, At: r.At,
	}
}

// saveScore writes a score and all it caused in one synced transaction.
func saveScore(st *store.Store, sc store.Score) tea.Cmd {
	return func() tea.Msg {
		if err := st.RecordScore(sc); err != nil {
			return scoreSaveFailedMsg{score: sc, err: err}
		}
		return scoreSavedMsg{score: sc}
	}
}

type sessionEndedMsg struct {
	rec       store.Session
	sets      []store.SetRecord
	decisions []store.Decision
}

// endSession marks the session finished and reads back what is stored, so
// the summary shows the file's truth rather than memory's.
func endSession(st *store.Store, rec store.Session, status store.Status, note string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		rec.Status, rec.EndedAt, rec.Note = status, now, note
		if err := st.PutSession(rec); err != nil {
			return errMsg{err: err}
		}
		sets, err := st.SetsOf(rec.ID)
		if err != nil {
			return errMsg{err: err}
		}
		decisions, err := st.DecisionsOf(rec.ID)
		if err != nil {
			return errMsg{err: err}
		}
		return sessionEndedMsg{rec: rec, sets: sets, decisions: decisions}
	}
}

type profileSavedMsg struct{}

// saveProfile stores the answers of setup or a new clearance.
func saveProfile(st *store.Store, p store.Profile) tea.Cmd {
	return func() tea.Msg {
		if err := st.PutProfile(p); err != nil {
			return errMsg{err: err}
		}
		return profileSavedMsg{}
	}
}

type discardedMsg struct{}

// discardSession keeps the session in the file, marked abandoned.
func discardSession(st *store.Store, id string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		rec, err := st.Session(id)
		if err != nil {
			return errMsg{err: err}
		}
		rec.Status, rec.EndedAt = store.StatusAbandoned, now
		if err := st.PutSession(rec); err != nil {
			return errMsg{err: err}
		}
		return discardedMsg{}
	}
}

// retrySaveMsg: time to try the first pending write again.
type retrySaveMsg struct{}

// trendsData is what the trends screen shows: its window and the trends
// computed from the store.
type trendsData struct {
	days     int              // the window, one of routine.TrendWindows; 0: not read yet
	trends   routine.Trends   // verdict, daily series, exercises, adherence, cut-backs
	function routine.Function // the weekly reviews: back and leg pain, the PSFS
}

type trendsLoadedMsg struct{ data trendsData }

// loadTrends reads the window's records (range scans over it and the
// verdict and adherence periods, never the whole history) and computes
// the trends, all in the Cmd.
func loadTrends(st *store.Store, rules routine.PainRules, now time.Time, days int) tea.Cmd {
	return func() tea.Msg {
		in, err := st.TrendInput(now, days)
		if err != nil {
			return errMsg{err: err}
		}
		reviews, err := st.Reviews()
		if err != nil {
			return errMsg{err: err}
		}
		return trendsLoadedMsg{data: trendsData{days: days, trends: routine.BuildTrends(rules, in, now, days),
			function: routine.BuildFunction(store.ReviewDomains(reviews))}}
	}
}
