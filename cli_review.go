package main

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
	form := routine.NewReviewForm(store.Domains(past), reviewLimb(profile), at.Format(time.DateOnly))
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
	f := routine.BuildFunction(store.Domains(append(past, rec)))
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
