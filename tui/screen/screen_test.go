package screen

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// fakeTime is a clock that moves only when told and a timer that fires
// only when told, so the tests never sleep.
type fakeTime struct {
	now    time.Time
	armed  []time.Duration // every timer armed, in order
	fire   func()          // the timer armed and not yet stopped or fired
	panics []any           // what the renderer reported to its onPanic
}

// ignorePanic is onPanic for the tests of Open, where no timer fires.
func ignorePanic(any) {}

func newTestRenderer(w, h int) (*Renderer, *bytes.Buffer, *fakeTime) {
	var out bytes.Buffer
	ft := &fakeTime{now: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}
	r := New(&out, w, h, func(v any) { ft.panics = append(ft.panics, v) })
	r.now = func() time.Time { return ft.now }
	r.afterFunc = func(d time.Duration, f func()) func() bool {
		ft.armed = append(ft.armed, d)
		ft.fire = f
		return func() bool { ft.fire = nil; return true }
	}
	return r, &out, ft
}

func (ft *fakeTime) advance(d time.Duration) { ft.now = ft.now.Add(d) }

// fireTimer runs the pending timer's function as time.AfterFunc would.
func (ft *fakeTime) fireTimer(t *testing.T) {
	t.Helper()
	if ft.fire == nil {
		t.Fatal("no timer is armed")
	}
	f := ft.fire
	ft.fire = nil
	f()
}

// row is the sequence that starts writing row n (1-based).
func row(n int) string { return "\x1b[" + string(rune('0'+n)) + "H" }

func TestFirstFrameIsWrittenAtOnceInFull(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	r.Start()
	r.Frame("spinecoach\n\nPress Enter to start.", false)
	got := out.String()
	for _, want := range []string{enterAltScreen, hideCursor, row(1) + "spinecoach" + eraseLineRight, row(2) + eraseLineRight,
		row(3) + "Press Enter to start." + eraseLineRight, row(4) + eraseBelow} {
		if !strings.Contains(got, want) {
			t.Errorf("first frame lacks %q:\n%q", want, got)
		}
	}
	if len(ft.armed) != 0 {
		t.Errorf("the first frame armed a timer: %v", ft.armed)
	}
}

func TestAnUnchangedViewWritesNothing(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	r.Frame("a\nb", false)
	n := out.Len()
	for range 100 {
		ft.advance(time.Millisecond)
		r.Frame("a\nb", false)
	}
	if out.Len() != n {
		t.Errorf("an unchanged view wrote %q", out.String()[n:])
	}
	if len(ft.armed) != 0 {
		t.Errorf("an unchanged view armed a timer: %v", ft.armed)
	}
}

func TestOneChangedLineRewritesOnlyThatLine(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	r.Frame("header\n  12 s\nfooter", false)
	out.Reset()
	ft.advance(time.Second)
	r.Frame("header\n  11 s\nfooter", false)
	if got, want := out.String(), row(2)+"  11 s"+eraseLineRight; got != want {
		t.Errorf("wrote %q, want only %q", got, want)
	}
}

