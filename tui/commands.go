package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// Every Cmd that touches the data file or the terminal outside the
// renderer lives here; Update, View and Init never do I/O themselves.

// errMsg is a failure from a Cmd. A fatal one ends the program and main
// prints it; any other shows in the footer until the next key.
type errMsg struct {
	err   error
	fatal bool
}

type homeLoadedMsg struct{ data store.Home }

// loadHome reads what the home screen shows and the dose rules need.
func loadHome(st *store.Store, rules routine.PainRules, now time.Time) tea.Cmd {
	return func() tea.Msg {
		h, err := st.Home(rules, now)
		if err != nil {
			return errMsg{err: err, fatal: true}
		}
		return homeLoadedMsg{data: h}
	}
}

type sessionStartedMsg struct {
	rec       store.Session
	decisions []store.Decision
}

// startSession stores a new session with its baseline and the decisions
// made before it, before the first exercise, so a crash from here on
// leaves something to resume. A session stopped before it began (a warning
// sign) is stored the same way, already finished.
func startSession(st *store.Store, rec store.Session, decisions []routine.Decision) tea.Cmd {
	return func() tea.Msg {
		rec.ID = store.NewSessionID(rec.StartedAt)
		var stored []store.Decision
		for i, d := range decisions {
			stored = append(stored, storeDecision(rec, i, d, ""))
		}
		if err := st.PutSessionWithDecisions(rec, stored); err != nil {
			return errMsg{err: err}
		}
		return sessionStartedMsg{rec: rec, decisions: stored}
	}
}

func storeDecision(rec store.Session, seq int, d routine.Decision, exercise string) store.Decision {
	return store.Decision{
		SessionID: rec.ID, Seq: seq, At: d.At, Rule: d.Rule, ExerciseID: d.ExerciseID, Exercise: exercise,
		Side: d.Side, LevelBefore: d.LevelBefore, LevelAfter: d.LevelAfter, Reason: d.Reason,
	}
}

type decisionSavedMsg struct{}

// recordDecision stores a dose decision made during the session.
func recordDecision(st *store.Store, rec store.Session, seq int, d routine.Decision, exercise string) tea.Cmd {
	return func() tea.Msg {
		if err := st.RecordDecision(storeDecision(rec, seq, d, exercise)); err != nil {
			return errMsg{err: err}
		}
		return decisionSavedMsg{}
	}
}

type resumeLoadedMsg struct {
	rec       store.Session
	sets      []store.SetRecord
	decisions []store.Decision
}

func loadResume(st *store.Store, id string) tea.Cmd {
	return func() tea.Msg {
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
		return resumeLoadedMsg{rec: rec, sets: sets, decisions: decisions}
	}
}

// setSavedMsg and setSaveFailedMsg report the outcome of one set's write.
type setSavedMsg struct {
	rec store.Session
	res routine.SetResult
}
type setSaveFailedMsg struct {
	rec store.Session
	res routine.SetResult
	err error
}

// setRecord is a finished set as the store keeps it.
func setRecord(rec store.Session, r routine.SetResult) store.SetRecord {
	return store.SetRecord{
		SessionID: rec.ID, Index: r.Index, ExerciseID: r.ExerciseID, Exercise: r.Exercise, Side: r.Side,
		SetNo: r.SetNo, RepsPlanned: r.RepsPlanned, RepsDone: r.RepsDone, Hold: r.Hold,
		Pain: r.Pain, Skipped: r.Skipped, DoseLevel: r.Level, At: r.At,
	}
}

// saveSet writes one set in its own synced transaction.
func saveSet(st *store.Store, rec store.Session, r routine.SetResult) tea.Cmd {
	return func() tea.Msg {
		err := st.RecordSet(setRecord(rec, r))
		if err != nil {
			return setSaveFailedMsg{rec: rec, res: r, err: err}
		}
		return setSavedMsg{rec: rec, res: r}
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

// retrySave tries a failed write again after two seconds of real time
// (not program time: a fast or fake clock must not make it spin).
func retrySave(rec store.Session, res routine.SetResult) tea.Cmd {
	return tea.Tick(2*time.Second, func(time.Time) tea.Msg { return retrySaveMsg{rec: rec, res: res} })
}

type retrySaveMsg struct {
	rec store.Session
	res routine.SetResult
}

// trendsData is what the trends screen shows: its window and the trends
// computed from the store.
type trendsData struct {
	days   int            // the window, one of routine.TrendWindows; 0: not read yet
	trends routine.Trends // verdict, daily series, exercises, adherence, cut-backs
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
		return trendsLoadedMsg{data: trendsData{days: days, trends: routine.BuildTrends(rules, in, now, days)}}
	}
}
