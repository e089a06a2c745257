package tui

import (
	"fmt"
	"io"

	"github.com/spinecoach/spinecoach/routine"
)

// Narrator writes the plain mode: one line for each thing that happens,
// never a redrawn screen, for screen readers and braille displays. Lines
// go through a worker so they stay in order and Update never writes.
type Narrator struct {
	lines chan string
	done  chan struct{} // closed when the worker has ended
	guard guardSlot
}

// NewNarrator starts writing lines to w, each ended by eol ("\r\n" on a
// terminal in raw mode).
func NewNarrator(w io.Writer, eol string) *Narrator {
	n := &Narrator{lines: make(chan string, 256), done: make(chan struct{})}
	go func() {
		defer close(n.done)
		defer n.guard.recover("the narration")
		for l := range n.lines {
			_, _ = io.WriteString(w, l+eol)
		}
	}()
	return n
}

// Say queues lines to be written; once the worker has ended (a panic),
// they are dropped rather than wait for it forever.
func (n *Narrator) Say(lines []string) {
	for _, l := range lines {
		select {
		case n.lines <- l:
		case <-n.done:
			return
		}
	}
}

// Close writes what is queued and stops.
func (n *Narrator) Close() {
	close(n.lines)
	<-n.done
}

// plainSnap is what the narration compares before and after an update.
type plainSnap struct {
	screen  screen
	step    routine.Step
	rep     int
	set     int
	paused  bool
	saved   string
	err     string
	notice  *routine.Decision
	loaded  bool
	hint    string
	results int
	asking  bool   // the leave question is on screen
	typed   string // the digits typed into a score
}

func (a App) snapshot() plainSnap {
	s := plainSnap{screen: a.screen, err: a.footerErr, loaded: a.home.data != nil, hint: a.pain.input.hint + a.checkin.input.hint,
		asking: a.pinned() != ""}
	switch a.screen {
	case screenPain:
		s.typed = a.pain.input.digits
	case screenCheckin:
		s.typed = a.checkin.input.digits
	}
	if a.run != nil {
		p, _ := a.run.sess.Current()
		s.step, s.rep, s.set, s.paused = a.run.sess.Step(), a.run.sess.Rep(), p.Index, a.run.sess.Paused()
		s.saved, s.notice, s.results = a.run.saved, a.run.sess.Notice(), len(a.run.sess.Results())
	}
	return s
}

// narrate says in plain lines what changed since before; erased: the
// key was Backspace.
func (a App) narrate(before plainSnap, erased bool) []string {
	now := a.snapshot()
	var out []string
	say := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if now.err != "" && now.err != before.err {
		say("%s", now.err)
	}
	if now.hint != "" && now.hint != before.hint {
		say("%s", now.hint)
	}
	if now.saved != before.saved && now.saved != "" {
		say("%s", now.saved)
	}
	if now.notice != nil && now.notice != before.notice && now.notice.Reason != "" {
		say("%s", now.notice.Reason)
	}
	for _, c := range a.heard {
		// A rest says "Relax." itself; after a set's last hold, before the
		// pain check, nothing else would.
		if c.cue == CueHoldEnd && !(now.screen == screenExercise && now.step == routine.StepRest) {
			say("%s", c.text)
		}
	}
	entered := now.screen != before.screen || (now.screen == screenHome && now.loaded && !before.loaded)
	switch {
	case entered:
		out = append(out, a.plainScreen()...)
	case now.screen == screenExercise && (now.step != before.step || now.set != before.set || now.rep != before.rep):
		out = append(out, a.exercise.stepNarration()...)
	}
	// Keys are not echoed in raw mode: say what the score field holds.
	switch {
	case now.screen != before.screen || now.typed == before.typed:
	case erased && now.typed == "":
		say("Erased: the score is empty.")
	case erased:
		say("Erased: the score is %s.", now.typed)
	case now.typed != "":
		say("Typed %s.", now.typed)
	}
	switch {
	case now.asking && !before.asking:
		say("Leave the session now? What you have recorded is kept, and you can resume later. Press y to leave, n to stay.")
	case before.asking && !now.asking && now.screen == before.screen:
		say("You stay: the session goes on.")
	}
	if now.screen == screenExercise && now.paused != before.paused && !now.asking && !before.asking {
		if now.paused {
			say("Paused. Press space to go on.")
		} else {
			say("Going on.")
		}
	}
	for _, c := range a.heard {
		if c.cue == CueCount || c.cue == CueHalfway {
			say("%s", c.text)
		}
	}
	return out
}

// plainScreen describes the screen just entered: its page's narration.
func (a App) plainScreen() []string { return a.page().narration() }
