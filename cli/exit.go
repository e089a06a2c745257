package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/store"
)

// Exit codes are part of the command-line contract.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
	exitLocked  = 3
	// spinecoach due: a session is due later today, or not again today.
	exitDueLater = 4
	exitNotToday = 5
)

// exitStatus ends a command with a status that is not a failure (due's
// "not now"): nothing is printed on standard error.
type exitStatus struct{ code int }

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is bad usage or a bad input file: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run is the whole program but for the process exit: main calls it with
// the command line and exits with the code it returns, and tests call it.
// What the commands print goes through safetext: text from a file
// (a routine, an import, the data file) may not steer the terminal, even
// from a file written before such text was refused. The screen draws on
// the terminal itself, and keeps to the same rule (tui/screen).
func Run(args []string, stdout, stderr io.Writer) int {
	out := safetext.NewWriter(stdout, "\n")
	err := dispatch(args, out, stderr)
	_ = out.Flush()
	if err == nil {
		return exitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return st.code
	}
	fmt.Fprintln(stderr, "spinecoach: "+safetext.Text(err.Error()))
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, store.ErrLocked):
		return exitLocked
	case errors.Is(err, store.ErrForeign), errors.Is(err, store.ErrCorrupt), errors.Is(err, store.ErrNewerSchema):
		return exitUsage // a data file we cannot use is a bad input file
	}
	return exitRuntime
}
