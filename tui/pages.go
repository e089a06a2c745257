package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// screen is which screen the root shows.
type screen int

const (
	screenHome screen = iota
	screenResume
	screenCheckin
	screenExercise
	screenPain
	screenSummary
	screenWarning
	screenStop
	screenSetup
	screenClearance
	screenTrends
	screenReview
	screenEarly
	screenSign
	screenCount // not a screen: how many there are
)

func (s screen) String() string {
	if s >= 0 && s < screenCount {
		return pageTable[s].name
	}
	return fmt.Sprintf("screen(%d)", int(s))
}

// page is a screen as the root sees it: what it shows, the keys it
// answers (the footer shows the same map), and what plain mode says when
// it is entered. Update, the size and the outcome go through its slot in
// pageTable, typed, so that no page is ever asserted back to its type.
type page interface {
	View() string
	keys() keyMap
	narration() []string // plain mode's lines when the page is entered
}

// model is what a screen's concrete type provides: an update returning
// its own type (its outcome, if any, left in its outbox) and a copy laid
// out for a size.
type model[T any] interface {
	page
	Update(tea.Msg) (T, tea.Cmd)
	resized(w, h int) T
}

// outbox holds the outcome a page reports from an update: the root takes
// it after the update and decides what comes next.
type outbox struct{ out tea.Msg }

func (o *outbox) take() tea.Msg {
	out := o.out
	o.out = nil
	return out
}

// slot is where the table finds a page among the screens, and how the root
// updates it and sizes it. (Its page is the reference screens.page is
// checked against.)
type slot interface {
	update(s *screens, msg tea.Msg) (tea.Cmd, tea.Msg)
	resize(s *screens, w, h int)
	page(s *screens) page
}

// field is the slot of a page of type T: a field of screens.
type field[T model[T], P interface {
	*T
	take() tea.Msg
}] func(*screens) P

func (f field[T, P]) update(s *screens, msg tea.Msg) (tea.Cmd, tea.Msg) {
	p := f(s)
	next, cmd := (*p).Update(msg)
	*p = next
	return cmd, p.take()
}

func (f field[T, P]) resize(s *screens, w, h int) { p := f(s); *p = (*p).resized(w, h) }

func (f field[T, P]) page(s *screens) page { return *f(s) }

// pageOf makes the slot of a field of screens.
func pageOf[T model[T], P interface {
	*T
	take() tea.Msg
}](f func(*screens) P) slot {
	return field[T, P](f)
}

// screens holds a page of each kind. The root keeps them all, so that the
// exercise screen keeps its state while the pain check is shown.
type screens struct {
	home      homeModel
	resume    resumeModel
	checkin   checkinModel
	exercise  exerciseModel
	pain      painModel
	summary   summaryModel
	warning   warningModel
	stop      stopModel
	setup     setupModel
	clearance clearanceModel
	trends    trendsModel
	review    reviewModel
	early     earlyModel
	sign      signModel
}

// page is the page of sc, read from its field directly. A read through
// pageTable's slot would hand the screens to an interface method, which
// Go takes as their escape: each read of the page on screen (its
// question, its keys, its view) then copied the whole root to the heap.
// TestPagesReadAsTheTableDoes checks this against the table.
func (s *screens) page(sc screen) page {
	switch sc {
	case screenHome:
		return s.home
	case screenResume:
		return s.resume
	case screenCheckin:
		return s.checkin
	case screenExercise:
		return s.exercise
	case screenPain:
		return s.pain
	case screenSummary:
		return s.summary
	case screenWarning:
		return s.warning
	case screenStop:
		return s.stop
	case screenSetup:
		return s.setup
	case screenClearance:
		return s.clearance
	case screenTrends:
		return s.trends
	case screenReview:
		return s.review
	case screenEarly:
		return s.early
	case screenSign:
		return s.sign
	}
	return nil
}

// pageEntry is a screen in the table: its name, its page, and what the
// root does differently for it.
type pageEntry struct {
	name      string
	slot      slot
	ownScroll bool // it scrolls itself (a viewport, a form): the root never cuts it
	noTicks   bool // the hold timer's ticks do not reach it
	drivesRun bool // it moves the session run on: the root follows each update (stepped)
}

// pageTable is every screen, keyed by the enum. Adding a screen is its
// own file and, in this file, its constant, its field in screens, its
// entry here and its case in screens.page.
var pageTable = [screenCount]pageEntry{
	screenHome:      {name: "home", slot: pageOf(func(s *screens) *homeModel { return &s.home })},
	screenResume:    {name: "resume", slot: pageOf(func(s *screens) *resumeModel { return &s.resume })},
	screenCheckin:   {name: "check-in", slot: pageOf(func(s *screens) *checkinModel { return &s.checkin })},
	screenExercise:  {name: "exercise", slot: pageOf(func(s *screens) *exerciseModel { return &s.exercise }), drivesRun: true},
	screenPain:      {name: "pain", slot: pageOf(func(s *screens) *painModel { return &s.pain }), noTicks: true},
	screenSummary:   {name: "summary", slot: pageOf(func(s *screens) *summaryModel { return &s.summary }), ownScroll: true},
	screenWarning:   {name: "warning signs", slot: pageOf(func(s *screens) *warningModel { return &s.warning })},
	screenStop:      {name: "stop", slot: pageOf(func(s *screens) *stopModel { return &s.stop })},
	screenSetup:     {name: "setup", slot: pageOf(func(s *screens) *setupModel { return &s.setup }), ownScroll: true, noTicks: true},
	screenClearance: {name: "clearance", slot: pageOf(func(s *screens) *clearanceModel { return &s.clearance })},
	screenTrends:    {name: "trends", slot: pageOf(func(s *screens) *trendsModel { return &s.trends }), ownScroll: true},
	screenReview:    {name: "weekly review", slot: pageOf(func(s *screens) *reviewModel { return &s.review }), noTicks: true},
	screenEarly:     {name: "before its time", slot: pageOf(func(s *screens) *earlyModel { return &s.early })},
	screenSign:      {name: "which sign", slot: pageOf(func(s *screens) *signModel { return &s.sign })},
}
