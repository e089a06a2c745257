package tui

import (
	"fmt"
	"strings"
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
	loaded := a.reloadHome()() // Init reads nothing more: the records are in
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

// The room between header and footer is measured on the two drawn
// without styles (bodyHeight): in every theme and colour profile, at
// every size, with the full help, an error and a session's header, it is
// the room the styled frame leaves.
func TestUnstyledFrameMeasuresAsStyled(t *testing.T) {
	check := func(t *testing.T, where string, a App) {
		t.Helper()
		if got, want := a.bodyHeight(), a.bodyHeightFor(a.headerView(), a.footerView()); got != want {
			t.Errorf("%s: measured %d lines of room, the styled frame leaves %d", where, got, want)
		}
	}
	themes := map[string]func() *Theme{
		"default": DefaultTheme, "high contrast": HighContrastTheme,
		"no colour": func() *Theme { return DefaultTheme().WithoutColour() },
	}
	for name, theme := range themes {
		for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI, termenv.Ascii} {
			for _, size := range [][2]int{{60, 18}, {80, 24}, {200, 60}} {
				t.Run(fmt.Sprintf("%s/%s/%dx%d", name, p.Name(), size[0], size[1]), func(t *testing.T) {
					withColors(t, p)
					h := newHarness(t, openTestStore(t, t.TempDir()), func(c *Config) { c.Theme = theme() })
					h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					check(t, "home", h.app)
					h.keys("?")
					check(t, "home, all keys", h.app)
					h.keys("?")
					h.send(errMsg{err: fmt.Errorf("the disk is full: %s", strings.Repeat("and more ", 30))})
					check(t, "an error", h.app)
					h.startSession("2")
					h.keys("enter")
					h.fireUntil("Pain check")
					check(t, "a pain check", h.app)
					h.keys("3", "enter")
					check(t, "saved", h.app)
				})
			}
		}
	}
}

// cutTo cuts as the MaxWidth style it stands for, whatever the line.
func TestCutToCutsAsTheStyle(t *testing.T) {
	withColors(t, termenv.TrueColor)
	th := DefaultTheme()
	lines := []string{"", "plain", "  • Straight-leg nerve glide" + th.Faint.Render(" · 2 holds of 30 s, each side") + th.Faint.Render(" (optional)"),
		th.Error.Render("the disk is full"), "wide 日本語の文字 and 🙂 emoji", "a\ttab", "a\r\nbreak", "two\nlines", "a\rreturn",
		th.Highlight.Render("✓ Saved: pain 3/10") + " · " + th.Faint.Render("set 2 of 6"), "\x1b[1mopen bold"}
	for _, line := range lines {
		for w := -1; w <= lipgloss.Width(line)+2; w++ {
			if got, want := cutTo(w, line), lipgloss.NewStyle().MaxWidth(w).Render(line); got != want {
				t.Errorf("cutTo(%d, %q) = %q, the style gives %q", w, line, got, want)
			}
		}
	}
}

// wrap wraps as the Width style it stands for, whatever the paragraph.
func TestWrapWrapsAsTheStyle(t *testing.T) {
	withColors(t, termenv.TrueColor)
	th := DefaultTheme()
	lines := []string{"", "plain", " leading and trailing spaces ", "Dose: the full prescription, unless your check-in pain says otherwise.",
		"  • Straight-leg nerve glide" + th.Faint.Render(" · 2 holds of 30 s, each side") + th.Faint.Render(" (optional)"),
		th.Error.Render("the disk is full"), "wide 日本語の文字 and 🙂 emoji", "a\ttab", "a\r\nbreak", "two\nlines", "a\rreturn",
		th.Highlight.Render("✓ Saved: pain 3/10") + " · " + th.Faint.Render("set 2 of 6"), "\x1b[1mopen bold",
		strings.Repeat("word ", 30), strings.Repeat("x", 45)}
	for _, line := range lines {
		for w := -1; w <= lipgloss.Width(line)+22; w++ {
			if got, want := wrap(w, line), lipgloss.NewStyle().Width(max(w, 20)).Render(line); got != want {
				t.Errorf("wrap(%d, %q) = %q, the style gives %q", w, line, got, want)
			}
		}
	}
}

// indented lays out as the styles it stands for, whatever the marker.
func TestIndentedLaysOutAsTheStyles(t *testing.T) {
	withColors(t, termenv.TrueColor)
	th := DefaultTheme()
	slow := func(width int, marker, text string) string {
		if marker != "" {
			marker += " "
		}
		body := lipgloss.NewStyle().Width(max(width-4-lipgloss.Width(marker), 20)).Render(text)
		return lipgloss.NewStyle().PaddingLeft(2).Render(lipgloss.JoinHorizontal(lipgloss.Top, marker, body))
	}
	texts := []string{"", "plain", " spaced ", "Keep your neck in line with your back; no bending or twisting.",
		"Ask before a long car ride, a check-in of 7 or more, or any new leg symptom - numbness, weakness.",
		th.Faint.Render("styled"), "wide 日本語の文字 and 🙂", "two\nlines", "a\ttab", strings.Repeat("x", 30)}
	for _, marker := range []string{"", "•", "!", "▲", "■", th.Strong.Render("?"), "12."} {
		for _, text := range texts {
			for w := 0; w <= lipgloss.Width(text)+30; w++ {
				if got, want := indented(w, marker, text), slow(w, marker, text); got != want {
					t.Errorf("indented(%d, %q, %q) = %q, the styles give %q", w, marker, text, got, want)
				}
			}
		}
	}
}

// The size comes before the records; until they are read the home page
// is given only the width (App.resize). The frame must be the one a size
// given after them draws: were the home page to use its room, this fails
// and resize must give it once the records are in.
func TestHomeFrameNeedsNoRoomBeforeTheRecords(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 18}} {
		for _, surgery := range []bool{false, true} {
			a := homeFrameApp(t, size[0], size[1], DefaultTheme(), surgery)
			before := a.View()
			next, _ := a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			if after := next.(App).View(); after != before {
				t.Errorf("%dx%d, surgery date %v: the frame changed when the size came again after the records:\n%s\nwas:\n%s",
					size[0], size[1], surgery, after, before)
			}
		}
	}
}

// bodyBlock frames the body as the style it stands for: bodies shorter
// and longer than the room, empty lines, styled and wide text, lines of
// different widths, and tabs and carriage returns (left to the style).
func TestBodyBlockFramesAsTheStyle(t *testing.T) {
	withColors(t, termenv.TrueColor)
	th := DefaultTheme()
	lines := []string{"", "plain", "  indented", th.Faint.Render("faint") + " and " + th.Strong.Render("strong"),
		"wide 日本語 and 🙂", th.Error.Render("error"), strings.Repeat("x", 78), "\x1b[1mopen bold", " ", "tab\there", "cr\rhere"}
	for n := 0; n <= 12; n++ {
		for start := 0; start < len(lines); start++ {
			var body []string
			for i := 0; i < n; i++ {
				body = append(body, lines[(start+i*3)%len(lines)])
			}
			text := strings.Join(body, "\n")
			for _, h := range []int{-1, 0, 1, 2, 5, 8, 12, 20} {
				if got, want := bodyBlock(text, h), lipgloss.NewStyle().Padding(0, 1).Height(h).MaxHeight(h).Render(text); got != want {
					t.Fatalf("bodyBlock(%q, %d) =\n%q\nthe style gives\n%q", text, h, got, want)
				}
			}
		}
	}
}
