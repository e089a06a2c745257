package tui

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// manualClock is a test clock whose timers wait in a queue until the test
// fires them, moving time to their deadline.
type manualClock struct {
	mu      sync.Mutex
	now     time.Time
	pending []timer
}

type timer struct {
	at  time.Time
	msg func(time.Time) tea.Msg
}

// timerSetMsg is what an After Cmd returns under the manual clock: the
// harness queues it instead of delivering it.
type timerSetMsg struct{ timer }

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) After(d time.Duration, msg func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerSetMsg{timer{at: c.Now().Add(d), msg: msg}} }
}

// cueRecorder notes every cue with the program time it came at.
type cueRecorder struct {
	clock *manualClock
	got   []recordedCue
}

type recordedCue struct {
	cue  Cue
	text string
	at   time.Duration // since the recorder's first cue
}

func (r *cueRecorder) Cue(c Cue, text string) tea.Cmd {
	r.got = append(r.got, recordedCue{cue: c, text: text, at: r.clock.Now().Sub(t0)})
	return nil
}

// count is how many cues of kind c came.
func (r *cueRecorder) count(c Cue) int {
	n := 0
	for _, g := range r.got {
		if g.cue == c {
			n++
		}
	}
	return n
}

// harness drives the root model as the Bubble Tea runtime would, but in
// the test's goroutine: every Cmd runs at once, except timers.
type harness struct {
	t     testing.TB
	app   App
	clock *manualClock
	bell  *bytes.Buffer
	cues  *cueRecorder
	st    *store.Store
	quit  bool
	// holdArms keeps back the messages that say a question was drawn, as
	// if the keys the test sends were typed before it was: arms has them.
	holdArms bool
	arms     []tea.Msg
}

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.FixedZone("CET", 3600))

// testRoutine: a sided hold exercise (2 x 30 s, rest 10 s) and a counted
// one; phase 1's shape: the whole routine may repeat every 2 hours.
func testRoutine() routine.Routine {
	return routine.Routine{
		ID: "phase1", Name: "Nerve glides and pulls", Phase: 1, Rules: routine.DefaultPainRules(),
		Precautions: []string{"Lift nothing heavy.", "Do not twist."},
		Exercises: []routine.Exercise{
			{ID: "glide", Name: "Straight-leg nerve glide", Sides: true, Position: "Lie on your back, legs straight.",
				Cues: []string{"Knee straight.", "Toes up."}, Dose: routine.Dose{Reps: 2, Hold: 30 * time.Second, Rest: 10 * time.Second},
				Repeat: routine.Repeat{Every: 2 * time.Hour}},
			{ID: "pumps", Name: "Ankle pumps", Position: "Lie on your back.",
				Cues: []string{"Up and down.", "Steady."}, Dose: routine.Dose{Count: 10, Pace: 2 * time.Second},
				Repeat: routine.Repeat{Every: 2 * time.Hour}},
		},
	}
}

func testProgram() routine.Program {
	return routine.Program{Routines: []routine.Routine{testRoutine()}}
}

func testWarnings() routine.Warnings {
	return routine.Warnings{Tiers: []routine.WarningTier{
		{ID: "emergency", Title: "Call emergency services now", Advice: "Do not exercise. Call now.", Signs: []string{"Chest pain"}},
		{ID: "surgeon", Title: "Call your surgeon today", Advice: "Do not exercise today. Call the office.", Signs: []string{"Fever", "A fall"}},
	}}
}

// skipSetup makes setup count as done, so a flow starts on the home screen.
func skipSetup(t testing.TB, st *store.Store) {
	t.Helper()
	if p, err := st.Profile(); err == nil && p.SurgeryDate == "" && !p.SetupSkipped {
		p.SetupSkipped = true
		if err := st.PutProfile(p); err != nil {
			t.Fatal(err)
		}
	}
}

func openTestStore(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "spinecoach.db"), store.Options{LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newHarness(t testing.TB, st *store.Store, mod func(*Config)) *harness {
	t.Helper()
	return newHarnessAt(t, st, t0, mod)
}

// newHarnessAt is a harness whose clock starts at at.
func newHarnessAt(t testing.TB, st *store.Store, at time.Time, mod func(*Config)) *harness {
	t.Helper()
	reviewAnswered(t, st, at)
	return newReviewHarness(t, st, at, mod)
}

// newReviewHarness is newHarnessAt for the tests of the weekly review:
// it leaves the reviews as they are.
func newReviewHarness(t testing.TB, st *store.Store, at time.Time, mod func(*Config)) *harness {
	t.Helper()
	skipSetup(t, st)
	h := &harness{t: t, clock: &manualClock{now: at}, bell: &bytes.Buffer{}, st: st}
	h.cues = &cueRecorder{clock: h.clock}
	cfg := Config{Store: st, Program: testProgram(), Warnings: testWarnings(), Clock: h.clock, Cues: h.cues}
	if mod != nil {
		mod(&cfg)
	}
	h.app = New(cfg)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.app.Init())
	return h
}

