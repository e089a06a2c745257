package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spinecoach/spinecoach/store"
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

// importCmd merges a JSON export into the data file: all of it or, on any
// bad record, nothing.
func importCmd(g *globals, file string, w io.Writer) error {
	f, err := openInput(file)
	if err != nil {
		return usagef("cannot read the export %s: %v", file, err)
	}
	defer f.Close()
	st, err := openStore(g.db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.ImportJSON(f)
	if err != nil {
		err = fmt.Errorf("%s: %w; nothing was imported", file, err)
		if errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrNewerSchema) {
			return usageError{err.Error()} // a bad input file
		}
		return err // the data file's trouble: damage (exit 2) or the disk (exit 1)
	}
	fmt.Fprintf(w, "Imported %d sessions, %d sets and %d dose changes from %s (%d sessions were already here).\n",
		res.Sessions, res.Sets, res.Decisions, file, res.SessionsKnown)
	return nil
}
