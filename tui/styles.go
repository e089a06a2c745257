package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
)

// Theme is the one palette of the program, named by meaning. Each colour
// is chosen for a dark and a light background and, on each, for every
// colour profile a terminal may have (true colour, 256 colours, the 16
// ANSI colours), so that text keeps a contrast of at least 4.5:1 (WCAG AA)
// wherever it is drawn: a colour left for the terminal to approximate can
// land far from the one meant (a grey became bright blue with 16 colours).
// No other file names a colour.
type Theme struct {
	Calm    lipgloss.CompleteAdaptiveColor // green: fine, carry on
	Caution lipgloss.CompleteAdaptiveColor // amber: take care
	Danger  lipgloss.CompleteAdaptiveColor // red: stop
	Muted   lipgloss.CompleteAdaptiveColor // secondary text
	Accent  lipgloss.CompleteAdaptiveColor // what to look at now

	Title     lipgloss.Style
	Header    lipgloss.Style
	Faint     lipgloss.Style
	Strong    lipgloss.Style
	Highlight lipgloss.Style
	Flash     lipgloss.Style
	Error     lipgloss.Style
	Section   lipgloss.Style
	Box       lipgloss.Style
	BarFull   lipgloss.Style // the done part of a countdown's bar
	BarEmpty  lipgloss.Style // the part to go
	HelpKey   lipgloss.Style // the footer's keys
	HelpDesc  lipgloss.Style // and what they do
	HelpSep   lipgloss.Style // the dots between them
	Care      lipgloss.Style // the precautions' heading

	// zones are the pain rules in force, for the colour of a score.
	zones routine.PainRules
	// noColour: colours are off (NO_COLOR, --no-color), so no text may
	// speak of them.
	noColour bool
	// runs keeps how the styles draw a line of text (styleruns.go).
	runs *runCache
}

// WithoutColour is the theme for a terminal drawn without colours: its
// words no longer name any.
func (t *Theme) WithoutColour() *Theme {
	c := *t
	c.noColour = true
	return &c
}

// barTrack is the grey of the part of a bar to go: not text, so 3:1 on
// either background is enough (WCAG's non-text contrast).
var barTrack = lipgloss.CompleteAdaptiveColor{
	Light: lipgloss.CompleteColor{TrueColor: "#767676", ANSI256: "243", ANSI: "8"},
	Dark:  lipgloss.CompleteColor{TrueColor: "#606060", ANSI256: "241", ANSI: "8"},
}

// colour is a colour for a light and a dark background, each as true
// colour, 256-colour index and ANSI index.
func colour(light, dark [3]string) lipgloss.CompleteAdaptiveColor {
	return lipgloss.CompleteAdaptiveColor{
		Light: lipgloss.CompleteColor{TrueColor: light[0], ANSI256: light[1], ANSI: light[2]},
		Dark:  lipgloss.CompleteColor{TrueColor: dark[0], ANSI256: dark[1], ANSI: dark[2]},
	}
}

// DefaultTheme builds the styles once; screens get it passed down. With
// 16 colours on a light background no ANSI green or grey is dark enough,
// so calm and muted text are black there (the words carry the meaning).
// The light colours keep 4.5:1 on an off-white too (Solarized's cream,
// xterm's grey 7), not only on white: many light terminals are one.
func DefaultTheme() *Theme {
	return newTheme(&Theme{
		Calm:    colour([3]string{"#116329", "22", "0"}, [3]string{"#56d364", "77", "10"}),
		Caution: colour([3]string{"#7d4e00", "94", "5"}, [3]string{"#e3b341", "178", "11"}),
		Danger:  colour([3]string{"#a40e26", "124", "1"}, [3]string{"#ff7b72", "210", "9"}),
		Muted:   colour([3]string{"#57606a", "240", "0"}, [3]string{"#8b949e", "246", "7"}),
		Accent:  colour([3]string{"#0550ae", "25", "4"}, [3]string{"#79c0ff", "117", "14"}),
	})
}

// HighContrastTheme uses the strongest colours and full black or white
// for secondary text, for low vision and glare.
func HighContrastTheme() *Theme {
	t := newTheme(&Theme{
		Calm:    colour([3]string{"#005f00", "22", "0"}, [3]string{"#00ff00", "46", "10"}),
		Caution: colour([3]string{"#875f00", "94", "5"}, [3]string{"#ffff00", "226", "11"}),
		Danger:  colour([3]string{"#af0000", "124", "1"}, [3]string{"#ff5f5f", "203", "9"}),
		Muted:   colour([3]string{"#000000", "16", "0"}, [3]string{"#ffffff", "231", "15"}),
		Accent:  colour([3]string{"#00005f", "17", "4"}, [3]string{"#00ffff", "51", "14"}),
	})
	t.Faint = t.Faint.Bold(true)
	t.Header = t.Header.Bold(true)
	t.HelpDesc = t.HelpDesc.Bold(true)
	return t
}

