package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spinecoach/spinecoach/store"
)

// backupCmd writes a consistent copy of the data file to a new file, then
// opens the copy and checks it.
func backupCmd(g *globals, dest string, w io.Writer) error {
	if _, err := os.Stat(dest); err == nil {
		return usagef("%s already exists; choose a new file for the backup", dest)
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(dest); err != nil {
		return err
	}
	copyOf, err := store.Open(dest, store.Options{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("the backup %s was written but does not open: %w", dest, err)
	}
	defer copyOf.Close()
	if err := copyOf.Check(); err != nil {
		return fmt.Errorf("the backup %s was written but does not check: %w", dest, err)
	}
	fmt.Fprintf(w, "Backed up %s to %s, and checked the copy.\n", g.db, dest)
	return nil
}
