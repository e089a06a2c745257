//go:build !unix

package cli

import "time"

// Elsewhere the terminal is not asked: its background is taken as dark
// unless the theme or COLORFGBG says otherwise.
func inForeground(int) bool { return false }

func askTerminal(int, string, time.Duration) ([]byte, bool) { return nil, false }
