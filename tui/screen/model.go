package screen

import (
	tea "github.com/charmbracelet/bubbletea"
)

// sizeRequest is what tea.WindowSize sends (huh's form asks for it in
// Init). Bubble Tea answers it only with its own renderer, so we do. Its
// type is unexported but comparable, so the value is matched with ==.
var sizeRequest = tea.WindowSize()()

// resizedMsg is a size read after SIGWINCH.
type resizedMsg tea.WindowSizeMsg

// sizeAnswer answers a size request. The size is read when the answer is
// handled, not when the request was, so a resize handled in between is
// never undone by an answer that was on its way.
type sizeAnswer struct{}

// model hands every view of inner to the renderer. Bubble Tea calls View
// once after each Update (and once at start and at a clean quit), which
// is exactly when a frame may have changed.
type model struct {
	inner  tea.Model
	r      *Renderer
	init   tea.Cmd // from telling inner the size in Wrap; run by Init, whatever came before it
	urgent bool    // this view answers a key: write it without waiting
}

// Wrap returns m as a model whose views go to r. It tells m the screen's
// size before the first view, so that the first frame is laid out for the
// terminal rather than for 0×0; after that a tea.WindowSizeMsg follows
// every resize and every tea.WindowSize request.
func Wrap(m tea.Model, r *Renderer) tea.Model {
	w := model{inner: m, r: r}
	if width, height := r.Size(); width > 0 && height > 0 {
		w.inner, w.init = m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	}
	return w
}

// Unwrap is the model that Wrap was given, as the program left it; any
// other model is returned as it is.
func Unwrap(m tea.Model) tea.Model {
	if w, ok := m.(model); ok {
		return w.inner
	}
	return m
}

func (m model) Init() tea.Cmd {
	return tea.Batch(m.init, m.inner.Init(), m.r.awaitResize())
}

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var own tea.Cmd
	m.urgent = false
	switch size := msg.(type) {
	case resizedMsg:
		msg = tea.WindowSizeMsg(size)
		m.r.Resize(size.Width, size.Height)
		own = m.r.awaitResize()
	case tea.WindowSizeMsg:
		m.r.Resize(size.Width, size.Height)
	case tea.KeyMsg:
		if size.Type == tea.KeyCtrlZ {
			return m, suspend // as at a shell: stop, and come back on fg
		}
		m.urgent = true
	case sizeAnswer:
		w, h := m.r.Size()
		msg = tea.WindowSizeMsg{Width: w, Height: h}
	default:
		if msg == sizeRequest {
			own = func() tea.Msg { return sizeAnswer{} }
		}
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	return m, tea.Batch(cmd, own)
}

// View draws the inner view. This write is the renderer's job that Bubble
// Tea's own renderer would do with the same string.
func (m model) View() string {
	v := m.inner.View()
	m.r.Frame(v, m.urgent)
	return v
}

// awaitResize waits for the next SIGWINCH, or the end of a suspension
// (the window may have changed meanwhile, unseen), and reads the new
// size; nil when the output is not a terminal. It ends when the renderer
// restores.
func (r *Renderer) awaitResize() tea.Cmd {
	if r.winch == nil {
		return nil
	}
	return func() tea.Msg {
		select {
		case <-r.winch:
		case <-r.resumed:
		case <-r.done:
			return nil
		}
		w, h, err := r.measure()
		if err != nil {
			w, h = r.Size()
		}
		return resizedMsg{Width: w, Height: h}
	}
}