// newTheme derives the styles from the colours.
func newTheme(t *Theme) *Theme {
	t.Title = lipgloss.NewStyle().Bold(true).Foreground(t.Accent)
	t.Header = lipgloss.NewStyle().Foreground(t.Muted)
	t.Faint = lipgloss.NewStyle().Foreground(t.Muted)
	t.Strong = lipgloss.NewStyle().Bold(true)
	t.Highlight = lipgloss.NewStyle().Bold(true).Foreground(t.Accent)
	t.Flash = lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(t.Calm).Padding(0, 1)
	t.Error = lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	t.Section = lipgloss.NewStyle().Bold(true).Foreground(t.Muted)
	t.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.Muted).Padding(0, 1)
	t.BarFull = lipgloss.NewStyle().Foreground(t.Accent)
	t.BarEmpty = lipgloss.NewStyle().Foreground(barTrack)
	t.HelpKey = lipgloss.NewStyle().Bold(true)
	t.HelpDesc = lipgloss.NewStyle().Foreground(t.Muted)
	t.HelpSep = lipgloss.NewStyle().Foreground(t.Muted)
	t.Care = lipgloss.NewStyle().Foreground(t.Caution).Bold(true)
	t.zones = routine.DefaultPainRules()
	t.runs = &runCache{}
	return t
}

// WithRules is the theme with pain scores coloured by the zones of rules
// (a prescription may move them).
func (t *Theme) WithRules(rules routine.PainRules) *Theme {
	if t.zones == rules {
		return t // unchanged: a copy of its styles would be 9 KB for nothing
	}
	c := *t
	c.zones = rules
	return &c
}

// HelpStyles are the footer help's styles, from the theme: bubbles' own
// grey is too faint on black.
func (t *Theme) HelpStyles() help.Styles {
	return help.Styles{
		Ellipsis: t.HelpSep, ShortKey: t.HelpKey, ShortDesc: t.HelpDesc, ShortSeparator: t.HelpSep,
		FullKey: t.HelpKey, FullDesc: t.HelpDesc, FullSeparator: t.HelpSep,
	}
}

// Bar is a progress bar width cells wide with frac of it filled. Each part
// is one styled run, not a colour code per cell, so a frame that moves the
// bar writes little more than the cells.
func (t *Theme) Bar(width int, frac float64) string {
	full := max(0, min(width, int(math.Round(float64(width)*frac))))
	return styledRun(t.BarFull, strings.Repeat("█", full)) + styledRun(t.BarEmpty, strings.Repeat("░", width-full))
}

// styledRun styles s, or is empty: an empty run would still write its codes.
func styledRun(style lipgloss.Style, s string) string {
	if s == "" {
		return ""
	}
	return style.Render(s)
}

// ZoneColor is the colour of a traffic light: Calm for green, Caution for
// amber, Danger for red, a stop, and no zone.
func (t *Theme) ZoneColor(z routine.Zone) lipgloss.CompleteAdaptiveColor {
	switch z {
	case routine.Green:
		return t.Calm
	case routine.Amber:
		return t.Caution
	}
	return t.Danger
}

// PainColor is the traffic-light colour of a pain score by the zones of
// the rules in force: green up to green_max (3), red from red_pain (6),
// amber between, as in the clinic.
func (t *Theme) PainColor(score int) lipgloss.CompleteAdaptiveColor {
	z := t.zones
	if z.RedPain == 0 {
		z = routine.DefaultPainRules()
	}
	switch {
	case score <= z.GreenMax:
		return t.Calm
	case score < z.RedPain:
		return t.Caution
	}
	return t.Danger
}

// ZoneLegend says which scores take which colour, in words: the colours
// of the scale follow the zones of the rules in force. Without colours it
// says what each zone means instead.
func (t *Theme) ZoneLegend() string {
	z := t.zones
	if z.RedPain == 0 {
		z = routine.DefaultPainRules()
	}
	span := func(from, to int) string {
		if from >= to {
			return strconv.Itoa(from)
		}
		return strconv.Itoa(from) + "-" + strconv.Itoa(to)
	}
	green, amber, red := "colours: green ", "amber ", "red "
	if t.noColour {
		green, amber, red = "your pain rules: ", "", ""
	}
	parts := []string{green + span(0, z.GreenMax) + t.zoneMeaning(" carry on")}
	if z.RedPain-1 > z.GreenMax {
		parts = append(parts, amber+span(z.GreenMax+1, z.RedPain-1)+t.zoneMeaning(" lighter"))
	}
	if t.noColour {
		return strings.Join(append(parts, red+span(z.RedPain, 10)+" stop the exercise"), " · ")
	}
	parts = append(parts, red+span(z.RedPain, 10)+", as your pain rules go")
	return strings.Join(parts, " · ")
}

// zoneMeaning is what a zone means, said only when no colour says it.
func (t *Theme) zoneMeaning(words string) string {
	if t.noColour {
		return words
	}
	return ""
}

// Pain renders a score with its colour and its words, so the meaning never
// rests on colour alone.
func (t *Theme) Pain(score int) string {
	return lipgloss.NewStyle().Bold(true).Foreground(t.PainColor(score)).
		Render(painLabel(score))
}

// painLabel is "5/10 moderate".
func painLabel(score int) string {
	return strconv.Itoa(score) + "/10 " + painWord(score)
}

// painWord is the usual word for a point on the 0-10 scale.
func painWord(score int) string {
	switch {
	case score <= 0:
		return "none"
	case score <= 3:
		return "mild"
	case score <= 6:
		return "moderate"
	}
	return "severe"
}
