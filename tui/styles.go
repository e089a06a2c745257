package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Theme is the one palette of the program, named by meaning. Colours are
// adaptive so the same theme reads on light and dark terminals. No other
// file names a colour.
type Theme struct {
	Calm    lipgloss.AdaptiveColor // green: fine, carry on
	Caution lipgloss.AdaptiveColor // amber: take care
	Danger  lipgloss.AdaptiveColor // red: stop
	Muted   lipgloss.AdaptiveColor // secondary text
	Accent  lipgloss.AdaptiveColor // what to look at now

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
}

// barTrack is the grey of the part of a bar to go.
const barTrack = lipgloss.Color("#606060")

// DefaultTheme builds the styles once; screens get it passed down.
func DefaultTheme() *Theme {
	return newTheme(&Theme{
		Calm:    lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#56d364"},
		Caution: lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#e3b341"},
		Danger:  lipgloss.AdaptiveColor{Light: "#cf222e", Dark: "#ff7b72"},
		Muted:   lipgloss.AdaptiveColor{Light: "#6e7781", Dark: "#8b949e"},
		Accent:  lipgloss.AdaptiveColor{Light: "#0969da", Dark: "#79c0ff"},
	})
}

// HighContrastTheme uses the terminal's own strongest colours and full
// black or white for secondary text, for low vision and glare.
func HighContrastTheme() *Theme {
	t := newTheme(&Theme{
		Calm:    lipgloss.AdaptiveColor{Light: "22", Dark: "10"},
		Caution: lipgloss.AdaptiveColor{Light: "94", Dark: "11"},
		Danger:  lipgloss.AdaptiveColor{Light: "124", Dark: "9"},
		Muted:   lipgloss.AdaptiveColor{Light: "0", Dark: "15"},
		Accent:  lipgloss.AdaptiveColor{Light: "18", Dark: "14"},
	})
	t.Faint = t.Faint.Bold(true)
	t.Header = t.Header.Bold(true)
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
	// The bar keeps the dark accent on any background, the look it has
	// always had.
	t.BarFull = lipgloss.NewStyle().Foreground(lipgloss.Color(t.Accent.Dark))
	t.BarEmpty = lipgloss.NewStyle().Foreground(barTrack)
	return t
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

// PainColor is the traffic-light colour of a pain score: 0-3 green,
// 4-5 amber, 6 and up red, as in the clinic.
func (t *Theme) PainColor(score int) lipgloss.AdaptiveColor {
	switch {
	case score <= 3:
		return t.Calm
	case score <= 5:
		return t.Caution
	}
	return t.Danger
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
