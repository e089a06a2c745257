//go:build !windows && !darwin

package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// The text fields' paste key (ctrl+v) still reads the system clipboard
// through third_party/clipboard, which looks for the clipboard program
// when a paste first asks: the PATH set here, after the program started,
// is the one searched.
func TestPasteKeyReadsTheClipboardProgramFoundAtFirstPaste(t *testing.T) {
	dir := t.TempDir()
	fake := "#!/bin/sh\nprintf 'walk to the shop'\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("WAYLAND_DISPLAY", "")
	in := textinput.New()
	in.Focus()
	in, cmd := in.Update(tea.KeyMsg{Type: tea.KeyCtrlV})
	if cmd == nil {
		t.Fatal("ctrl+v gave no command to read the clipboard")
	}
	in, _ = in.Update(cmd())
	if got := in.Value(); got != "walk to the shop" {
		t.Fatalf("after ctrl+v the field holds %q, want the fake clipboard's text", got)
	}
}
