package tui

import (
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
)

// Cue is a moment of a set worth hearing when the patient cannot watch
// the screen: lying on the floor, eyes on the ceiling.
type Cue int

const (
	CueGetReady   Cue = iota + 1 // the get-ready countdown starts
	CueHoldStart                 // a hold (or a timed activity) starts
	CueHalfway                   // half of a hold of 20 s or more has passed
	CueCount                     // 3, 2, 1 seconds left of a hold
	CueHoldEnd                   // a hold ends: relax
	CueSwitchSide                // the other side comes next
	CueSetDone                   // the set is over: the pain check
	CueCard                      // an exercise's card: the voice reads it
)

func (c Cue) String() string {
	switch c {
	case CueGetReady:
		return "get-ready"
	case CueHoldStart:
		return "hold-start"
	case CueHalfway:
		return "halfway"
	case CueCount:
		return "count"
	case CueHoldEnd:
		return "hold-end"
	case CueSwitchSide:
		return "switch-side"
	case CueSetDone:
		return "set-done"
	case CueCard:
		return "card"
	}
	return "cue"
}

// cueMsg is one cue with the words a voice says for it.
type cueMsg struct {
	cue  Cue
	text string
}

// Cuer turns a cue into sound. Cue is called from Update, in the order
// the cues happen, so it must neither block nor do I/O itself: it returns
// a Cmd for that, or hands the work to a worker of its own.
type Cuer interface {
	Cue(c Cue, text string) tea.Cmd
}

// NoCues is silence.
type NoCues struct{}

func (NoCues) Cue(Cue, string) tea.Cmd { return nil }

// BellCues rings the terminal bell in a pattern per cue: one ring to act,
// two to relax, three to change side.
type BellCues struct{ W io.Writer }

// bellPattern is how many rings each cue gets.
var bellPattern = map[Cue]int{
	CueGetReady: 1, CueHoldStart: 1, CueHalfway: 1, CueCount: 1,
	CueHoldEnd: 2, CueSwitchSide: 3, CueSetDone: 2,
}

// ringGap spaces the rings of a pattern so a terminal does not merge them.
const ringGap = 250 * time.Millisecond

func (b BellCues) Cue(c Cue, _ string) tea.Cmd {
	n := bellPattern[c]
	if n == 0 || b.W == nil {
		return nil
	}
	cmds := []tea.Cmd{ring(b.W)}
	for i := 1; i < n; i++ {
		// Real time on purpose: a bell pattern is for ears, not program time.
		cmds = append(cmds, tea.Tick(time.Duration(i)*ringGap, func(time.Time) tea.Msg { return ring(b.W)() }))
	}
	return tea.Batch(cmds...)
}

// ring writes one bell. The renderer owns stdout, so the bell goes to its
// own writer (the terminal via stderr).
func ring(w io.Writer) tea.Cmd {
	return func() tea.Msg {
		_, _ = w.Write([]byte("\a"))
		return nil
	}
}

// VoiceCues speaks each cue with a local speech program, on a worker of
// its own, one phrase at a time: a slow voice never holds up the program,
// and two phrases never talk over each other. A phrase is said only while
// it is current: it waits in a slot of one, a newer cue replaces it ("Two."
// is no use once "One." is due), Hush clears it (the score was typed: "Set
// done" is past), and one that has waited longer than its moment lasts is
// dropped. So a phrase never comes after its moment, whatever the load.
type VoiceCues struct {
	program string
	args    []string
	now     func() time.Time

	mu      sync.Mutex
	pending *phrase       // the one phrase waiting; nil when none
	wake    chan struct{} // a phrase is waiting
	guard   guardSlot
}

// phrase is a cue's words and until when they are current.
type phrase struct {
	text  string
	until time.Time
}

// phraseLife is how long a phrase stays current when no newer cue replaces
// it: a count or a "Relax." said later than this would mislead.
const phraseLife = 1200 * time.Millisecond

// cardLife is how long the card's reading stays current: the patient is
// getting into position meanwhile.
const cardLife = 5 * time.Second

// NewVoiceCues starts the worker that runs program args... text.
func NewVoiceCues(program string, args []string) *VoiceCues {
	v := &VoiceCues{program: program, args: args, now: time.Now, wake: make(chan struct{}, 1)}
	go func() {
		defer v.guard.recover("the voice cues")
		for range v.wake {
			text, ok := v.take()
			if !ok {
				continue // stale, or hushed
			}
			cmd := exec.Command(v.program, append(append([]string{}, v.args...), text)...)
			_ = cmd.Run() // a voice that fails is silence, not an error on screen
		}
	}()
	return v
}

// take hands the worker the waiting phrase if it is still current.
func (v *VoiceCues) take() (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	p := v.pending
	v.pending = nil
	if p == nil || v.now().After(p.until) {
		return "", false
	}
	return p.text, true
}

func (v *VoiceCues) Cue(c Cue, text string) tea.Cmd {
	if text == "" {
		return nil
	}
	life := phraseLife
	if c == CueCard {
		life = cardLife
	}
	v.mu.Lock()
	v.pending = &phrase{text: text, until: v.now().Add(life)} // a newer cue replaces a waiting one
	v.mu.Unlock()
	select {
	case v.wake <- struct{}{}:
	default: // the worker is already due to look
	}
	return nil
}

// Hush drops a phrase still waiting: what it was about has passed.
func (v *VoiceCues) Hush() {
	v.mu.Lock()
	v.pending = nil
	v.mu.Unlock()
}

// hush silences a waiting phrase of cues that can.
func hush(c Cuer) {
	if h, ok := c.(interface{ Hush() }); ok {
		h.Hush()
	}
}

// FindVoice looks for a speech program on PATH: espeak-ng, spd-say, then
// say (macOS). ok is false when there is none.
func FindVoice(lookPath func(string) (string, error)) (program string, args []string, ok bool) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"espeak-ng", []string{"-s", "150"}},
		{"spd-say", []string{"-w"}}, // -w: wait, so phrases follow one another
		{"say", nil},
	} {
		if p, err := lookPath(c.name); err == nil {
			return p, c.args, true
		}
	}
	return "", nil, false
}

// cardWords is the card read out: the exercise and side, the dose, how
// to get into position and the cues.
func cardWords(p routine.SetPlan, dose string) string {
	words := []string{p.Label() + ".", dose + ".", p.Exercise.Position}
	words = append(words, p.Exercise.Cues...)
	return strings.Join(words, " ")
}

// cueWords are the phrases spoken for each cue.
func cueWords(c Cue, side string, n int) string {
	lead := ""
	if side != "" {
		lead = strings.ToUpper(side[:1]) + side[1:] + " side. "
	}
	switch c {
	case CueGetReady:
		return lead + "Get ready."
	case CueHoldStart:
		return lead + "Hold."
	case CueHalfway:
		return "Halfway."
	case CueCount:
		return []string{"", "One.", "Two.", "Three."}[min(max(n, 0), 3)]
	case CueHoldEnd:
		return "Relax."
	case CueSwitchSide:
		return "Switch to the " + side + " side."
	case CueSetDone:
		return "Set done. How is your pain?"
	}
	return ""
}
