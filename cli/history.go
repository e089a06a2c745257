package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// maxHistoryDays bounds history --days: a hundred years, far enough
// for any record and near enough for the calendar arithmetic.
const maxHistoryDays = 36500

// historyCmd prints one line per session of the last days, with the
// rules that changed a dose under it.
func historyCmd(g *globals, days int, w io.Writer) error {
	if days < 1 || days > maxHistoryDays {
		return usagef("--days must be from 1 to %d, got %d", maxHistoryDays, days)
	}
	now, err := now()
	if err != nil {
		return err
	}
	st, err := openStore(g.db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	y, m, d := now.Date()
	to := time.Date(y, m, d, 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	sessions, err := st.SessionsBetween(to.AddDate(0, 0, -days), to)
	if err != nil {
		return err
	}
	if len(sessions) == 0 {
		fmt.Fprintf(w, "No sessions in the last %d days.\n", days)
		return nil
	}
	for _, s := range sessions {
		sets, err := st.SetsOf(s.ID)
		if err != nil {
			return err
		}
		decisions, err := st.DecisionsOf(s.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, historyLine(s, sets, decisions))
		for _, d := range decisions {
			// A day's start that no rule moved, and a build-up that held, changed nothing.
			if d.Rule != routine.RuleNone && d.Rule != routine.RuleBuildUpHold {
				fmt.Fprintf(w, "    %s: %s\n", d.Rule, d.Reason)
			}
			if sign := d.Domain().SignText(); sign != "" {
				fmt.Fprintf(w, "    the sign: %s\n", sign)
			}
		}
	}
	return nil
}

// historyLine is one session in plain words: the sets the patient
// skipped apart from those the pain rules left out.
func historyLine(s store.Session, sets []store.SetRecord, decisions []store.Decision) string {
	done, skipped, leftOut, worst := 0, 0, 0, -1
	for _, r := range sets {
		switch {
		case store.LeftOut(r, decisions):
			leftOut++
		case r.Skipped:
			skipped++
		default:
			done++
			worst = max(worst, r.Pain)
		}
	}
	counts := fmt.Sprintf("%d sets done, %d %s", done, skipped, store.SkippedByYou)
	if leftOut > 0 {
		counts += fmt.Sprintf(", %d %s", leftOut, store.LeftOutByRules)
	}
	parts := []string{
		s.StartedAt.Format("2006-01-02 15:04"), s.Routine, s.Status.String(),
		fmt.Sprintf("pain before %d", s.Baseline), counts,
	}
	if worst >= 0 {
		parts = append(parts, fmt.Sprintf("highest pain %d", worst))
	}
	if s.DoseLevel > 0 {
		parts = append(parts, fmt.Sprintf("dose level %d", s.DoseLevel))
	}
	return strings.Join(parts, " · ")
}
