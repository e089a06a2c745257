package routine

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The weekly function review of CLINICAL.md ("Function, week by week"):
// back pain and leg pain (arm pain after a neck fusion) over the last
// week, 0-10 each, and the Patient-Specific Functional Scale (Stratford
// 1995): up to five activities the patient named, each rated 0 "unable"
// to 10 "as before the problem", scored by their mean. Pure: the store
// keeps the reviews, the screens ask them; this file decides when one is
// due and what a change between the first and the latest means.

const (
	// ReviewEveryDays is how long after the last review answered the
	// next one is due: the first session day this many days on or later.
	ReviewEveryDays = 7
	// MaxActivities is how many activities the PSFS rates at most.
	MaxActivities = 5
	// MaxActivityName is the longest name of an activity, in characters.
	MaxActivityName = 60
	// PSFSChange is the change of the PSFS mean commonly read as real.
	PSFSChange = 2.0
)

// ActivityExamples are offered when the patient names activities, not
// imposed: any activity hard because of the back will do.
var ActivityExamples = []string{
	"putting on socks", "getting out of bed", "sitting for an hour",
	"walking for 15 minutes", "driving", "lifting a shopping bag", "sleeping through the night",
}

// Activity is one PSFS activity as rated at one review. ID stays the same
// through renames, so its history is one line however it was called; an
// activity retired is simply absent from later reviews.
type Activity struct {
	ID    string // "a1", "a2", ...: given when the activity is first named
	Name  string
	Score int // 0 unable .. 10 as before the problem
}

// Review is one weekly review as the rules see it.
type Review struct {
	Date       string // the local day it was answered or skipped, YYYY-MM-DD
	Skipped    bool   // offered and skipped: nothing else is set
	BackPain   int    // 0..10 over the last week
	LimbPain   int    // 0..10: leg pain, or arm pain after a neck fusion
	Limb       string // "leg" or "arm"
	Activities []Activity
}

// LimbFor is the limb whose pain the review asks about: the arm after a
// neck fusion, the leg otherwise.
func LimbFor(r Region) string {
	if r == RegionCervical {
		return "arm"
	}
	return "leg"
}

// PSFSMean is the PSFS score of a review, rounded to one decimal; false
// when it rated no activity.
func (r Review) PSFSMean() (float64, bool) {
	if r.Skipped || len(r.Activities) == 0 {
		return 0, false
	}
	sum := 0
	for _, a := range r.Activities {
		sum += a.Score
	}
	return float64(tenths(float64(sum)/float64(len(r.Activities)))) / 10, true
}

// Validate says in one sentence what is wrong with a review, or nil.
func (r Review) Validate() error {
	if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
		return fmt.Errorf("the review's date %q is not a date (YYYY-MM-DD)", r.Date)
	}
	if r.Skipped {
		if r.BackPain != 0 || r.LimbPain != 0 || len(r.Activities) > 0 {
			return fmt.Errorf("a skipped review holds no answers")
		}
		return nil
	}
	if r.Limb != "leg" && r.Limb != "arm" {
		return fmt.Errorf("the review asks leg or arm pain, not %q", r.Limb)
	}
	if !scoreOK(r.BackPain) || !scoreOK(r.LimbPain) {
		return fmt.Errorf("back pain %d and %s pain %d must each be 0 to 10", r.BackPain, r.Limb, r.LimbPain)
	}
	if len(r.Activities) > MaxActivities {
		return fmt.Errorf("%d activities; the scale rates at most %d", len(r.Activities), MaxActivities)
	}
	seen := map[string]bool{}
	for _, a := range r.Activities {
		if err := a.validate(); err != nil {
			return err
		}
		if seen[a.ID] {
			return fmt.Errorf("activity %s is rated twice", a.ID)
		}
		seen[a.ID] = true
	}
	return nil
}

func scoreOK(n int) bool { return n >= 0 && n <= 10 }

func (a Activity) validate() error {
	if !validActivityID(a.ID) {
		return fmt.Errorf("activity id %q is not a letter a and a number", a.ID)
	}
	if strings.TrimSpace(a.Name) == "" || utf8.RuneCountInString(a.Name) > MaxActivityName {
		return fmt.Errorf("activity %s needs a name of 1 to %d characters", a.ID, MaxActivityName)
	}
	if !scoreOK(a.Score) {
		return fmt.Errorf("activity %s is rated %d; the scale is 0 to 10", a.ID, a.Score)
	}
	return nil
}

func validActivityID(id string) bool {
	if len(id) < 2 || len(id) > 6 || id[0] != 'a' || id[1] == '0' {
		return false
	}
	for _, c := range id[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ReviewDue reports whether a session day today (YYYY-MM-DD) is to end
// with the review, given every review stored so far (any order): yes
// when none was ever answered (the first follows the first session ever),
// or the last one answered is ReviewEveryDays days old or more; but not
// on a day one was already answered or skipped (a skip is offered again
// on the next session day).
func ReviewDue(reviews []Review, today string) bool {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return false
	}
	lastAnswered := ""
	for _, r := range reviews {
		if r.Date == today {
			return false
		}
		if !r.Skipped && r.Date > lastAnswered {
			lastAnswered = r.Date
		}
	}
	if lastAnswered == "" {
		return true
	}
	last, err := time.Parse(time.DateOnly, lastAnswered)
	return err == nil && daysApart(last, end) >= ReviewEveryDays
}

// Answered is the reviews answered, skips left out, oldest first.
func Answered(reviews []Review) []Review {
	var out []Review
	for _, r := range reviews {
		if !r.Skipped {
			out = append(out, r)
		}
	}
	sortReviews(out)
	return out
}

func sortReviews(rs []Review) {
	for i := 1; i < len(rs); i++ { // insertion sort: a handful a year, mostly in order
		for j := i; j > 0 && rs[j].Date < rs[j-1].Date; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// CurrentActivities are the activities the next review asks about: the
// latest answered review's, with their last rating.
func CurrentActivities(reviews []Review) []Activity {
	a := Answered(reviews)
	if len(a) == 0 {
		return nil
	}
	return append([]Activity(nil), a[len(a)-1].Activities...)
}

// NextActivityID is the ID of an activity named now: one more than any
// ID any review used, so a retired activity's ID is never reused.
func NextActivityID(reviews []Review, named []Activity) string {
	top := 0
	note := func(id string) {
		var n int
		if _, err := fmt.Sscanf(id, "a%d", &n); err == nil && n > top {
			top = n
		}
	}
	for _, r := range reviews {
		for _, a := range r.Activities {
			note(a.ID)
		}
	}
	for _, a := range named {
		note(a.ID)
	}
	return fmt.Sprintf("a%d", top+1)
}
