//go:build !linux

package screen

// watchHangup watches nothing here: a hang-up ends the program by SIGHUP,
// or by the first frame that cannot be written.
func (r *Renderer) watchHangup(int) func() { return func() {} }

// WatchHangup watches nothing here.
func WatchHangup(int, func()) (stop func()) { return func() {} }
