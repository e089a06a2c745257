package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// reviewCmd asks the weekly function review now, whatever the schedule
// says: for a clinic visit, or a missed week. Full screen, or with --plain
// one question a line on standard input.
func reviewCmd(c *cmdline, w io.Writer) error {
	if c.plain || accessibleEnv() {
		return plainReview(c.g, os.Stdin, w)
	}
	return runTUI(c.g, session{review: true})
}

// errReviewLeft is a plain review left before its end: nothing is saved.
var errReviewLeft = errors.New("the review was left before its end; nothing was saved")

// plainReview asks every question written out, reads an answer a line,
// asks again after a refused one, and saves the review in one synced
// write before it says so.
func plainReview(g *globals, in io.Reader, w io.Writer) error {
	at, err := now()
	if err != nil {
		return err
	}
	st, err := openStore(g.db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	profile, err := st.Profile()
	if err != nil {
		return err
	}
	past, err := st.Reviews()
	if err != nil {
		return err
	}
	form := routine.NewReviewForm(store.ReviewDomains(past), reviewLimb(profile), at.Format(time.DateOnly))
	out := safetext.NewWriter(w, "\n")
	defer out.Flush()
	fmt.Fprintln(out, "Weekly function review. Type each answer and press Enter; q leaves without saving.")
	lines := bufio.NewScanner(in)
	for !form.Done() {
		fmt.Fprintln(out, form.Question())
		if !lines.Scan() {
			return errReviewLeft
		}
		text := lines.Text()
		if strings.EqualFold(strings.TrimSpace(text), "q") {
			fmt.Fprintln(out, "Left without saving.")
			return nil
		}
		var why string
		if form, why = form.Answer(text); why != "" {
			fmt.Fprintln(out, why)
		}
	}
	rec := reviewRecord(form.Review(), at)
	if err := st.PutReview(rec); err != nil {
		return err
	}
	fmt.Fprintln(out, "Saved. "+reviewSaved(rec))
	f := routine.BuildFunction(store.ReviewDomains(append(past, rec)))
	for _, v := range []routine.FunctionVerdict{f.BackPain, f.LimbPain, f.PSFS} {
		fmt.Fprintln(out, v.Sentence())
	}
	return nil
}

// reviewLimb is "arm" after a neck fusion, "leg" otherwise.
func reviewLimb(p store.Profile) string {
	r, _ := routine.ParseRegion(p.Region) // an unknown region asks about the leg
	return routine.LimbFor(r)
}

// reviewRecord is the stored form of a review answered at at.
func reviewRecord(r routine.Review, at time.Time) store.Review {
	return store.Review{ID: store.NewSessionID(at), At: at, BackPain: r.BackPain, LimbPain: r.LimbPain,
		Limb: r.Limb, Activities: r.Activities}
}

// reviewSaved says in one line what was saved.
func reviewSaved(r store.Review) string {
	s := fmt.Sprintf("Back pain %d, %s pain %d", r.BackPain, r.Limb, r.LimbPain)
	if m, ok := r.Domain().PSFSMean(); ok {
		n := "1 activity"
		if len(r.Activities) != 1 {
			n = fmt.Sprintf("%d activities", len(r.Activities))
		}
		s += fmt.Sprintf(", PSFS mean %.1f over %s", m, n)
	}
	return s + "."
}

// reviewFlags are review's own flags.
func reviewFlags(fs *flag.FlagSet, c *cmdline) {
	fs.BoolVar(&c.plain, "plain", c.plain, "one question a line, answers typed on standard input")
}

// functionOf reads the reviews and sums them up for the trends and the
// report.
func functionOf(st *store.Store) (routine.Function, error) {
	rs, err := st.Reviews()
	if err != nil {
		return routine.Function{}, err
	}
	return routine.BuildFunction(store.ReviewDomains(rs)), nil
}

// functionRule says how the function verdicts judge a change.
const functionRule = "A change in back or leg pain counts as real at 2 points or 30% of the first figure (never less than 1 point); in the PSFS mean, at 2 points."

// writePlainFunction prints the weekly reviews in words: the verdicts,
// each review, and each activity's first and latest rating.
func writePlainFunction(w io.Writer, f routine.Function) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\nFunction, week by week (weekly reviews: back and %s pain over the last week, 0-10; activities rated 0 unable to 10 as before the problem, PSFS):\n", f.Limb)
	if len(f.Reviews) == 0 {
		fmt.Fprintln(bw, "  No weekly review answered yet: it is asked after a session once a week, or run spinecoach review.")
		return bw.Flush()
	}
	for _, v := range []routine.FunctionVerdict{f.BackPain, f.LimbPain, f.PSFS} {
		fmt.Fprintln(bw, "  "+v.Sentence())
	}
	fmt.Fprintln(bw, "  "+functionRule)
	fmt.Fprintln(bw, "Reviews:")
	for _, r := range f.Reviews {
		fmt.Fprintln(bw, "  "+plainReviewLine(r))
	}
	fmt.Fprintln(bw, "Activities, first and latest rating:")
	for _, a := range f.Activities {
		fmt.Fprintln(bw, "  "+plainActivity(a))
	}
	if len(f.Activities) == 0 {
		fmt.Fprintln(bw, "  None named yet.")
	}
	return bw.Flush()
}

func plainReviewLine(r routine.Review) string {
	s := fmt.Sprintf("%s: back %d, %s %d", r.Date, r.BackPain, r.Limb, r.LimbPain)
	if m, ok := r.PSFSMean(); ok {
		var parts []string
		for _, a := range r.Activities {
			parts = append(parts, fmt.Sprintf("%s %d", safetext.Marked(a.Name), a.Score))
		}
		s += fmt.Sprintf(", activities %.1f (%s)", m, strings.Join(parts, ", "))
	}
	return s
}

func plainActivity(a routine.ActivityHistory) string {
	s := fmt.Sprintf("%s: %d on %s", safetext.Marked(a.Name), a.First, a.FirstDate)
	if a.Ratings > 1 {
		s += fmt.Sprintf(", %d on %s (%+d)", a.Latest, a.LatestDate, a.Latest-a.First)
	}
	if a.Retired {
		s += "; retired after " + a.LatestDate
	}
	return s
}