func TestShorterFrameClearsTheLinesLeftBelow(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	r.Frame("a\nb\nc\nd", false)
	out.Reset()
	ft.advance(time.Second)
	r.Frame("a\nb", false)
	if got, want := out.String(), row(3)+eraseBelow; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestLinesAreCutToTheScreen(t *testing.T) {
	r, out, _ := newTestRenderer(10, 2)
	open := "\x1b[1m" + strings.Repeat("x", 15) // a style never closed
	r.Frame(open+"\n"+strings.Repeat("y", 10)+"\nthird line", false)
	got := out.String()
	if strings.Contains(got, "xxxxxxxxxxx") || !strings.Contains(got, "xxxxxxxxxx") {
		t.Errorf("a 15-cell line is not cut to 10 cells: %q", got)
	}
	if !strings.Contains(got, "xxxxxxxxxx"+resetStyle+row(2)) {
		t.Errorf("a styled line is not reset before the next: %q", got)
	}
	if !strings.HasSuffix(got, strings.Repeat("y", 10)) {
		t.Errorf("a line as wide as the screen on the last row is followed by an erase: %q", got)
	}
	if strings.Contains(got, "third") {
		t.Errorf("a line below the screen was written: %q", got)
	}
}

func TestResizeRepaintsEveryLine(t *testing.T) {
	r, out, _ := newTestRenderer(80, 24)
	view := "header\n" + strings.Repeat("z", 60) + "\nfooter"
	r.Frame(view, false)
	out.Reset()
	r.Resize(40, 10)
	r.Frame(view, false) // the same view: only the resize makes it draw
	got := out.String()
	for _, want := range []string{row(1) + "header", row(2) + strings.Repeat("z", 40) + row(3), row(3) + "footer", row(4) + eraseBelow} {
		if !strings.Contains(got, want) {
			t.Errorf("repaint lacks %q:\n%q", want, got)
		}
	}
}

func TestRestoreGivesTheTerminalBack(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	undone := 0
	r.undo = append(r.undo, func() { undone++ })
	r.Start()
	r.Frame("one", false)
	r.Frame("two", false)
	r.Frame("three", false)
	r.Frame("four", false) // over the burst: waits for the timer
	if ft.fire == nil {
		t.Fatal("the fourth frame of a burst armed no timer")
	}
	out.Reset()
	r.Restore()
	r.Restore() // a panic handler after the deferred call: harmless
	if got, want := out.String(), resetStyle+bracketedPasteOff+showCursor+exitAltScreen; got != want {
		t.Errorf("restore wrote %q, want %q", got, want)
	}
	if undone != 1 {
		t.Errorf("raw mode was undone %d times, want 1", undone)
	}
	if ft.fire != nil {
		t.Error("the pending frame's timer was not stopped")
	}
	out.Reset()
	r.fire() // a timer that raced Restore
	r.Frame("five", true)
	if out.Len() != 0 {
		t.Errorf("wrote %q to the main screen after restore", out.String())
	}
}

func TestBurstIsCoalescedWithoutATickerWhileIdle(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	// A burst: views at the same instant. The first ones go out at once,
	// the rest wait for one timer, and only the newest is written.
	for i := range 10 {
		r.Frame("frame "+string(rune('0'+i)), false)
	}
	if n := strings.Count(out.String(), "frame "); n != burst {
		t.Errorf("%d frames written at once, want %d", n, burst)
	}
	if len(ft.armed) != 1 || ft.armed[0] != time.Second/Rate {
		t.Fatalf("timers armed: %v, want one of %v", ft.armed, time.Second/Rate)
	}
	out.Reset()
	ft.advance(ft.armed[0])
	ft.fireTimer(t)
	if got := out.String(); got != row(1)+"frame 9"+eraseLineRight {
		t.Errorf("the timer wrote %q, want only the newest view", got)
	}

	// Then one change a second, as in a hold: each is written at once and
	// no timer is ever armed.
	for i := range 5 {
		ft.advance(time.Second)
		out.Reset()
		r.Frame("second "+string(rune('0'+i)), false)
		if !strings.Contains(out.String(), "second ") {
			t.Fatalf("change %d was not written at once", i)
		}
	}
	if len(ft.armed) != 1 {
		t.Errorf("an idle screen armed timers: %v", ft.armed[1:])
	}
}

func TestAKeyFrameIsNotHeldBack(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	for i := range 5 {
		r.Frame("busy "+string(rune('0'+i)), false)
	}
	if ft.fire == nil {
		t.Fatal("no frame waits")
	}
	out.Reset()
	r.Frame("PAUSED", true)
	if !strings.Contains(out.String(), "PAUSED") {
		t.Errorf("the frame after a key waited: wrote %q", out.String())
	}
	if ft.fire != nil {
		t.Error("the superseded frame's timer is still armed")
	}
}

func TestAViewBackToTheOneShownCancelsThePendingFrame(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	for _, v := range []string{"a", "b", "c", "d"} {
		r.Frame(v, false)
	}
	out.Reset()
	r.Frame("c", false) // on screen already
	if ft.fire != nil || out.Len() != 0 {
		t.Errorf("a view equal to the screen left a timer or wrote %q", out.String())
	}
}

// inner is a model that records what reached it.
type inner struct {
	sizes []tea.WindowSizeMsg
	keys  int
	text  string
}

func (m inner) Init() tea.Cmd { return nil }
func (m inner) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sizes = append(m.sizes, msg)
	case tea.KeyMsg:
		m.keys++
		m.text = msg.String()
	}
	return m, nil
}
func (m inner) View() string {
	if len(m.sizes) == 0 {
		return "no size yet"
	}
	return "text: " + m.text
}

