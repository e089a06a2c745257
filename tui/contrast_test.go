package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// xtermPalette is xterm's default palette for the 16 ANSI colours, the
// colours a terminal with TERM=xterm shows for them.
var xtermPalette = [16][3]float64{
	{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
}

// index256 is the colour a 256-colour terminal shows for index n.
func index256(n int) [3]float64 {
	switch {
	case n < 16:
		return xtermPalette[n]
	case n < 232:
		n -= 16
		level := func(v int) float64 {
			if v == 0 {
				return 0
			}
			return float64(55 + 40*v)
		}
		return [3]float64{level(n / 36), level(n / 6 % 6), level(n % 6)}
	}
	g := float64(8 + 10*(n-232))
	return [3]float64{g, g, g}
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// shown reads the colours a terminal draws the first styled cell of s in,
// from its SGR codes, with fg and bg as the terminal's own defaults.
func shown(t *testing.T, s string, fg, bg [3]float64) (text, back [3]float64, coloured bool) {
	t.Helper()
	text, back = fg, bg
	reverse := false
	// The first cell's codes only.
	if m := sgr.FindStringSubmatch(s); m != nil {
		ps := strings.Split(m[1], ";")
		for i := 0; i < len(ps); i++ {
			n, _ := strconv.Atoi(ps[i])
			set := func(c [3]float64, isBg bool) {
				coloured = true
				if isBg {
					back = c
				} else {
					text = c
				}
			}
			switch {
			case n == 0 && ps[i] != "":
				text, back, reverse = fg, bg, false
			case n == 7:
				reverse = true
			case n >= 30 && n <= 37, n >= 40 && n <= 47:
				set(xtermPalette[n%10], n >= 40)
			case n >= 90 && n <= 97, n >= 100 && n <= 107:
				set(xtermPalette[n%10+8], n >= 100)
			case (n == 38 || n == 48) && i+1 < len(ps) && ps[i+1] == "5":
				k, _ := strconv.Atoi(ps[i+2])
				set(index256(k), n == 48)
				i += 2
			case (n == 38 || n == 48) && i+1 < len(ps) && ps[i+1] == "2":
				r, _ := strconv.Atoi(ps[i+2])
				g, _ := strconv.Atoi(ps[i+3])
				b, _ := strconv.Atoi(ps[i+4])
				set([3]float64{float64(r), float64(g), float64(b)}, n == 48)
				i += 4
			}
		}
	}
	if reverse {
		text, back = back, text
	}
	return text, back, coloured
}

// Every style of both themes, drawn as the terminal draws it in every
// colour profile (true colour, 256, 16, none) on a dark and a light
// background, has a contrast of at least 4.5:1 for text (WCAG AA), 3:1
// for what is not text (a box's border, a bar). The background and the
// default text are the terminal's own: black and near-white on a dark
// one, white and black on a light one, and black on the off-whites many
// light terminals have (Solarized's cream, xterm's grey 7). The 16 ANSI
// colours are xterm's, so they are checked on black and white only: a
// terminal with an off-white brings its own 16, made for it, and the
// true and 256 colours, which are ours, are checked on all four.
func TestThemesPassWCAGAAInEveryProfile(t *testing.T) {
	backgrounds := map[string]struct {
		dark   bool
		fg, bg [3]float64
		ansi16 bool // check the 16 ANSI colours too
	}{
		"dark":   {true, [3]float64{229, 229, 229}, [3]float64{0, 0, 0}, true},
		"light":  {false, [3]float64{0, 0, 0}, [3]float64{255, 255, 255}, true},
		"cream":  {false, [3]float64{0, 0, 0}, [3]float64{0xfd, 0xf6, 0xe3}, false},
		"grey 7": {false, [3]float64{0, 0, 0}, xtermPalette[7], false},
	}
	wasDark := lipgloss.HasDarkBackground()
	t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
	for bgName, b := range backgrounds {
		lipgloss.SetHasDarkBackground(b.dark)
		checkPalettes(t, bgName, b.fg, b.bg, b.ansi16)
	}
}

// The palette chosen inside tmux (or screen), where termenv asks nothing:
// from the outer terminal's answer, which tmux relays, or COLORFGBG. On
// the background the terminal has, every style keeps its contrast.
func TestPaletteChosenInsideTmuxPassesWCAGAA(t *testing.T) {
	white, black := [3]float64{255, 255, 255}, [3]float64{0, 0, 0}
	for _, c := range []struct {
		name   string
		b      Background
		fg, bg [3]float64
	}{
		{"outer terminal answers white", Background{Answer: termenv.RGBColor("#ffffff")}, black, white},
		{"COLORFGBG 0;15", Background{COLORFGBG: "0;15"}, black, xtermPalette[15]},
		{"COLORFGBG 0;default;15", Background{COLORFGBG: "0;default;15"}, black, xtermPalette[15]},
		{"outer terminal answers black", Background{Answer: termenv.RGBColor("#000000")}, xtermPalette[7], black},
		{"COLORFGBG 15;0 beats a light answer", Background{COLORFGBG: "15;0", Answer: termenv.RGBColor("#ffffff")}, xtermPalette[7], black},
		{"--theme light beats COLORFGBG 15;0", Background{Theme: "light", COLORFGBG: "15;0"}, black, white},
	} {
		wasDark := lipgloss.HasDarkBackground()
		t.Cleanup(func() { lipgloss.SetHasDarkBackground(wasDark) })
		dark, _ := c.b.Dark()
		lipgloss.SetHasDarkBackground(dark)
		checkPalettes(t, c.name, c.fg, c.bg, true)
	}
}

// checkPalettes draws every style of both themes in every colour profile
// on a terminal whose default text is fg on bg, lipgloss set for its
// background, and checks the contrasts.
func checkPalettes(t *testing.T, bgName string, fg, bg [3]float64, ansi16 bool) {
	t.Helper()
	type sample struct {
		name  string
		min   float64
		style lipgloss.Style
		text  string
	}
	samples := func(th *Theme) []sample {
		out := []sample{
			{"Title", 4.5, th.Title, "Ag"}, {"Header", 4.5, th.Header, "Ag"}, {"Faint", 4.5, th.Faint, "Ag"},
			{"Strong", 4.5, th.Strong, "Ag"}, {"Highlight", 4.5, th.Highlight, "Ag"}, {"Flash", 4.5, th.Flash, "Ag"},
			{"Error", 4.5, th.Error, "Ag"}, {"Section", 4.5, th.Section, "Ag"},
			{"HelpKey", 4.5, th.HelpKey, "Ag"}, {"HelpDesc", 4.5, th.HelpDesc, "Ag"}, {"HelpSep", 4.5, th.HelpSep, "•"},
			{"Box border", 3, th.Box, "Ag"},
			{"BarFull", 3, th.BarFull, "█"}, {"BarEmpty", 3, th.BarEmpty, "░"},
		}
		for name, c := range map[string]lipgloss.TerminalColor{"Calm": th.Calm, "Caution": th.Caution, "Danger": th.Danger,
			"Muted": th.Muted, "Accent": th.Accent} {
			out = append(out, sample{name + " text", 4.5, lipgloss.NewStyle().Foreground(c), "Ag"})
		}
		for p := 0; p <= 10; p++ {
			out = append(out, sample{fmt.Sprintf("pain %d", p), 4.5, lipgloss.NewStyle().Foreground(th.PainColor(p)), "Ag"})
		}
		return out
	}
	profiles := map[string]termenv.Profile{"truecolor": termenv.TrueColor, "256": termenv.ANSI256, "16": termenv.ANSI, "none": termenv.Ascii}
	if !ansi16 {
		delete(profiles, "16")
	}
	for themeName, th := range map[string]*Theme{"default": DefaultTheme(), "high-contrast": HighContrastTheme()} {
		for profName, prof := range profiles {
			withColors(t, prof)
			for _, s := range samples(th) {
				out := s.style.Render(s.text)
				if s.name == "Box border" {
					out = strings.Split(out, "\n")[0] // the top border
				}
				text, back, coloured := shown(t, out, fg, bg)
				if prof == termenv.Ascii && coloured {
					t.Errorf("%s/none/%s: %s has colour codes without colours: %q", themeName, bgName, s.name, out)
				}
				if c := contrast(text, back); c < s.min {
					t.Errorf("%s theme, %s colours, %s background: %s is %v on %v, contrast %.2f:1, want %.1f:1 (%q)",
						themeName, profName, bgName, s.name, text, back, c, s.min, out)
				}
			}
		}
	}
}

// The footer's keys and their descriptions are drawn in the theme's
// styles (whose contrast the test above checks), not bubbles' own greys.
func TestFooterHelpUsesTheTheme(t *testing.T) {
	withColors(t, termenv.TrueColor)
	for name, th := range map[string]*Theme{"default": DefaultTheme(), "high-contrast": HighContrastTheme()} {
		h := newHarness(t, openTestStore(t, t.TempDir()), func(c *Config) { c.Theme = th })
		foot := strings.Split(h.view(), "\n")
		last := foot[len(foot)-1]
		for _, want := range []string{th.HelpKey.Render("enter"), th.HelpDesc.Render("start today's session"), th.HelpSep.Render(" • ")} {
			if !strings.Contains(last, want) {
				t.Errorf("%s: the footer %q lacks %q", name, last, want)
			}
		}
	}
}

// A score's colour follows the zones of the rules in force: the defaults
// (green to 3, red from 6), or a prescription's.
func TestPainColourFollowsTheZones(t *testing.T) {
	th := DefaultTheme()
	for p, want := range map[int]lipgloss.CompleteAdaptiveColor{3: th.Calm, 4: th.Caution, 5: th.Caution, 6: th.Danger} {
		if got := th.PainColor(p); got != want {
			t.Errorf("default rules, pain %d: %v, want %v", p, got, want)
		}
	}
	rules := th.zones
	rules.GreenMax, rules.RedPain = 2, 7
	z := th.WithRules(rules)
	for p, want := range map[int]lipgloss.CompleteAdaptiveColor{2: th.Calm, 3: th.Caution, 6: th.Caution, 7: th.Danger} {
		if got := z.PainColor(p); got != want {
			t.Errorf("green to 2, red from 7, pain %d: %v, want %v", p, got, want)
		}
	}
	if got := z.ZoneLegend(); got != "colours: green 0-2 · amber 3-6 · red 7-10, as your pain rules go" {
		t.Errorf("legend %q", got)
	}
	if th.PainColor(3) != th.Calm || th.PainColor(6) != th.Danger {
		t.Error("the theme the zones were moved from moved too")
	}
	if same := z.WithRules(rules); same != z {
		t.Error("the same rules again made a new theme") // it would copy every style for nothing
	}
}

// Without colours (NO_COLOR, --no-color) no prompt speaks of colours: the
// legend says what the zones mean instead.
func TestNoColourLegendNamesNoColour(t *testing.T) {
	th := DefaultTheme().WithoutColour()
	got := th.ZoneLegend()
	if got != "your pain rules: 0-3 carry on · 4-5 lighter · 6-10 stop the exercise" {
		t.Errorf("legend %q", got)
	}
	h := newHarness(t, openTestStore(t, t.TempDir()), func(c *Config) { c.Theme = th })
	h.startSession("2")
	h.keys("enter")
	h.fireUntil("Pain check")
	v := strings.ToLower(h.view())
	for _, word := range []string{"colour", "color", "green", "amber", "red "} {
		if strings.Contains(v, word) {
			t.Errorf("the pain prompt without colours says %q:\n%s", word, h.view())
		}
	}
}
