package cli

import (
	"fmt"
	"io"
)

// checkCmd verifies the data file: bbolt's page checks and a decode of
// every record, read-only.
func checkCmd(g *globals, w io.Writer) error {
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
