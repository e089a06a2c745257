package routine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// ReviewForm is the review's questions in order, one at a time, fed the
// answers as typed: the full-screen page and the plain mode ask the same
// questions, in the same words, through it. Nothing has an answer until
// one is typed: no score is preselected.
//
// Order: back pain; leg (or arm) pain; each activity of the last review
// (rate it, rename it, or retire it); then new activities, until five are
// rated or the patient names none.
type ReviewForm struct {
	step  FormStep
	limb  string
	kept  []Activity // the last review's activities, names as renamed
	at    int        // which of kept is asked
	named Activity   // a new activity, named and waiting for its rating
	past  []Review   // the reviews before: new IDs follow theirs
	out   Review
}

// FormStep is what the form asks now.
type FormStep int

const (
	AskBackPain FormStep = iota // a number 0-10
	AskLimbPain                 // a number 0-10
	AskKept                     // a number 0-10, or r (rename) or x (retire)
	AskRename                   // text: the new name of kept[at]
	AskNewName                  // text, or nothing to finish
	AskNewScore                 // a number 0-10
	FormDone
)

// NewReviewForm starts the review of date (YYYY-MM-DD) after the reviews
// stored so far, asking about limb ("leg" or "arm").
func NewReviewForm(past []Review, limb, date string) ReviewForm {
	return ReviewForm{limb: limb, kept: CurrentActivities(past), past: past, out: Review{Date: date, Limb: limb}}
}

// Step is what the form asks now.
func (f ReviewForm) Step() FormStep { return f.step }

// Done reports whether every question is answered.
func (f ReviewForm) Done() bool { return f.step == FormDone }

// Review is the review answered (complete once Done).
func (f ReviewForm) Review() Review {
	r := f.out
	r.Activities = append([]Activity(nil), f.out.Activities...)
	return r
}

// Limb is the limb whose pain the form asks about.
func (f ReviewForm) Limb() string { return f.limb }

// Question is the question on screen, written out in full.
func (f ReviewForm) Question() string {
	switch f.step {
	case AskBackPain:
		return "Back pain over the last week: 0 (none) to 10 (worst imaginable)?"
	case AskLimbPain:
		return fmt.Sprintf("%s pain over the last week: 0 (none) to 10 (worst imaginable)?", capitalise(f.limb))
	case AskKept:
		a := f.kept[f.at]
		return fmt.Sprintf("Activity %d of %d, %q: last time %d. How well can you do it now, 0 (unable) to 10 (as before the problem)? Or r to rename it, x to retire it.",
			f.at+1, len(f.kept), a.Name, a.Score)
	case AskRename:
		return fmt.Sprintf("New name for %q (its ratings so far stay with it):", f.kept[f.at].Name)
	case AskNewName:
		lead := "Name an activity that is hard because of your back"
		if len(f.out.Activities) > 0 {
			lead = "Name another activity that is hard because of your back"
		}
		return fmt.Sprintf("%s (for example: %s), or press Enter with nothing to finish. %d more can be added.",
			lead, strings.Join(ActivityExamples[:3], ", "), MaxActivities-len(f.out.Activities))
	case AskNewScore:
		return fmt.Sprintf("How well can you do %q now, 0 (unable) to 10 (as before the problem)?", f.named.Name)
	}
	return "The review is complete."
}

// Answer takes what was typed for the question on screen. A refused
// answer leaves the question as it was and says why in one sentence.
func (f ReviewForm) Answer(text string) (ReviewForm, string) {
	text = strings.TrimSpace(text)
	switch f.step {
	case AskBackPain, AskLimbPain, AskNewScore:
		n, why := parseRating(text)
		if why != "" {
			return f, why
		}
		return f.rated(n), ""
	case AskKept:
		return f.answerKept(text)
	case AskRename, AskNewName:
		return f.answerName(text)
	}
	return f, "The review is complete."
}

func parseRating(text string) (int, string) {
	if strings.TrimSpace(text) == "" { // Enter pressed by habit: say what is asked, not what was typed
		return 0, "Type a whole number from 0 to 10, then press Enter."
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 || n > 10 {
		return 0, fmt.Sprintf("%q is not a whole number from 0 to 10.", safetext.Line(clip(text, 20)))
	}
	return n, ""
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "..."
}

func (f ReviewForm) rated(n int) ReviewForm {
	switch f.step {
	case AskBackPain:
		f.out.BackPain, f.step = n, AskLimbPain
	case AskLimbPain:
		f.out.LimbPain = n
		f.step = AskKept
		f.afterKept(0)
	case AskKept:
		a := f.kept[f.at]
		a.Score = n
		f.out.Activities = append(f.out.Activities[:len(f.out.Activities):len(f.out.Activities)], a) // a copy: forms are values
		f.afterKept(f.at + 1)
	case AskNewScore:
		f.named.Score = n
		f.out.Activities = append(f.out.Activities[:len(f.out.Activities):len(f.out.Activities)], f.named)
		f.named = Activity{}
		f.askNew()
	}
	return f
}

// afterKept moves to kept activity i, or past them to the new ones.
func (f *ReviewForm) afterKept(i int) {
	f.at = i
	if i < len(f.kept) {
		f.step = AskKept
		return
	}
	f.askNew()
}

func (f *ReviewForm) askNew() {
	f.step = AskNewName
	if len(f.out.Activities) >= MaxActivities {
		f.step = FormDone
	}
}

func (f ReviewForm) answerKept(text string) (ReviewForm, string) {
	switch strings.ToLower(text) {
	case "r":
		f.step = AskRename
		return f, ""
	case "x":
		f.afterKept(f.at + 1) // retired: its history stays in the earlier reviews
		return f, ""
	}
	n, why := parseRating(text)
	if why != "" {
		return f, why + " Or r to rename it, x to retire it."
	}
	return f.rated(n), ""
}

// answerName takes a typed name: control characters become spaces, and a
// name longer than MaxActivityName is refused, not cut.
func (f ReviewForm) answerName(text string) (ReviewForm, string) {
	name := strings.Join(strings.Fields(safetext.Spaced(text)), " ")
	if name == "" {
		if f.step == AskNewName {
			f.step = FormDone
			return f, ""
		}
		return f, "The new name is empty: type a name, or press Esc to keep the old one."
	}
	if n := utf8.RuneCountInString(name); n > MaxActivityName {
		return f, fmt.Sprintf("That name is %d characters long; %d at most, please.", n, MaxActivityName)
	}
	if f.step == AskRename {
		f.kept = append([]Activity(nil), f.kept...) // a copy: forms are values
		f.kept[f.at].Name = name
		f.step = AskKept
		return f, ""
	}
	f.named = Activity{ID: NextActivityID(f.past, f.out.Activities), Name: name}
	f.step = AskNewScore
	return f, ""
}

// Back leaves a rename without renaming; elsewhere it does nothing.
func (f ReviewForm) Back() ReviewForm {
	if f.step == AskRename {
		f.step = AskKept
	}
	return f
}
