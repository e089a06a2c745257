//go:build !unix

package tempfile

// running cannot be told here: every owner is taken to be running, so
// nothing is removed that might be in use.
func running(int) bool { return true }
