package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/numtext"
	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// maxTrendDays bounds --days: ten years. The reads follow the window, so
// this is about a sensible question, not about cost.
const maxTrendDays = 3650

// trendsCmd shows the pain trends of the last days. With plain it prints
// them as text: for a screen reader, or to send to the care team.
func trendsCmd(g *globals, plain bool, days int, w io.Writer) error {
	if days < 1 || days > maxTrendDays {
		return usagef("--days must be from 1 to %d, got %d", maxTrendDays, days)
	}
	if !plain {
		return runTUI(g, session{trends: days})
	}
	tv, err := openTrends(g, days)
	if err != nil {
		return err
	}
	defer tv.st.Close()
	tr := tv.trends
	sessions, err := tv.st.SessionSummariesBetween(tr.From, tr.Today)
	if err != nil {
		return err
	}
	if err := writePlainTrends(w, tr, routine.WeekRows(sessions, tr.From, tr.Today)); err != nil {
		return err
	}
	f, err := functionOf(tv.st)
	if err != nil {
		return err
	}
	return writePlainFunction(w, f)
}

// trendsView is what the trends and the report read: the data file (to
// close), the profile, today's plan and the trends of the window.
type trendsView struct {
	st      *store.Store
	at      time.Time
	profile store.Profile
	plan    routine.Plan
	trends  routine.Trends
}

// openTrends reads the trends of the last days, judged by the pain rules
// in force today, as on the trends screen. The caller closes tv.st.
func openTrends(g *globals, days int) (tv trendsView, err error) {
	if tv.at, err = now(); err != nil {
		return tv, err
	}
	st, profile, prog, err := openProgram(g, true)
	if err != nil {
		return tv, err
	}
	tv.st, tv.profile = st, profile
	defer func() {
		if err != nil {
			st.Close()
		}
	}()
	if tv.plan, err = routine.PlanFor(prog, profile.Recovery(tv.at), tv.at); err != nil {
		return tv, err
	}
	in, err := st.TrendInput(tv.at, days)
	if err != nil {
		return tv, err
	}
	tv.trends = routine.BuildTrends(tv.plan.Routine.Rules, in, tv.at, days)
	return tv, nil
}

// writePlainTrends prints the trends as sentences and short lines, the
// same facts as the trends screen, with no drawing.
func writePlainTrends(w io.Writer, tr routine.Trends, weeks []routine.WeekRow) error {
	bw := bufio.NewWriter(w)
	from, _ := time.Parse(time.DateOnly, tr.From)
	today, _ := time.Parse(time.DateOnly, tr.Today)
	fmt.Fprintf(bw, "Pain trends, %s (%s to %s)\n\n", tr.Span(), from.Format("2 January 2006"), today.Format("2 January 2006"))
	fmt.Fprintln(bw, tr.Verdict.Sentence())
	fmt.Fprintln(bw, tr.Verdict.Rule())
	fmt.Fprintln(bw, plainSessions(tr)+" "+plainStreak(tr))

	fmt.Fprintln(bw, "\nBy week (check-in: the mean of the days' mean check-in scores; highest: the highest score after a set):")
	for _, wk := range weeks {
		fmt.Fprintln(bw, "  "+plainWeekRow(wk))
	}

	fmt.Fprintln(bw, "\nPain by day (before: the mean check-in score; after: the highest score after a set; days without a session left out):")
	shown := 0
	for _, p := range tr.Series {
		if line := plainDay(p); line != "" {
			fmt.Fprintln(bw, "  "+line)
			shown++
		}
	}
	if shown == 0 {
		fmt.Fprintln(bw, "  No sessions in this window.")
	}

	fmt.Fprintf(bw, "\nExercises, %s:\n", tr.Span())
	if len(tr.Exercises) == 0 {
		fmt.Fprintln(bw, "  No scored sets in this window.")
	}
	for _, e := range tr.Exercises {
		fmt.Fprintln(bw, "  "+plainExercise(e))
	}

	fmt.Fprintf(bw, "\nSessions per day, last %d weeks:\n", len(tr.Weeks))
	for _, wk := range tr.Weeks {
		fmt.Fprintln(bw, "  "+plainWeek(wk))
	}

	plainDecisions(bw, "Recent cut-backs, newest first:", tr.CutBacks, tr)
	plainDecisions(bw, "Warning signs and stops at the check-in, newest first:", tr.Stops, tr)
	return bw.Flush()
}

