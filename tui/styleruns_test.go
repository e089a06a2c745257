package tui

import (
	"reflect"
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
					st, ok := v.Field(i).Addr().Interface().(*lipgloss.Style)
					if !ok {
						continue
					}
					for _, s := range texts {
						if got, want := th.line(st, s), st.Render(s); got != want {
							t.Errorf("%s, %s, dark %v, %s: line(%q) = %q, Render gives %q",
								name, p.Name(), dark, v.Type().Field(i).Name, s, got, want)
						}
					}
				}
			}
		}
	}
}
