//go:build !windows && !darwin

package clipboard

import "os"

// candidates: Wayland's tool in a Wayland session, then X's two, then
// Termux's on Android.
func candidates() []reader {
	var c []reader
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		c = append(c, reader{"wl-paste", []string{"--no-newline"}})
	}
	return append(c,
		reader{"xclip", []string{"-out", "-selection", "clipboard"}},
		reader{"xsel", []string{"--output", "--clipboard"}},
		reader{"termux-clipboard-get", nil},
	)
}

func trimmed(s string) string { return s }
