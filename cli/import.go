package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/store"
)

// importHeapLimit is the heap an import lets grow before collecting:
// with the data file's pages it reads, its peak RSS stays under 64 MiB
// (Measured).
const importHeapLimit = 40 << 20

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
	// An import is a batch job whose live heap is a batch of records: the
	// collector runs when the heap nears importHeapLimit rather than each
	// time a small heap doubles, which cost a tenth of the import's CPU.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(importHeapLimit))
	prog := newImportProgress(f)
	res, err := st.ImportJSONProgress(prog.in, prog.update)
	prog.end()
	if err != nil {
		err = fmt.Errorf("%s: %w; nothing was imported (it had read %s)", file, err, prog.where())
		if errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrNewerSchema) {
			return usageError{err.Error()} // a bad input file
		}
		return err // the data file's trouble: damage (exit 2) or the disk (exit 1)
	}
	fmt.Fprintf(w, "Imported %d sessions, %d sets and %d dose changes from %s (%d sessions were already here).\n",
		res.Sessions, res.Sets, res.Decisions, file, res.SessionsKnown)
	return nil
}

// newImportProgress is the progress line of an import of f: on standard
// error when it is a terminal (cli_importprogress.go).
func newImportProgress(f *os.File) *importProgress {
	p := &importProgress{in: &countingReader{r: f}, now: time.Now}
	p.start = p.now()
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		p.total = info.Size()
	}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		p.w = os.Stderr
	}
	return p
}