func TestWrapSizesTheModelBeforeItsFirstView(t *testing.T) {
	r, out, _ := newTestRenderer(80, 24)
	m := Wrap(inner{}, r)
	m.View()
	if strings.Contains(out.String(), "no size yet") {
		t.Errorf("the first frame was drawn without the size: %q", out.String())
	}
	if got := Unwrap(m).(inner).sizes; len(got) != 1 || got[0] != (tea.WindowSizeMsg{Width: 80, Height: 24}) {
		t.Errorf("sizes seen: %v", got)
	}
}

func TestWrapDrawsAKeyAtOnceAndAnswersASizeRequest(t *testing.T) {
	r, out, ft := newTestRenderer(80, 24)
	m := Wrap(inner{}, r)
	for _, k := range "abcd" { // four views at one instant: over the burst
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{k}})
		m.View()
	}
	if !strings.Contains(out.String(), "text: d") {
		t.Errorf("a key's frame waited: %q", out.String())
	}
	if len(ft.armed) != 0 {
		t.Errorf("key frames armed a timer: %v", ft.armed)
	}

	m, cmd := m.Update(tea.WindowSize()())
	if cmd == nil {
		t.Fatal("tea.WindowSize got no answer")
	}
	answer := cmd()
	out.Reset()
	// A resize handled while the answer was on its way: the answer brings
	// the new size, not the one of when it was asked for.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.View()
	if !strings.Contains(out.String(), row(1)+"text: d") {
		t.Errorf("a WindowSizeMsg did not repaint: %q", out.String())
	}
	m, _ = m.Update(answer)
	if w, h := r.Size(); w != 100 || h != 30 {
		t.Errorf("renderer size %dx%d after a WindowSizeMsg and the answer", w, h)
	}
	got := Unwrap(m).(inner)
	if got.keys != 4 || len(got.sizes) != 3 || got.sizes[2] != (tea.WindowSizeMsg{Width: 100, Height: 30}) {
		t.Errorf("the inner model saw %d keys and sizes %v; want the answer to bring 100x30", got.keys, got.sizes)
	}
}

