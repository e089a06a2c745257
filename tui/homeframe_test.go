package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// homeFrameNow is the morning after the history of trendsHistory: a
// streak, a sparkline and yesterday's stop, nothing yet today.
var homeFrameNow = trendsNow.Add(13 * time.Hour)

// homeFrameApp is the root as the program has it when its first home
// frame is drawn: sized to w×h, then the records read. With a surgery
// date, phase 3 of phasedProgram waits for clearance; without, phase 1
// runs and the home screen says how to set up.
func homeFrameApp(t testing.TB, w, h int, theme *Theme, surgery bool) App {
	t.Helper()
	st := openTestStore(t, t.TempDir())
	trendsHistory(t, st)
	reviewAnswered(t, st, homeFrameNow)
	if surgery {
		if err := st.PutProfile(store.Profile{SurgeryDate: "2026-10-01", Region: "lumbar", ClearedPhase: 2}); err != nil {
			t.Fatal(err)
		}
	}
	skipSetup(t, st)
	prog := phasedProgram()
	for i := range prog.Routines {
		r := &prog.Routines[i]
		r.Summary = "Gentle movements to keep the nerves gliding and the blood moving."
		r.Precautions = append(r.Precautions, "Repeat the session every 2 hours only if the last one went well.",
			"Bend at the knees and hips, not at the waist.", "No sit-ups, crunches or leg raises.")
		r.Exercises = append(r.Exercises, routine.Exercise{ID: "sweeps", Name: "Leg sweeps", Optional: true,
			Position: "Lie on your back.", Cues: []string{"Knee straight."}, Dose: routine.Dose{Count: 5, Pace: 2 * time.Second}})
	}
	a := New(Config{Store: st, Program: prog, Warnings: testWarnings(),
		Clock: &manualClock{now: homeFrameNow}, Theme: theme, Notice: "Session kept.",
		Reminders: func() Reminders { return Reminders{Summary: "reminders on (daily at 09:00)"} }})
	next, _ := a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	next, _ = next.Update(a.Init()())
	return next.(App)
}

// The first home frame, colours and all, byte for byte: the start-up
// work on the view must not change what is drawn.
func TestHomeFrameGolden(t *testing.T) {
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	for _, c := range []struct {
		profile termenv.Profile
		dark    bool
		theme   func() *Theme
		w, h    int
		surgery bool
	}{
		{termenv.TrueColor, true, DefaultTheme, 80, 24, true},
		{termenv.ANSI256, false, HighContrastTheme, 80, 24, true},
		{termenv.TrueColor, true, DefaultTheme, 80, 24, false},
		{termenv.ANSI, true, DefaultTheme, 120, 40, true},
	} {
		t.Run(fmt.Sprintf("%s-%dx%d-surgery-%v", c.profile.Name(), c.w, c.h, c.surgery), func(t *testing.T) {
			withColors(t, c.profile)
			lipgloss.SetHasDarkBackground(c.dark)
			a := homeFrameApp(t, c.w, c.h, c.theme(), c.surgery)
			v := a.View()
			fits(t, "home", v, c.w, c.h)
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// BenchmarkHomeFrame is the interface's work before the first home
// frame at 80x24, the read of the records left out: the root built, sized,
// given the records, and drawn.
func BenchmarkHomeFrame(b *testing.B) {
	withColors(b, termenv.TrueColor)
	a := homeFrameApp(b, 80, 24, DefaultTheme(), true)
	loaded := a.Init()()
	cfg := a.cfg
	cfg.Theme = DefaultTheme()
	b.ReportAllocs()
	for b.Loop() {
		var m tea.Model = New(cfg)
		m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m, _ = m.Update(loaded)
		_ = m.View()
	}
}

// BenchmarkHomeView is the home frame at 80x24 drawn again.
func BenchmarkHomeView(b *testing.B) {
	withColors(b, termenv.TrueColor)
	a := homeFrameApp(b, 80, 24, DefaultTheme(), true)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}
