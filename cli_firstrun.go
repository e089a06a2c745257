package main

import (
	"io"
)

// plainFirstRun asks the setup questions line by line before a plain
// session on a file without a profile: the session's own mode reads
// single keys, so the questions come first, while the terminal still
// echoes what is typed. A file set up, or whose setup was skipped, is
// left alone.
func plainFirstRun(g *globals, in io.Reader, w io.Writer) error {
	at, err := now()
	if err != nil {
		return err
	}
	st, p, prog, err := openProgram(g, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if p.SurgeryDate != "" || p.SetupSkipped {
		return nil
	}
	return askSetupLines(st, p, prog, at, in, w)
}
