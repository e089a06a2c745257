package cli

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

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

// Asked of the terminal: its background colour (OSC 11), then the cursor
// position, which every terminal answers. Answers come in order, so the
// second ends the wait whether or not the first came. Inside tmux (3.3
// and later) tmux answers OSC 11 itself with the colour of the terminal
// outside; screen ignores it.
const (
	backgroundQuery = "\x1b]11;?\x1b\\" + "\x1b[6n"
	// answerWait is as long as termenv waits: a terminal on a slow
	// link still answers, and one that never does costs this once.
	answerWait = 5 * time.Second
)

// askBackground asks the terminal for its background colour; nil when it
// gives none, or when standard input or output is not a terminal in the
// foreground (asking from the background would stop the process).
func askBackground() termenv.Color {
	fd := int(os.Stdout.Fd())
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(fd) || os.Getenv("TERM") == "dumb" || !inForeground(fd) {
		return nil
	}
	answer, ok := askTerminal(fd, backgroundQuery, answerWait)
	if !ok {
		return nil
	}
	c, ok := parseBackgroundAnswer(answer)
	if !ok {
		return nil
	}
	return c
}

// parseBackgroundAnswer reads the colour from an OSC 11 answer,
// "ESC ] 11 ; rgb:R/G/B" ended by BEL or ESC \, each of R, G and B one to
// four hex digits. What else the terminal sent (the cursor position) is
// skipped.
func parseBackgroundAnswer(b []byte) (termenv.RGBColor, bool) {
	_, rest, found := bytes.Cut(b, []byte("\x1b]11;"))
	if !found {
		return "", false
	}
	end := bytes.IndexAny(rest, "\a\x1b")
	if end < 0 {
		return "", false
	}
	spec, ok := bytes.CutPrefix(rest[:end], []byte("rgb:"))
	if !ok {
		return "", false
	}
	parts := bytes.Split(spec, []byte("/"))
	if len(parts) != 3 {
		return "", false
	}
	var rgb [3]uint64
	for i, p := range parts {
		v, ok := hexChannel(p)
		if !ok {
			return "", false
		}
		rgb[i] = v
	}
	return termenv.RGBColor(fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])), true
}

// hexChannel scales one to four hex digits to 0-255: "f" and "ffff" are
// both full, as X11 colour specifications mean them.
func hexChannel(p []byte) (uint64, bool) {
	v, err := strconv.ParseUint(string(p), 16, 16) // base 16 takes no sign, prefix or underscore
	if err != nil || len(p) > 4 {
		return 0, false
	}
	full := uint64(1)<<(4*len(p)) - 1
	return (v*255 + full/2) / full, true
}

// cursorReported reports whether b holds a cursor position report,
// "ESC [ row ; column R": the answer that comes last.
func cursorReported(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '\x1b' || b[i+1] != '[' {
			continue
		}
		j := i + 2
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == ';') {
			j++
		}
		if j < len(b) && b[j] == 'R' && j > i+2 {
			return true
		}
	}
	return false
}
