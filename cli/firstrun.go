package cli

import (
	"io"
)

// beforeSession does what the data file needs before the session's own
// screen takes the terminal, opening the file only when there is
// something to do: in plain mode on a file without a profile it asks the
// setup questions line by line (the session's mode reads single keys, so
// they come first, while the terminal still echoes what is typed), and a
// --theme given is kept in the profile for the next time.
func beforeSession(g *globals, plain bool, in io.Reader, w io.Writer) error {
	if !plain && g.theme == "" {
		return nil
	}
	if err := checkTheme(g.theme); err != nil {
		return err
	}
	at, err := now()
	if err != nil {
		return err
	}
	st, p, prog, err := openProgram(g, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if g.theme != "" && g.theme != p.Theme {
		p.Theme = g.theme
		if err := st.PutProfile(p); err != nil {
			return err
		}
	}
	if !plain || p.SurgeryDate != "" || p.SetupSkipped {
		return nil
	}
	return askSetupLines(st, p, prog, at, in, w)
}
