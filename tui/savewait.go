package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// notSavedText begins the footer while a score's write fails; the cause
// follows it.
const notSavedText = "This score is NOT saved yet, trying again: "

// skipOnly tells a write of skipped sets (an exercise skipped) from a
// pain score, whose first set is the one scored.
func skipOnly(sc store.Score) bool { return len(sc.Sets) > 0 && sc.Sets[0].Skipped }

// waitLines are what the pain page says while its score is being
// written and the write has failed: which score is kept and not yet in
// the file, and which scores typed since were not taken. They stay
// until the score is saved, whatever keys are pressed (the footer's
// sentence goes at the next key).
func (r *sessionRun) waitLines(t *Theme, width int) []string {
	if r == nil || !r.saving || (!r.failed && len(r.notTaken) == 0) {
		return nil
	}
	var lines []string
	what := routine.SetLabel(r.held.Exercise, r.held.Side)
	if r.failed {
		lines = append(lines, t.Error.Render(wrap(width, fmt.Sprintf(
			"Pain %d/10 after %s is NOT saved yet (the data file cannot be written). It is kept, and tried again every 2 seconds; the session goes on once it is saved.", r.held.Pain, what))))
	} else {
		lines = append(lines, t.Faint.Render(wrap(width, fmt.Sprintf("Saving pain %d/10 after %s…", r.held.Pain, what))))
	}
	if len(r.notTaken) > 0 {
		lines = append(lines, t.Error.Render(wrap(width, r.notTakenText())))
	}
	return lines
}

// notTakenText says which scores typed while the held one was being
// saved were not taken, and which stands.
func (r *sessionRun) notTakenText() string {
	typed := make([]string, len(r.notTaken))
	for i, s := range r.notTaken {
		typed[i] = strconv.Itoa(s)
	}
	return fmt.Sprintf("Not taken: %s, typed while pain %d/10 was being saved. %d/10 stands for this set.",
		strings.Join(typed, ", "), r.held.Pain, r.held.Pain)
}

// scoreSaved takes a commit that came back: the next pending write
// starts, the footer stops saying it is not saved, and the session goes
// on when it was the pain score it waited for.
func (a App) scoreSaved(msg scoreSavedMsg) (App, tea.Cmd, bool) {
	next := a.writes.done(a.cfg.Store, msg.score)
	if strings.HasPrefix(a.footerErr, notSavedText) || strings.HasPrefix(a.footerErr, "Not taken: ") {
		a.footerErr = "" // it is saved now: the footer must not say otherwise
	}
	if a.run == nil || a.run.rec.ID != msg.score.SessionID() {
		return a, next, true
	}
	if set := msg.score.Sets[0]; !set.Skipped {
		// A skip is plain on screen; the line keeps confirming the last score.
		a.run.saved = savedText(set)
	}
	a.run.failed = false // the next in the queue, if any, is being written now
	if a.run.saving && !skipOnly(msg.score) {
		a.run.saving, a.run.notTaken = false, nil
		a, cmd := a.afterStep()
		return a, tea.Batch(next, cmd, a.maybeEnd()), true
	}
	return a, tea.Batch(next, a.maybeEnd()), true
}
