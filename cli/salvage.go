package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/store"
)

// salvageFlags are check's: --salvage --out FILE.
func salvageFlags(fs *flag.FlagSet, c *cmdline) {
	fs.BoolVar(&c.salvage, "salvage", false, "read what can be read of a damaged data file into a new one")
	fs.StringVar(&c.out, "out", "", "the new data file the salvage writes")
}

// salvageCmd reads what it can of a damaged or cut-short data file (only
// reading it) into a new data file, and says what was lost.
func salvageCmd(g *globals, salvage bool, out string, w io.Writer) error {
	switch {
	case !salvage:
		return usagef("--out goes with check --salvage")
	case out == "":
		return usagef("check --salvage needs --out FILE: a new data file for what can be read")
	}
	if _, err := os.Lstat(out); err == nil {
		return usagef("%s already exists; choose a new file for the salvage", out)
	}
	got, err := store.Salvage(g.db)
	if err != nil {
		return err
	}
	st, err := store.Open(out, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if got.Profile != nil {
		if err := st.PutProfile(*got.Profile); err != nil {
			return err
		}
	}
	res, err := st.Import(got.Sessions)
	if err != nil {
		return fmt.Errorf("the salvaged records could not be written to %s: %w", out, err)
	}
	fmt.Fprintf(w, "Salvaged %d sessions, %d sets and %d dose changes from %s into %s; %s was only read, never changed.\n",
		res.Sessions, res.Sets, res.Decisions, g.db, out, g.db)
	salvageLosses(w, got, out)
	return nil
}

// salvageLosses says what the salvage could not bring back.
func salvageLosses(w io.Writer, got store.Salvaged, out string) {
	starts := map[string]time.Time{}
	for _, h := range got.Sessions {
		starts[h.Session.ID] = h.Session.StartedAt
	}
	if n := len(got.Partial); n > 0 {
		var days []string
		for _, id := range got.Partial {
			days = append(days, starts[id].Format("2006-01-02 15:04"))
		}
		fmt.Fprintf(w, "%d of them may be missing sets or dose changes that were on a lost page: %s.\n", n, listSome(days))
	}
	if n := len(got.Rebuilt); n > 0 {
		fmt.Fprintf(w, "%d of them lost their own record (check-in, routine) and were rebuilt from their sets, marked abandoned.\n", n)
	}
	if n := len(got.Refused); n > 0 {
		var days []string
		for _, s := range got.Refused {
			days = append(days, s.StartedAt.Format("2006-01-02 15:04"))
		}
		fmt.Fprintf(w, "%d sessions were read but hold damaged values, and were left out: %s.\n", n, listSome(days))
	}
	if got.LostPages+got.Unreadable+got.Unreached > 0 {
		fmt.Fprintf(w, "Lost: %d pages could not be read and %d records could not be decoded; %d pages no longer joined to the rest were read one by one.\n",
			got.LostPages, got.Unreadable, got.Unreached)
	}
	if got.LostRanges > 0 {
		fmt.Fprintln(w, "Some sessions were on lost pages: not even their dates are known.")
	}
	if got.Profile == nil {
		fmt.Fprintf(w, "Your surgery date and settings were lost: spinecoach --db %s setup sets them again.\n", out)
	}
	if len(got.Partial)+len(got.Rebuilt)+len(got.Refused)+got.LostPages+got.Unreadable+got.Unreached+got.LostRanges == 0 {
		fmt.Fprintln(w, "Nothing was lost.")
	}
}

// listSome joins up to ten items, and says how many more.
func listSome(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:10], ", ") + fmt.Sprintf(" and %d more", len(items)-10)
}
