package tui

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/spinecoach/spinecoach/routine"
)

// Theme.line draws every style of every theme as its Render does, in
// every colour profile and on either background, one after the other on
// the same theme: the codes read for one profile or background are never
// used in another.
func TestStyleRunsDrawAsRender(t *testing.T) {
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	withColors(t, lipgloss.ColorProfile())
	moved := routine.DefaultPainRules()
	moved.GreenMax = 2
	themes := map[string]*Theme{
		"default": DefaultTheme(), "high contrast": HighContrastTheme(),
		"no colour": DefaultTheme().WithoutColour(), "moved zones": DefaultTheme().WithRules(moved),
	}
	texts := []string{"", "x", "spinecoach", " · 2 holds of 30 s, each side", "wide 日本語 🙂", "a\ttab", "two\nlines",
		"a\r\nbreak", "a\rreturn", "\x1b[1mopen bold", "  spaces  "}
	eachStyle(themes, func(name string, p termenv.Profile, dark bool, field string, th *Theme, st *lipgloss.Style) {
		for _, s := range texts {
			if got, want := th.line(st, s), st.Render(s); got != want {
				t.Errorf("%s, %s, dark %v, %s: line(%q) = %q, Render gives %q", name, p.Name(), dark, field, s, got, want)
			}
		}
	})
}

// Theme.wrapIn fits a paragraph in a style to the width as the Width
// style does with the styled line, byte for byte: every style of every
// theme, in every colour profile, on either background, at random widths
// from 1 to 70, for the shipped summaries, lines that fit (of any text)
// and random words with runs of spaces and hyphens.
func TestWrapInWrapsAsTheStyle(t *testing.T) {
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	withColors(t, lipgloss.ColorProfile())
	rng := rand.New(rand.NewSource(7))
	texts := []string{"", " ", "a", " a ", "a  b", "Week 6 after surgery · Static stabilization", "wide 日本語 🙂 text",
		"café au lait, déjà vu", strings.Repeat("x", 50), "well-known a-b-c-d-e-f-g-h-i-j", "two\nlines", "\x1b[1mopen",
		// the home screen's phase lines (homeModel.phaseLine)
		"Phase 3 · Strength is open by date and waits for your clinician's go-ahead: press c once you are cleared.",
		"No surgery date set: run spinecoach setup to follow your recovery week by week.", "The next phase opens on Monday 2 February."}
	for _, r := range testProgram().Routines {
		texts = append(texts, r.Summary, r.Name)
	}
	letters := "abcdefghijklmnopqrstuvwxyz0123456789.,;:!?()'/----"
	for range 20 {
		var b strings.Builder
		for range 1 + rng.Intn(15) {
			b.WriteString(strings.Repeat(" ", rng.Intn(3)))
			for range 1 + rng.Intn(10) {
				b.WriteByte(letters[rng.Intn(len(letters))])
			}
		}
		texts = append(texts, b.String())
	}
	checked := 0
	eachStyle(map[string]*Theme{"default": DefaultTheme(), "high contrast": HighContrastTheme()}, func(name string, p termenv.Profile, dark bool, field string, th *Theme, st *lipgloss.Style) {
		for _, s := range texts {
			for _, w := range []int{1 + rng.Intn(19), 20 + rng.Intn(10), 30 + rng.Intn(20), 50 + rng.Intn(21), 76, 78} {
				if got, want := th.wrapIn(st, w, s), wrap(w, th.line(st, s)); got != want {
					t.Fatalf("%s, %s, dark %v, %s, width %d: wrapIn(%q) =\n%q\nthe style gives\n%q", name, p.Name(), dark, field, w, s, got, want)
				}
				checked++
			}
		}
	})
	if checked < 30000 {
		t.Errorf("only %d cases checked", checked)
	}
}

// eachStyle calls f with every exported style of each theme, in every
// colour profile, on either background (the profile and background set).
func eachStyle(themes map[string]*Theme, f func(name string, p termenv.Profile, dark bool, field string, th *Theme, st *lipgloss.Style)) {
	for name, th := range themes {
		v := reflect.ValueOf(th).Elem()
		for _, dark := range []bool{true, false} {
			for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
				lipgloss.SetColorProfile(p)
				lipgloss.SetHasDarkBackground(dark)
				for i := 0; i < v.NumField(); i++ {
					if !v.Type().Field(i).IsExported() {
						continue
					}
					if st, ok := v.Field(i).Addr().Interface().(*lipgloss.Style); ok {
						f(name, p, dark, v.Type().Field(i).Name, th, st)
					}
				}
			}
		}
	}
}
