//go:build !unix

package screen

import "os"

// notifyResize: without SIGWINCH the size is the one read at start.
func notifyResize() (<-chan os.Signal, func()) { return nil, func() {} }
