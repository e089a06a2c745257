package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// The root's answers to the weekly review: offered after the summary of a
// session on a day it is due (checked when the session ends, so that
// leaving the summary opens it at once), or asked for by spinecoach
// review; stored in one synced write before home says so.

// reviewOutcome handles the review's messages.
func (a App) reviewOutcome(msg tea.Msg) (App, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case reviewOfferMsg:
		if msg.failed != nil {
			a.footerErr = "The weekly review could not be read: " + msg.failed.Error()
			return a, nil, true
		}
		if msg.asked {
			a.offer = nil
			a.pages().review = newReviewModel(a.cfg.Theme, msg.form, false)
			return a.show(screenReview), nil, true
		}
		if a.screen == screenSummary {
			a.offer = &msg // else the patient has left the summary: the next summary offers it
		}
		return a, nil, true
	case reviewAnsweredMsg:
		return a, saveReview(a.cfg.Store, msg.review, a.cfg.Clock.Now()), true
	case reviewSkippedMsg:
		if !msg.offered {
			return a.goHome("Review left: nothing was saved."), a.reloadHome(), true
		}
		skip := routine.Review{Skipped: true}
		return a, saveReview(a.cfg.Store, skip, a.cfg.Clock.Now()), true
	case reviewSavedMsg:
		notice := "Review skipped: it is offered again on your next session day."
		if !msg.rec.Skipped {
			f := routine.BuildFunction([]routine.Review{msg.rec.Domain()})
			notice = fmt.Sprintf("Weekly review saved: back pain %d, %s pain %d", msg.rec.BackPain, msg.rec.Limb, msg.rec.LimbPain)
			if f.PSFS.Reviews > 0 {
				notice += fmt.Sprintf(", activities %.1f on average", f.PSFS.Latest)
			}
			notice += "."
		}
		return a.goHome(notice), a.reloadHome(), true
	}
	return a, nil, false
}

// offerReview asks, as a session ends, whether its day (the day it began)
// is to end with the review. A session the pain rules stopped is not
// followed by it: its summary's advice (rest, and call the care team if
// the pain stays up) is the last word that day, and the review waits for
// the next session day.
func (a App) offerReview(rec store.Session) tea.Cmd {
	if rec.Status == store.StatusStopped {
		return nil
	}
	r, _ := routine.ParseRegion(a.profile.Region)
	return loadReviewOffer(a.cfg.Store, rec.StartedAt.Format(time.DateOnly), routine.LimbFor(r), false)
}

// reviewAfterSummary opens the review offered, when leaving the summary.
func (a App) reviewAfterSummary() (App, bool) {
	if a.screen != screenSummary || a.offer == nil || !a.offer.due {
		return a, false
	}
	form := a.offer.form
	a.offer = nil
	a.pages().review = newReviewModel(a.cfg.Theme, form, true)
	return a.show(screenReview), true
}
