package cli

import (
	"io"
	"os"

	"github.com/spinecoach/spinecoach/internal/tempfile"
)

// exportCmd writes every record as CSV, JSON or a FHIR Bundle, to
// standard output or to a new file.
func exportCmd(g *globals, format, out string, stdout io.Writer) error {
	if format != "csv" && format != "json" && format != "fhir" {
		return usagef("--format must be csv, json or fhir, got %q", format)
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	write := st.ExportCSV
	switch format {
	case "json":
		write = st.ExportJSON
	case "fhir":
		at, err := now() // the Bundle's timestamp
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return st.ExportFHIR(w, at) }
	}
	if out == "" {
		return write(stdout)
	}
	return writeFileAtomic(out, "export", write)
}

// writeFileAtomic writes through a temporary file and a rename, so a
// failed export never leaves a half-written file behind; kind names the
// file in errors ("report", "export"), with the path the user gave.
func writeFileAtomic(path, kind string, write func(io.Writer) error) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usagef("%s is a folder; give --out the name of a new file for the %s", path, kind)
	} else if err == nil {
		return usagef("%s already exists; choose another --out file for the %s", path, kind)
	}
	tempfile.RemoveStale(path)        // an earlier run to path cut short by a kill
	tmp, err := tempfile.Create(path) // removed at a signal too
	if err != nil {
		return outputError(kind, path, err)
	}
	defer tempfile.Remove(tmp.Name()) // renamed into place by then, or not to be
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return outputError(kind, path, err)
	}
	if err := tmp.Close(); err != nil {
		return outputError(kind, path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return outputError(kind, path, err)
	}
	return nil
}