// plainDecisions lists stored decisions under a heading, with the
// sentence each gave.
func plainDecisions(w io.Writer, head string, list []routine.CutBack, tr routine.Trends) {
	fmt.Fprintln(w, "\n"+head)
	if len(list) == 0 {
		fmt.Fprintf(w, "  None in the %s.\n", tr.Span())
	}
	for _, c := range list {
		fmt.Fprintf(w, "  %s: %s\n", c.At.Format("2006-01-02 15:04"), safetext.Marked(c.Reason))
	}
}

// plainSessions counts the sessions of the window the way the day lines
// do: every session started, a stop at the check-in included.
func plainSessions(tr routine.Trends) string {
	s := fmt.Sprintf("%s on %d of the %d days", plainPlural(tr.Sessions, "session", "sessions"), tr.SessionDays, tr.Days())
	if stopped := tr.SessionDays - tr.ActiveDays; stopped > 0 {
		s += fmt.Sprintf("; %d of those days with exercise, %s without a scored set", tr.ActiveDays, plainPlural(stopped, "day", "days"))
	}
	return s + "."
}

// plainDay is one day of the window, or "" for a day without sessions.
func plainDay(p routine.DayPoint) string {
	if p.Sessions == 0 {
		return ""
	}
	before := "not given"
	if p.HasBaseline {
		before = fmt.Sprintf("%.1f", p.Baseline)
	}
	if p.MaxPain < 0 {
		return fmt.Sprintf("%s: before %s, %s, no set scored", p.Date, before, plainPlural(p.Sessions, "session", "sessions"))
	}
	return fmt.Sprintf("%s: before %s, highest after %d, %s", p.Date, before, p.MaxPain, plainPlural(p.Sessions, "session", "sessions"))
}

func plainExercise(e routine.ExerciseStat) string {
	s := fmt.Sprintf("%s: %s", safetext.Marked(e.Exercise), plainPlural(e.Sets, "set", "sets"))
	if e.HasRise {
		s += ", average rise " + numtext.Signed(e.AvgRise) + " over the check-in"
	}
	if e.Often {
		s += fmt.Sprintf("; often amber or red (%d of %d sets)", e.AmberOrWorse, e.Sets)
	}
	return s + "."
}

// plainWeekRow is one calendar week of the window in a line.
func plainWeekRow(wk routine.WeekRow) string {
	from, _ := time.Parse(time.DateOnly, wk.From)
	to, _ := time.Parse(time.DateOnly, wk.To)
	if wk.Sessions == 0 {
		return fmt.Sprintf("%s to %s: no sessions", from.Format("2 Jan"), to.Format("2 Jan"))
	}
	checkIn, high := "none", "none"
	if wk.HasCheckIn() {
		checkIn = fmt.Sprintf("%.1f", wk.CheckIn)
	}
	if wk.MaxPain >= 0 {
		high = fmt.Sprint(wk.MaxPain)
	}
	return fmt.Sprintf("%s to %s: check-in %s, highest %s, %s, %d sets done, %d %s, %d %s, dose level %s",
		from.Format("2 Jan"), to.Format("2 Jan"), checkIn, high, plainPlural(wk.Sessions, "session", "sessions"),
		wk.Done, wk.Skipped, store.SkippedByYou, wk.LeftOut, store.LeftOutByRules, wk.Levels())
}

// plainWeek is one week of the adherence grid, days to come left out.
func plainWeek(wk routine.AdherenceWeek) string {
	names := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	var days []string
	for i, n := range wk.Days {
		if n >= 0 {
			days = append(days, fmt.Sprintf("%s %d", names[i], n))
		}
	}
	monday, _ := time.Parse(time.DateOnly, wk.Monday)
	return fmt.Sprintf("week of %s: %s", monday.Format("2 Jan"), strings.Join(days, ", "))
}

func plainStreak(tr routine.Trends) string {
	switch {
	case tr.Streak == 0:
		return "No streak yet."
	case tr.StreakAtLeast:
		return fmt.Sprintf("Streak: %d or more days in a row.", tr.Streak)
	}
	return fmt.Sprintf("Streak: %s in a row.", plainPlural(tr.Streak, "day", "days"))
}

func plainPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