// send delivers one message and everything its Cmds lead to.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		switch m := m.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			for _, c := range m {
				queue = append(queue, h.exec(c)...)
			}
			continue
		case timerSetMsg:
			h.clock.mu.Lock()
			h.clock.pending = append(h.clock.pending, m.timer)
			h.clock.mu.Unlock()
			continue
		case tea.QuitMsg:
			h.quit = true
			continue
		case armMsg:
			if h.holdArms {
				h.arms = append(h.arms, m)
				continue
			}
		case cursor.BlinkMsg, retrySaveMsg:
			// The setup form's cursor blinks, and a failed write is retried,
			// on the real clock forever; a test never waits for them.
			continue
		}
		old, kept := h.app, *h.app.screens
		next, cmd := h.app.Update(m)
		if !samePages(old.screens, &kept) {
			h.t.Fatalf("%T changed the pages of the root it was sent to: they are changed on a copy (App.pages)", m)
		}
		h.app = next.(App)
		queue = append(queue, h.exec(cmd)...)
	}
}

// samePages reports whether s holds what kept does, byte for byte: the
// pages are shared by the root's copies (App.screens), and an update that
// changed them in place would change the older root too.
func samePages(s, kept *screens) bool {
	size := unsafe.Sizeof(*s)
	return string(unsafe.Slice((*byte)(unsafe.Pointer(s)), size)) == string(unsafe.Slice((*byte)(unsafe.Pointer(kept)), size))
}

func (h *harness) run(cmd tea.Cmd) {
	for _, m := range h.exec(cmd) {
		h.send(m)
	}
}

// exec runs a Cmd. A store write can take a while on a busy machine, so
// it is waited for; only a Cmd still waiting after seconds is taken to be
// on the real clock (a retry after a failed write) and dropped.
func (h *harness) exec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case m := <-done:
		return []tea.Msg{m}
	case <-time.After(3 * time.Second):
		return nil
	}
}

// fire moves the clock to the latest timer set and delivers it; older
// timers are stale by then and are dropped, as the screen would ignore them.
func (h *harness) fire() {
	h.t.Helper()
	h.clock.mu.Lock()
	if len(h.clock.pending) == 0 {
		h.clock.mu.Unlock()
		h.t.Fatalf("no timer is set; screen:\n%s", h.view())
	}
	tm := h.clock.pending[len(h.clock.pending)-1]
	h.clock.pending = nil
	if tm.at.After(h.clock.now) {
		h.clock.now = tm.at
	}
	now := h.clock.now
	h.clock.mu.Unlock()
	h.send(tm.msg(now))
}

// fireUntil fires timers until the screen shows want.
func (h *harness) fireUntil(want string) {
	h.t.Helper()
	for i := 0; i < 200 && !strings.Contains(h.view(), want); i++ {
		h.fire()
	}
	if !strings.Contains(h.view(), want) {
		h.t.Fatalf("screen never showed %q:\n%s", want, h.view())
	}
}

func (h *harness) pendingTimers() int {
	h.clock.mu.Lock()
	defer h.clock.mu.Unlock()
	return len(h.clock.pending)
}

// keys types each string as one key message ("enter", "space" and
// "backspace" by name).
func (h *harness) keys(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func (h *harness) view() string { return h.app.View() }

// expect checks the screen shows each text; runs of white space count as
// one, so a sentence wrapped across lines still matches.
func (h *harness) expect(want ...string) {
	h.t.Helper()
	v := h.view()
	flat := strings.Join(strings.Fields(v), " ")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			h.t.Fatalf("screen lacks %q:\n%s", w, v)
		}
	}
}

func (h *harness) screen() screen { return h.app.screen }

// drawn delivers the held messages that say each question was drawn.
func (h *harness) drawn() {
	h.t.Helper()
	arms := h.arms
	h.arms = nil
	for _, m := range arms {
		next, cmd := h.app.Update(m)
		h.app = next.(App)
		h.run(cmd)
	}
}
