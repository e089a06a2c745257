// Command bare is the floor that scripts/bench.sh measures spinecoach
// against: a Bubble Tea v1 program that only shows a countdown line and
// exits at 0. Like spinecoach's hold timer it is deadline-based: each
// wake-up reads remaining = deadline - now and sleeps until the number
// shown next changes, one wake-up a second.
//
//	bare [-fps N] DURATION      e.g. bare 30s; q or ctrl+c ends it early
//
// -fps sets the renderer's frame rate (tea.WithFPS; 0 keeps Bubble Tea's
// default of 60), for measuring what the renderer costs while nothing moves.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct{ deadline time.Time }

type tickMsg struct{}

func (m model) Init() tea.Cmd { return m.next() }

// next sleeps until the whole seconds shown change, or quits at 0.
func (m model) next() tea.Cmd {
	left := time.Until(m.deadline)
	if left <= 0 {
		return tea.Quit
	}
	wait := left % time.Second
	if wait == 0 {
		wait = time.Second
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		return m, m.next()
	case tea.KeyMsg:
		if s := msg.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() string {
	left := max(time.Until(m.deadline), 0)
	return fmt.Sprintf("%d s left", (left+time.Second-1)/time.Second)
}

func main() {
	fps := flag.Int("fps", 0, "renderer frames per second (0: Bubble Tea's default)")
	flag.Parse()
	hold, err := time.ParseDuration(flag.Arg(0))
	if flag.NArg() != 1 || err != nil || hold <= 0 {
		fmt.Fprintln(os.Stderr, "usage: bare [-fps N] DURATION (e.g. 30s)")
		os.Exit(2)
	}
	opts := []tea.ProgramOption{}
	if *fps > 0 {
		opts = append(opts, tea.WithFPS(*fps))
	}
	if _, err := tea.NewProgram(model{deadline: time.Now().Add(hold)}, opts...).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
