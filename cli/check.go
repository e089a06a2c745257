package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/store"
)

// checkCmd verifies the data file: bbolt's page checks and a decode of
// every record, read-only.
func checkCmd(g *globals, w io.Writer) error {
	// First, whatever the file's state: only spinecoach's own unfinished
	// files beside it, of runs now gone.
	if gone := store.RemoveStaleTemps(g.db); len(gone) > 0 {
		fmt.Fprintf(w, "Removed %d unfinished temporary file(s) a stopped spinecoach left beside the data file: %s.\n",
			len(gone), safetext.Line(strings.Join(gone, ", ")))
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s is sound: every page and record checked.\n", g.db)
	return nil
}
