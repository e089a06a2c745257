package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"github.com/spinecoach/spinecoach/report"
	"github.com/spinecoach/spinecoach/store"
)

// reportCmd writes the report for the care team: one HTML page of the
// last days (report/), to the --out file or to standard output.
func reportCmd(g *globals, days int, out string, stdout io.Writer) error {
	if days < 1 || days > maxTrendDays {
		return usagef("--days must be from 1 to %d, got %d", maxTrendDays, days)
	}
	if f, ok := stdout.(*os.File); ok && out == "" && term.IsTerminal(int(f.Fd())) {
		return usagef("the report is a web page: give --out FILE, such as --out report.html, or redirect it to a file")
	}
	tv, err := openTrends(g, days)
	if err != nil {
		return err
	}
	defer tv.st.Close()
	tr := tv.trends
	history, err := tv.st.HistoryBetween(tr.From, tr.Today)
	if err != nil {
		return err
	}
	input := report.Input{Now: tv.at, Version: version, Profile: tv.profile, Plan: tv.plan,
		Prescription: prescriptionName(g, tv.profile), Trends: tr, History: history}
	if input.Function, err = functionOf(tv.st); err != nil {
		return err
	}
	write := func(w io.Writer) error { return report.Write(w, input) }
	if out == "" {
		return write(stdout)
	}
	if err := writeFileAtomic(out, "report", write); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote the report of the %s to %s: open it in a web browser, and print it from there to paper or PDF.\n", tr.Span(), out)
	return nil
}

// prescriptionName is the file of the prescription in force, or "" when
// the shipped routines are.
func prescriptionName(g *globals, profile store.Profile) string {
	switch {
	case g.routineFile != "":
		return filepath.Base(g.routineFile)
	case profile.Prescription != "":
		if profile.PrescriptionName != "" {
			return profile.PrescriptionName + " (kept in the data file)"
		}
		return "a prescription kept in the data file"
	}
	return ""
}
