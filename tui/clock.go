package tui

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Clock is the program's sense of time. Screens ask it for now and for a
// message after a span of program time; tests use a clock that jumps.
type Clock interface {
	Now() time.Time
	// After returns a Cmd that delivers msg(now) once d of program time
	// has passed.
	After(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd
}

// RealClock runs speed times faster than the wall clock, from start. Its
// readings carry the monotonic clock, so deadlines survive wall-clock jumps.
type RealClock struct {
	origin time.Time // wall-clock instant the program started, monotonic
	start  time.Time // program time at origin
	speed  float64
}

// NewRealClock starts program time at start (zero: now) running speed times
// faster than real time (speed <= 0 means 1).
func NewRealClock(start time.Time, speed float64) *RealClock {
	origin := time.Now()
	if start.IsZero() {
		start = origin
	}
	if speed <= 0 {
		speed = 1
	}
	return &RealClock{origin: origin, start: start, speed: speed}
}

func (c *RealClock) Now() time.Time {
	return c.start.Add(time.Duration(float64(time.Since(c.origin)) * c.speed))
}

func (c *RealClock) After(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	real := time.Duration(float64(d) / c.speed)
	return tea.Tick(real, func(time.Time) tea.Msg { return msg(c.Now()) })
}

// FakeClock is for tests: time stands still until a Cmd from After runs,
// which moves it forward by that Cmd's delay at once.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock by d.
func (c *FakeClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

func (c *FakeClock) After(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg(c.Advance(d)) }
}
