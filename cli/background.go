package cli

import (
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/tui"
)

// setBackground tells lipgloss whether the background is dark, from the
// theme, COLORFGBG or the terminal's answer (tui.Background): lipgloss
// would otherwise ask termenv, which asks no terminal inside tmux or
// screen and takes their background as dark, light or not.
func setBackground(theme string) {
	b := tui.Background{Theme: theme, COLORFGBG: os.Getenv("COLORFGBG")}
	if _, from := b.Dark(); strings.HasPrefix(from, "no answer") {
		b.Answer = askBackground()
	}
	dark, _ := b.Dark()
	lipgloss.SetHasDarkBackground(dark)
}

// askBackground asks the terminal for its background colour (OSC 11);
// nil when standard input or output is not a terminal.
func askBackground() termenv.Color {
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) || os.Getenv("TERM") == "dumb" {
		return nil
	}
	c := termenv.NewOutput(os.Stdout, termenv.WithEnvironment(askThroughMultiplexer{})).BackgroundColor()
	if _, none := c.(termenv.NoColor); none {
		return nil
	}
	return c
}

// askThroughMultiplexer is the environment termenv reads, but with a TERM
// it will ask under: termenv asks nothing when TERM names tmux or screen,
// yet tmux (3.3 and later) answers the query itself with the colour of
// the terminal outside, and screen ignores it (termenv then gives up at
// once). COLORFGBG was read already.
type askThroughMultiplexer struct{}

func (askThroughMultiplexer) Environ() []string { return os.Environ() }

func (askThroughMultiplexer) Getenv(k string) string {
	switch v := os.Getenv(k); {
	case k == "COLORFGBG":
		return ""
	case k == "TERM" && (strings.HasPrefix(v, "tmux") || strings.HasPrefix(v, "screen")):
		return "xterm-256color"
	default:
		return v
	}
}
