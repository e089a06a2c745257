package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spinecoach/spinecoach/tui"
)

// After a panic the patient gets one sentence: what happened, that the
// scores are safe, that the session resumes. The stack trace is for the
// developers, so it goes to a file beside the data file, never to the
// terminal.

// crashReport writes c's trace to a new file in the data file's directory
// and returns the sentence for the patient. pending is how many scores
// were still being saved as the program ended; tui.Run wrote them again,
// and saveErr is why that failed, if it did.
func crashReport(c *tui.Crash, dbPath string, pending int, saveErr error, now time.Time) error {
	rescued := ""
	switch {
	case saveErr != nil:
		rescued = fmt.Sprintf(" (but of %d still being saved as it stopped, not all could be: %v)", pending, saveErr)
	case pending > 0:
		rescued = fmt.Sprintf(" (%d still being saved were saved now)", pending)
	}
	details := "the details could not be written down"
	if path, err := writeCrashFile(c, filepath.Dir(dbPath), now); err == nil {
		details = "the details for the developers are in " + path
	}
	return fmt.Errorf("an unexpected error stopped the coach (%v); every score you saw saved is safe in %s%s, an unfinished session resumes when you start spinecoach again, and %s",
		c, dbPath, rescued, details)
}

// writeCrashFile writes the trace to spinecoach-crash-<time>.txt in dir,
// readable by the patient alone, never over an earlier one.
func writeCrashFile(c *tui.Crash, dir string, now time.Time) (string, error) {
	body := fmt.Sprintf("spinecoach %s stopped at %s\npanic in %s: %v\n\n%s",
		version, now.Format(time.RFC3339), c.Where, c.Value, c.Stack)
	stamp := now.Format("20060102-150405")
	for n := 0; n < 100; n++ {
		name := "spinecoach-crash-" + stamp + ".txt"
		if n > 0 {
			name = fmt.Sprintf("spinecoach-crash-%s-%d.txt", stamp, n)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := f.WriteString(body)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return path, werr
	}
	return "", fmt.Errorf("too many crash reports in %s", dir)
}
