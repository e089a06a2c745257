package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// holdTimer schedules the wake-ups of a countdown whose deadline lives in
// the session. It never counts ticks: each wake-up reads remaining =
// deadline - now, and the next one is set for the next moment the screen
// changes (the next whole second shown), so a hold ends on its deadline
// and the program sleeps in between.
type holdTimer struct {
	clock Clock
	tag   int // bumped on every (re)schedule; older ticks are ignored
}

// tickMsg wakes a countdown screen.
type tickMsg struct {
	tag int
	now time.Time
}

// schedule returns the Cmd for the next wake-up of a countdown with that
// deadline, or nil when nothing is counting down (zero deadline). Any tick
// scheduled before is made stale.
func (t *holdTimer) schedule(deadline time.Time) tea.Cmd {
	t.tag++
	if deadline.IsZero() {
		return nil
	}
	tag := t.tag
	return t.clock.After(nextChange(deadline.Sub(t.clock.Now())), func(now time.Time) tea.Msg {
		return tickMsg{tag: tag, now: now}
	})
}

// current reports whether a tick belongs to the latest schedule.
func (t *holdTimer) current(m tickMsg) bool { return m.tag == t.tag }

// nextChange is how long until a countdown showing whole seconds (rounded
// up) shows a new number: the time past the last whole second, or a full
// second when exactly on one. At or past the deadline it is 0.
func nextChange(remaining time.Duration) time.Duration {
	if remaining <= 0 {
		return 0
	}
	if r := remaining % time.Second; r > 0 {
		return r
	}
	return time.Second
}

// ceilSeconds is the whole number of seconds a countdown shows.
func ceilSeconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}
