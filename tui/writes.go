package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/store"
)

// pendingWrites are the scores handed to the store whose commit has not
// come back, in the order they were typed. Only the first is ever being
// written: a later score waits behind it, so a write that fails (a full
// disk) and is tried again is never overtaken, and nothing is dropped or
// replaced while it waits. They outlive the session on screen, so a quit
// right after leaving a session still hands them to main to write before
// the file closes. The App holds them by pointer: its copies share one
// queue.
type pendingWrites struct {
	queue   []store.Score
	writing bool // the first is with the store, or waiting to be tried again
}

// add queues a score and returns the write to start, if none is under way.
func (p *pendingWrites) add(st *store.Store, sc store.Score) tea.Cmd {
	p.queue = append(p.queue, sc)
	if p.writing {
		return nil
	}
	p.writing = true
	return saveScore(st, sc)
}

// done takes the first score off once its commit has come back and
// returns the write of the next one, if any.
func (p *pendingWrites) done(st *store.Store, sc store.Score) tea.Cmd {
	if len(p.queue) > 0 && sameScore(p.queue[0], sc) {
		p.queue = p.queue[1:]
	}
	p.writing = len(p.queue) > 0
	if !p.writing {
		return nil
	}
	return saveScore(st, p.queue[0])
}

// failed keeps the first score where it is and tries it again after two
// seconds of real time (not program time: a fast or fake clock must not
// make it spin).
func (p *pendingWrites) failed() tea.Cmd {
	return tea.Tick(2*time.Second, func(time.Time) tea.Msg { return retrySaveMsg{} })
}

// retry starts the first score's write again.
func (p *pendingWrites) retry(st *store.Store) tea.Cmd {
	if len(p.queue) == 0 {
		p.writing = false
		return nil
	}
	return saveScore(st, p.queue[0])
}

// sameScore tells whether two scores are the same write: the same
// session and the same first set (a score is written once per set).
func sameScore(a, b store.Score) bool {
	if a.SessionID() != b.SessionID() || len(a.Sets) != len(b.Sets) {
		return false
	}
	return len(a.Sets) == 0 || a.Sets[0].Index == b.Sets[0].Index
}

// of counts the pending writes of one session.
func (p *pendingWrites) of(sessionID string) int {
	n := 0
	for _, sc := range p.queue {
		if sc.SessionID() == sessionID {
			n++
		}
	}
	return n
}

// all lists them in the order they were typed, the order they must be
// written in.
func (p *pendingWrites) all() []store.Score {
	return append([]store.Score(nil), p.queue...)
}
