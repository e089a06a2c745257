package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
		write = st.ExportFHIR
	}
	if out == "" {
		return write(stdout)
	}
	return writeFileAtomic(out, write)
}

// writeFileAtomic writes through a temporary file and a rename, so a
// failed export never leaves a half-written file behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if _, err := os.Stat(path); err == nil {
		return usagef("%s already exists; choose another --out file", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".spinecoach-export-*")
	if err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write the export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write the export: %w", err)
	}
	return nil
}
