package tui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// termRun writes the codes Render writes (renderedRun): for every style
// of the themes, and for random styles of weights and colours of every
// kind lipgloss has (and none), in each colour profile, on a dark and a
// light background.
func TestTermRunIsRendered(t *testing.T) {
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	th := DefaultTheme()
	colours := []lipgloss.TerminalColor{lipgloss.NoColor{}, th.Calm, th.Muted, HighContrastTheme().Accent, barTrack,
		th.Danger.Dark, lipgloss.Color("#79c0ff"), lipgloss.Color("5"), lipgloss.Color("201"), lipgloss.Color(""),
		lipgloss.Color("zz"), lipgloss.ANSIColor(3), lipgloss.ANSIColor(130),
		lipgloss.AdaptiveColor{Light: "#116329", Dark: "10"}, lipgloss.CompleteColor{TrueColor: "#ff7b72", ANSI256: "210"}}
	themed := []lipgloss.Style{}
	for _, theme := range []*Theme{DefaultTheme(), HighContrastTheme()} {
		themed = append(themed, theme.Title, theme.Header, theme.Faint, theme.Strong, theme.Highlight, theme.Error,
			theme.Section, theme.BarFull, theme.BarEmpty, theme.HelpKey, theme.HelpDesc, theme.HelpSep)
	}
	rng := rand.New(rand.NewPCG(3, 14))
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			withColors(t, p)
			lipgloss.SetHasDarkBackground(dark)
			styles := append([]lipgloss.Style{}, themed...)
			for range 3000 {
				st := lipgloss.NewStyle()
				for _, set := range []func(lipgloss.Style, bool) lipgloss.Style{lipgloss.Style.Bold, lipgloss.Style.Italic,
					lipgloss.Style.Reverse, lipgloss.Style.Blink, lipgloss.Style.Faint} {
					if rng.IntN(3) == 0 {
						st = set(st, rng.IntN(4) != 0)
					}
				}
				if rng.IntN(3) != 0 {
					st = st.Foreground(colours[rng.IntN(len(colours))])
				}
				if rng.IntN(3) == 0 {
					st = st.Background(colours[rng.IntN(len(colours))])
				}
				styles = append(styles, st)
			}
			for i, st := range styles {
				got, ok := termRun(st)
				if want := renderedRun(st); !ok || got != want {
					t.Fatalf("%s, dark %v, style %d (%s): termRun gives %+v (%v), Render %+v", p.Name(), dark, i, describe(st), got, ok, want)
				}
			}
		}
	}
}

func describe(st lipgloss.Style) string {
	return fmt.Sprintf("bold %v italic %v reverse %v blink %v faint %v fg %#v bg %#v", st.GetBold(), st.GetItalic(),
		st.GetReverse(), st.GetBlink(), st.GetFaint(), st.GetForeground(), st.GetBackground())
}
