package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The weekly review's Cmds: beside commands.go, in a file of their own,
// and like them the only place the review touches the data file.

// reviewOfferMsg is what the reviews stored so far say about day: whether
// a review is due, and the form that asks it.
type reviewOfferMsg struct {
	due    bool // routine.ReviewDue, or asked for (spinecoach review)
	asked  bool // asked for: from spinecoach review, not after a session
	form   routine.ReviewForm
	failed error
}

// loadReviewOffer reads the reviews and decides whether day's session
// ends with the review (asked: it is asked for whatever the schedule).
func loadReviewOffer(st *store.Store, day, limb string, asked bool) tea.Cmd {
	return func() tea.Msg {
		rs, err := st.Reviews()
		if err != nil {
			return reviewOfferMsg{failed: err}
		}
		past := store.ReviewDomains(rs)
		return reviewOfferMsg{due: asked || routine.ReviewDue(past, day), asked: asked,
			form: routine.NewReviewForm(past, limb, day)}
	}
}

// reviewSavedMsg says a review (or a skip) is stored and synced.
type reviewSavedMsg struct{ rec store.Review }

// saveReview stores a review, answered or skipped, in one synced write.
func saveReview(st *store.Store, r routine.Review, at time.Time) tea.Cmd {
	rec := store.Review{ID: store.NewSessionID(at), At: at, Skipped: r.Skipped, BackPain: r.BackPain,
		LimbPain: r.LimbPain, Limb: r.Limb, Activities: r.Activities}
	return func() tea.Msg {
		if err := st.PutReview(rec); err != nil {
			return errMsg{err: err}
		}
		return reviewSavedMsg{rec: rec}
	}
}
