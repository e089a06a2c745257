package tui

import (
	"io"
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

type homeLoadedMsg struct{ data homeData }

// loadHome reads what the home screen shows: today's sessions and any
// unfinished session.
func loadHome(st *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		y, mo, d := now.Date()
		day := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
		today, err := st.SessionsBetween(day, day.AddDate(0, 0, 1))
		if err != nil {
			return errMsg{err: err, fatal: true}
		}
		data := homeData{today: today}
		open, ok, err := st.OpenSession()
		if err != nil {
			return errMsg{err: err, fatal: true}
		}
		if ok {
			sets, err := st.SetsOf(open.ID)
			if err != nil {
				return errMsg{err: err, fatal: true}
			}
			data.open, data.openDone = &open, len(sets)
		}
		return homeLoadedMsg{data: data}
	}
}

type sessionStartedMsg struct{ rec store.Session }

// startSession stores a new session with its baseline before the first
// exercise, so a crash from here on leaves something to resume.
func startSession(st *store.Store, r routine.Routine, baseline, level int, short bool, now time.Time) tea.Cmd {
	return func() tea.Msg {
		rec := store.Session{
			ID: store.NewSessionID(now), StartedAt: now, RoutineID: r.ID, Routine: r.Name,
			Baseline: baseline, DoseLevel: level, Short: short, Status: store.StatusInProgress,
		}
		if err := st.PutSession(rec); err != nil {
			return errMsg{err: err}
		}
		return sessionStartedMsg{rec: rec}
	}
}

type resumeLoadedMsg struct {
	rec  store.Session
	sets []store.SetRecord
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
		return resumeLoadedMsg{rec: rec, sets: sets}
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

// saveSet writes one set in its own synced transaction.
func saveSet(st *store.Store, rec store.Session, r routine.SetResult) tea.Cmd {
	return func() tea.Msg {
		err := st.RecordSet(store.SetRecord{
			SessionID: rec.ID, Index: r.Index, ExerciseID: r.ExerciseID, Exercise: r.Exercise, Side: r.Side,
			SetNo: r.SetNo, RepsPlanned: r.RepsPlanned, RepsDone: r.RepsDone, Hold: r.Hold,
			Pain: r.Pain, Skipped: r.Skipped, DoseLevel: r.Level, At: r.At,
		})
		if err != nil {
			return setSaveFailedMsg{rec: rec, res: r, err: err}
		}
		return setSavedMsg{rec: rec, res: r}
	}
}

type sessionEndedMsg struct {
	rec  store.Session
	sets []store.SetRecord
}

// endSession marks the session finished and reads back what is stored, so
// the summary shows the file's truth rather than memory's.
func endSession(st *store.Store, rec store.Session, status store.Status, now time.Time) tea.Cmd {
	return func() tea.Msg {
		rec.Status, rec.EndedAt = status, now
		if err := st.PutSession(rec); err != nil {
			return errMsg{err: err}
		}
		sets, err := st.SetsOf(rec.ID)
		if err != nil {
			return errMsg{err: err}
		}
		return sessionEndedMsg{rec: rec, sets: sets}
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

// ringBell writes the terminal bell. The renderer owns stdout, so the bell
// goes to its own writer (the terminal via stderr).
func ringBell(w io.Writer) tea.Cmd {
	return func() tea.Msg {
		_, _ = w.Write([]byte("\a"))
		return nil
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