func TestAWideCharacterAcrossTheEdgeLeavesNoOldCell(t *testing.T) {
	r, out, ft := newTestRenderer(10, 5)
	r.Frame(strings.Repeat("a", 10), false) // fills the row to the last cell
	out.Reset()
	ft.advance(time.Second)
	// 5 + 3×2 = 11 cells: the third 骨 straddles the edge and is dropped
	// whole, so the line covers 9 cells and the 10th still shows an "a"
	// unless it is erased.
	r.Frame("bbbbb骨骨骨", false)
	if got, want := out.String(), row(1)+"bbbbb骨骨"+eraseLineRight; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestAFrameAsTallAsTheScreenKeepsItsLastLine(t *testing.T) {
	// The cursor cannot go below the last row: an erase "below" the frame
	// would start on the frame's own last line and wipe it out.
	for _, view := range []string{"a\nb\nfooter", "a\nb\nfooter\ncut off"} {
		r, out, _ := newTestRenderer(10, 3)
		r.Frame(view, false)
		if got := out.String(); strings.Contains(got, eraseBelow) || !strings.Contains(got, row(3)+"footer") {
			t.Errorf("first frame of %q: wrote %q, want footer on row 3 and no erase below", view, got)
		}
		out.Reset()
		r.Resize(10, 3)
		r.Frame(view, false)
		if got := out.String(); strings.Contains(got, eraseBelow) || !strings.Contains(got, row(3)+"footer") {
			t.Errorf("repaint of %q: wrote %q, want footer on row 3 and no erase below", view, got)
		}
	}
	// One row short of the screen: the row below is still cleared.
	r, out, _ := newTestRenderer(10, 4)
	r.Frame("a\nb\nfooter", false)
	if !strings.Contains(out.String(), row(4)+eraseBelow) {
		t.Errorf("the row below a shorter frame is not cleared: %q", out.String())
	}
}

func TestOpenRefusesOutputThatIsNotATerminal(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	r, err := Open(pr, pw, ignorePanic) // as with spinecoach > file: keys would go unseen
	if r != nil {
		r.Restore()
	}
	if !errors.Is(err, ErrOutputNotTerminal) {
		t.Errorf("Open on a pipe returned %v, want ErrOutputNotTerminal", err)
	}
	pw.Close()
	if b, _ := io.ReadAll(pr); len(b) > 0 {
		t.Errorf("Open wrote %q to what is not a terminal", b)
	}
}

// brokenWriter panics on a write once told to, as a broken terminal
// writer of someone else's might.
type brokenWriter struct {
	bytes.Buffer
	broken bool
}

func (w *brokenWriter) Write(p []byte) (int, error) {
	if w.broken {
		w.broken = false
		panic("the terminal writer broke")
	}
	return w.Buffer.Write(p)
}

// A panic in the frame timer's goroutine, where nobody else would catch
// it, gives the terminal back and goes to onPanic instead of ending the
// process with the terminal raw.
func TestAPanicInTheFrameTimerRestoresAndReports(t *testing.T) {
	r, _, ft := newTestRenderer(80, 24)
	w := &brokenWriter{}
	r.out = w
	r.Start()
	for i := 0; i < 5; i++ { // over the burst: the last frame waits for the timer
		r.Frame(strings.Repeat("x", i+1), false)
	}
	w.broken = true
	ft.fireTimer(t)
	if len(ft.panics) != 1 || ft.panics[0] != "the terminal writer broke" {
		t.Fatalf("onPanic got %v", ft.panics)
	}
	if !strings.HasSuffix(w.String(), showCursor+exitAltScreen) {
		t.Errorf("the terminal was not given back: %q", w.String())
	}
	n := w.Len()
	r.Frame("after", false)
	if w.Len() != n {
		t.Error("a frame was written after the renderer gave the terminal back")
	}
}

// An empty view before anything was drawn is no frame: the program has
// nothing true to show yet (its records are being read), so nothing is
// written, not even a blank; the first real view is then the first frame.
func TestAnEmptyFirstViewWritesNothing(t *testing.T) {
	r, out, _ := newTestRenderer(80, 24)
	r.Start()
	before := out.Len()
	r.Frame("", true)
	r.Frame("", false)
	if out.Len() != before {
		t.Errorf("an empty first view wrote %q", out.String()[before:])
	}
	r.Frame("Week 3 after surgery", false)
	if got := out.String()[before:]; !strings.Contains(got, row(1)+"Week 3 after surgery") {
		t.Errorf("the first real view was not written at once: %q", got)
	}
}

// sizeCmd is a model whose answer to its size is a Cmd (a form asks for
// its first field's focus so).
type sizeCmd struct{ inner }

type sizedMsg struct{}

func (m sizeCmd) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, _ := m.inner.Update(msg)
	m.inner = next.(inner)
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		return m, func() tea.Msg { return sizedMsg{} }
	}
	return m, nil
}

// What the model's answer to the size returned in Wrap runs at Init,
// also when a message reached the model between the two (the records Run
// reads before the program starts, tui.Guard.Wrap).
func TestWrapKeepsTheSizesCmdForInitAcrossAnUpdate(t *testing.T) {
	r, _, _ := newTestRenderer(80, 24)
	m := Wrap(sizeCmd{}, r)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}})
	cmd := m.Init()
	if cmd == nil {
		t.Fatal("Init gave nothing to run")
	}
	var sized bool
	cmds := []tea.Cmd{cmd}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		cmds = batch
	}
	for _, c := range cmds {
		if c != nil {
			if _, ok := c().(sizedMsg); ok {
				sized = true
			}
		}
	}
	if !sized {
		t.Error("the Cmd from the size was lost by the update before Init")
	}
}
