//go:build !windows && !darwin

package clipboard

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The programs are looked for when a paste first asks, not when the
// package starts: a PATH set after start is the one searched.
func TestReadAllLooksOnPathAtFirstUse(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\nprintf 'pasted text'\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(forget)
	t.Setenv("PATH", dir)
	t.Setenv("WAYLAND_DISPLAY", "")
	got, err := ReadAll()
	if err != nil || got != "pasted text" {
		t.Fatalf("ReadAll = %q, %v; want the fake xclip's text", got, err)
	}
}

func TestReadAllWithNoProgramSaysWhichItLookedFor(t *testing.T) {
	t.Cleanup(forget)
	forget()
	t.Setenv("PATH", t.TempDir())
	t.Setenv("WAYLAND_DISPLAY", "")
	_, err := ReadAll()
	if err == nil || !strings.Contains(err.Error(), "xclip") {
		t.Fatalf("ReadAll with no program = %v, want an error naming xclip", err)
	}
}

// forget drops what an earlier ReadAll found.
func forget() { findOnce, found = sync.Once{}, reader{} }
