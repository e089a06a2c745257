package tui

import (
	"context"
	"flag"
	"io"
	"sort"
	"testing"
	"time"

	bubblestimer "github.com/charmbracelet/bubbles/timer"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

var holdLength = flag.Duration("hold", 30*time.Second, "hold length for BenchmarkHoldAccuracy")

// holdProbe wraps the root model and notes, on the real clock, how far past
// its deadline the hold ended.
type holdProbe struct {
	App
	clock    Clock
	deadline time.Time
	late     chan time.Duration
}

func (p holdProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := p.App.Update(msg)
	p.App = next.(App)
	// Answer each screen as a patient would, once it is there.
	switch {
	case p.screen == screenCheckin && p.checkin.input.digits == "":
		return p, tea.Batch(cmd, emit(keyMsg("0")), emit(keyMsg("enter")))
	case p.screen == screenWarning:
		// Sent again on every update: a key that comes before the
		// screen's arm message is not taken (it was typed before the
		// question was drawn), and the arm message brings an update.
		return p, tea.Batch(cmd, emit(keyMsg("n")))
	case p.run == nil:
		return p, cmd
	case p.run.sess.Step() == routine.StepCard:
		return p, tea.Batch(cmd, emit(keyMsg("enter")))
	}
	switch s := p.run.sess; {
	case s.Step() == routine.StepHold:
		p.deadline = s.Deadline()
	case !p.deadline.IsZero():
		p.late <- p.clock.Now().Sub(p.deadline)
		p.deadline = time.Time{}
		return p, tea.Quit
	}
	return p, cmd
}

// BenchmarkHoldAccuracy runs the real program on the real clock through one
// hold (-hold, 30 s by default) and reports how late it ended. Run it with
// -benchtime=5x: each run lasts the hold plus the 3 s get-ready.
func BenchmarkHoldAccuracy(b *testing.B) {
	hold := *holdLength
	r := testRoutine()
	r.Exercises = r.Exercises[:1]
	r.Exercises[0].Sides = false
	r.Exercises[0].Dose = routine.Dose{Reps: 1, Hold: hold}
	var lates []time.Duration
	for i := 0; i < b.N; i++ {
		st := openTestStore(b, b.TempDir())
		skipSetup(b, st)
		clock := NewRealClock(time.Time{}, 1)
		probe := holdProbe{
			App:   New(Config{Store: st, Program: routine.Program{Routines: []routine.Routine{r}}, Warnings: testWarnings(), Clock: clock, Start: true}),
			clock: clock, late: make(chan time.Duration, 1),
		}
		ctx, cancel := context.WithTimeout(context.Background(), hold+30*time.Second)
		p := tea.NewProgram(probe, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
		_, err := p.Run()
		cancel()
		if err != nil {
			b.Fatalf("the probe did not finish its hold: %v", err)
		}
		lates = append(lates, <-probe.late)
		st.Close()
	}
	sort.Slice(lates, func(i, j int) bool { return lates[i] < lates[j] })
	median := lates[len(lates)/2]
	b.ReportMetric(float64(median.Microseconds())/1000, "ms-late-median")
	b.ReportMetric(float64(lates[len(lates)-1].Microseconds())/1000, "ms-late-max")
	if median > 15*time.Millisecond {
		b.Errorf("a %v hold ended %v late (median), over the 15 ms bar", hold, median)
	}
}

// tickTimerProbe runs a hold on bubbles' timer component, which counts
// down by subtracting its interval at each tick, for comparison.
type tickTimerProbe struct {
	timer bubblestimer.Model
	hold  time.Duration
	start *time.Time // set when the hold starts, in Init
	late  chan time.Duration
}

func (p tickTimerProbe) Init() tea.Cmd {
	*p.start = time.Now()
	return p.timer.Init()
}

func (p tickTimerProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(bubblestimer.TimeoutMsg); ok {
		p.late <- time.Since(*p.start) - p.hold
		return p, tea.Quit
	}
	var cmd tea.Cmd
	p.timer, cmd = p.timer.Update(msg)
	return p, cmd
}

func (p tickTimerProbe) View() string { return p.timer.View() }

// BenchmarkHoldAccuracyTickTimer is BenchmarkHoldAccuracy's hold driven by
// bubbles' timer component (a 1 s interval, as a countdown shows), run on
// the real clock: its ticks are counted, so their lateness adds up.
func BenchmarkHoldAccuracyTickTimer(b *testing.B) {
	hold := *holdLength
	var lates []time.Duration
	for i := 0; i < b.N; i++ {
		probe := tickTimerProbe{timer: bubblestimer.NewWithInterval(hold, time.Second), hold: hold,
			start: new(time.Time), late: make(chan time.Duration, 1)}
		ctx, cancel := context.WithTimeout(context.Background(), 2*hold+30*time.Second)
		p := tea.NewProgram(probe, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
		_, err := p.Run()
		cancel()
		if err != nil {
			b.Fatalf("the timer did not finish its hold: %v", err)
		}
		lates = append(lates, <-probe.late)
	}
	sort.Slice(lates, func(i, j int) bool { return lates[i] < lates[j] })
	b.ReportMetric(float64(lates[len(lates)/2].Microseconds())/1000, "ms-late-median")
	b.ReportMetric(float64(lates[len(lates)-1].Microseconds())/1000, "ms-late-max")
}
