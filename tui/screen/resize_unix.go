//go:build unix

package screen

import (
	"os"
	"os/signal"
	"syscall"
)

// notifyResize delivers SIGWINCH, which Bubble Tea only watches when its
// own renderer runs.
func notifyResize() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGWINCH)
	return ch, func() { signal.Stop(ch) }
}
