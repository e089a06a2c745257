package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/tui"
)

// accessibleEnv reports a terminal or user that asks for plain output:
// ACCESSIBLE set (as huh and other charm tools read it) or TERM=dumb.
func accessibleEnv() bool {
	return os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb"
}

// startCmd opens the home screen or, for start, today's session.
func startCmd(c *cmdline, w io.Writer) error {
	plain := c.plain || accessibleEnv()
	if err := beforeSession(c.g, plain, os.Stdin, w); err != nil {
		return err
	}
	return runTUI(c.g, session{start: c.name == "start", short: c.short, stretch: c.stretch, plain: plain})
}

// session is how the interface starts.
type session struct {
	start   bool // straight into today's session
	short   bool // only the exercises not marked optional
	stretch bool // a stretch break
	plain   bool // a line per step instead of a screen
	trends  int  // on the trends screen over this many days; 0: home
	review  bool // on the weekly function review
}

// crashTestWrap, set only in a binary built with -tags crashtest
// (crashtest.go), wraps the root in a model that panics on F5-F8.
var crashTestWrap func(tea.Model, *tui.Guard) tea.Model

func runTUI(g *globals, how session) error {
	at, err := clockStart()
	if err != nil {
		return err
	}
	// The screen shows at once; the walk of the file's pages (store/pages.go)
	// runs beside it. No write happens before it ends, and damage it
	// finds ends the program like any other damage (tui/run.go).
	st, profile, prog, err := openProgramWith(g, store.Options{CheckInBackground: true})
	if err != nil {
		return err
	}
	defer st.Close()
	warnings := shippedWarnings() // parsed when the binary was built
	cues, note, err := chooseCues(g, profile)
	if err != nil {
		return err
	}
	if st.Notice() != "" {
		note = strings.TrimSpace(st.Notice() + " " + note)
	}
	theme, err := chooseThemeFor(g, profile, how.plain)
	if err != nil {
		return err
	}
	cfg := tui.Config{
		Store: st, Program: prog, Warnings: warnings, Short: how.short, Stretch: how.stretch, Theme: theme, Cues: cues, Notice: note,
		Clock: tui.NewRealClock(at, g.speed), Start: how.start, Trends: how.trends, Review: how.review, Reminders: homeReminders,
		DateOrder: localeDateOrder(), Recovery: profile.Recovery(at),
	}
	ended, err := tui.Run(cfg, tui.RunOptions{Plain: how.plain, Wrap: crashTestWrap})
	if err != nil {
		return err
	}
	return endReport(ended, g.db)
}

// endReport is the sentence for what ended a session, or nil for an
// ending that needs none (a quit, SIGINT).
func endReport(e tui.Ended, db string) error {
	switch {
	case e.Crash != nil:
		return crashReport(e.Crash, db, len(e.Unsaved), e.SaveErr, time.Now())
	case e.SaveErr != nil:
		return fmt.Errorf("%s could not be saved as the program ended: %w", unsavedScores(e.Unsaved), e.SaveErr)
	case e.Damage != nil:
		return e.Damage
	case e.Terminal != nil:
		return fmt.Errorf("%w (%v); your recorded scores are safe in %s", errTerminal, e.Terminal, db)
	case errors.Is(e.Err, tea.ErrInterrupted):
		return nil // SIGINT: everything recorded is kept, the session can be resumed
	case e.Err != nil:
		return fmt.Errorf("the screen failed: %w (your recorded scores are safe in %s)", e.Err, db)
	case e.AppErr != nil:
		return fmt.Errorf("%w (your recorded scores are safe in %s; try spinecoach again)", e.AppErr, db)
	}
	return nil
}

// errTerminal is the end of a session whose terminal failed.
var errTerminal = errors.New("the session ended because its terminal stopped working")

// unsavedScores names the scores a failed save leaves only in memory,
// so the patient can note them: "the score of Bridge, left side (pain
// 3/10)".
func unsavedScores(scores []store.Score) string {
	var parts []string
	for _, sc := range scores {
		if len(sc.Sets) == 0 {
			continue
		}
		r := sc.Sets[0] // the scored set; the others are the ones its decision skipped
		what := routine.SetLabel(r.Exercise, r.Side)
		if r.Skipped {
			parts = append(parts, what+" (skipped)")
		} else {
			parts = append(parts, fmt.Sprintf("%s (pain %d/10)", what, r.Pain))
		}
	}
	if len(parts) == 1 {
		return "the score of " + parts[0]
	}
	return "the scores of " + strings.Join(parts, "; ")
}

// chooseCues is the sound of the session: --cues, else --no-bell, else
// the saved setting, else the bell. Without a speech program, voice falls
// back to the bell and note says so once.
func chooseCues(g *globals, p store.Profile) (cues tui.Cuer, note string, err error) {
	mode := p.Cues
	if g.noBell {
		mode = "off"
	}
	if g.cues != "" {
		mode = g.cues
	}
	bell := tui.BellCues{}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		bell.W = os.Stderr // the renderer owns stdout; both are the terminal
	}
	if err := checkCues(mode); err != nil {
		return nil, "", err
	}
	switch mode {
	case "off":
		return tui.NoCues{}, "", nil
	case "voice":
		if program, args, ok := tui.FindVoice(exec.LookPath); ok {
			return tui.NewVoiceCues(program, args), "", nil
		}
		return bell, "No speech program (espeak-ng, spd-say or say) was found, so cues use the bell.", nil
	}
	return bell, "", nil
}

// checkCues refuses a sound that is not off, bell or voice; "" is the
// bell. setup checks --cues with it before keeping it.
func checkCues(mode string) error {
	switch mode {
	case "", "off", "bell", "voice":
		return nil
	}
	return usagef("--cues must be off, bell or voice, got %q", mode)
}

// chooseTheme is --theme, else the saved setting; --no-color and NO_COLOR
// turn colours off whatever the theme. With colours, the background is
// found out (cli_background.go) for the palette's light or dark half.
func chooseTheme(g *globals, p store.Profile) (*tui.Theme, error) {
	return chooseThemeFor(g, p, false)
}

// chooseThemeFor is chooseTheme; plain mode draws no colours, so the
// terminal is not asked for its background there.
func chooseThemeFor(g *globals, p store.Profile, plain bool) (*tui.Theme, error) {
	name := p.Theme
	if g.theme != "" {
		name = g.theme
	}
	if err := checkTheme(name); err != nil {
		return nil, err
	}
	theme := tui.DefaultTheme()
	if name == "high-contrast" {
		theme = tui.HighContrastTheme()
	}
	if g.noColor || os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
		return theme.WithoutColour(), nil
	}
	if !plain {
		setBackground(name)
	}
	return theme, nil
}

// checkTheme refuses a theme that is not one of the four; "" is the
// default. setup checks --theme with it before keeping it.
func checkTheme(name string) error {
	switch name {
	case "", "default", "light", "dark", "high-contrast":
		return nil
	}
	return usagef("--theme must be default, light, dark or high-contrast, got %q", name)
}
