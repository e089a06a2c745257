package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	tuiscreen "github.com/spinecoach/spinecoach/tui/screen"
)

// homeModel shows today's routine and starts the session.
type homeModel struct {
	outbox // m.out: an outcome for the root, which takes it after Update
	theme  *Theme
	plan   *routine.Plan // the root's, shared: never changed in place
	data   *store.Home   // nil while loading
	notice string        // one line from the last screen, e.g. "Session kept"
	// reminders says whether reminders are on, read with data.
	reminders Reminders
	now       func() time.Time
	width     int
	height    int
	// instant is the one instant a frame is drawn at (homeModel.at): nil
	// in the model the root keeps, set on the copy a frame draws.
	instant *homeInstant
}

// homeInstant is the time a frame of the home screen is drawn at, and
// what routine.Upcoming decides then. The page's view and its keys each
// asked the clock, and routine.Upcoming, again (eight times for the
// first frame, each reading today's sessions): read once, every part of
// the frame tells of the same instant.
type homeInstant struct {
	now  time.Time
	next routine.NextSession
}

func (i *homeInstant) clock() time.Time { return i.now }

// at is m for one frame: the clock read once, and what comes next
// decided once, for all that the frame draws. The root keeps m as it
// was; only the copy drawing a frame is given an instant.
func (m homeModel) at() homeModel {
	if m.instant != nil {
		return m
	}
	return m.with(m.instantNow())
}

// instantNow is the instant m draws a frame at now; nil while the records
// load.
func (m homeModel) instantNow() *homeInstant {
	if m.data == nil || m.now == nil {
		return nil
	}
	now := m.now()
	return &homeInstant{now: now, next: routine.Upcoming(m.plan.Routine, m.data.Day, m.data.History.Sessions, now, false)}
}

// with is m drawing at instant i (nil: at no fixed instant).
func (m homeModel) with(i *homeInstant) homeModel {
	if i != nil {
		m.instant, m.now = i, i.clock
	}
	return m
}

// upcoming is routine.Upcoming for today's routine now; m.data and m.now
// are set.
func (m homeModel) upcoming() routine.NextSession {
	if m.instant != nil {
		return m.instant.next
	}
	return routine.Upcoming(m.plan.Routine, m.data.Day, m.data.History.Sessions, m.now(), false)
}

// startMsg asks the root to start (or resume) today's session.
type startMsg struct{ short bool }

// homeKeys is the page's key map: the keys it matches, as the footer
// shows them (Enter's words follow the day; c only while a phase waits).
var homeKeys = struct{ start, short, trends, clear, quit key.Binding }{
	start:  keyEnter,
	short:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "short session")),
	trends: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "trends")),
	clear:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "record clearance")),
	quit:   keyQuit,
}

// openTrendsMsg asks the root for the trends screen.
type openTrendsMsg struct{}

func newHomeModel(t *Theme, p *routine.Plan) homeModel {
	return homeModel{theme: t, plan: p}
}

func (m homeModel) keys() keyMap {
	m = m.at()
	start := "start today's session"
	switch {
	case m.data != nil && m.data.Day.Closed != nil:
		start = "today's advice"
	case m.data != nil && m.data.Open != nil:
		start = "resume or discard the unfinished session"
	case m.nothingMore():
		start = "why not now"
	case m.nextKind() == routine.NextBreak:
		start = "start the stretch break"
	}
	hk := homeKeys
	k := newKeyMap(withHelp(hk.start, "enter", start), hk.short, hk.trends)
	if m.closed() || m.nothingMore() {
		k = newKeyMap(withHelp(hk.start, "enter", start), hk.trends) // no session of any length now
	}
	if m.plan.Waiting != nil {
		k.short = append(k.short, hk.clear)
	}
	k.short = append(k.short, hk.quit)
	return k
}

func (m homeModel) Update(msg tea.Msg) (homeModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	k := homeKeys
	switch {
	case ok && key.Matches(km, k.quit):
		return m, tea.Quit
	case !ok || m.data == nil:
		return m, nil
	}
	switch {
	case key.Matches(km, k.start):
		m.out = startMsg{}
	case key.Matches(km, k.short) && !m.closed() && !m.nothingMore():
		m.out = startMsg{short: true}
	case key.Matches(km, k.clear) && m.plan.Waiting != nil:
		m.out = clearMsg{phase: *m.plan.Waiting}
	case key.Matches(km, k.trends):
		m.out = openTrendsMsg{}
	}
	return m, nil
}

func (m homeModel) View() string {
	m = m.at()
	t := m.theme
	r := m.plan.Routine
	headline := m.plan.Headline
	if m.plan.Week < 0 {
		headline = fmt.Sprintf("Phase %d · %s", r.Phase, r.Name) // the line below says how to set up
	}
	head := []string{t.wrapIn(&t.Title, m.width-2, headline)}
	if r.Summary != "" {
		head = append(head, t.wrapIn(&t.Faint, m.width-2, r.Summary))
	}
	if st, line := m.phaseLine(); line != "" {
		head = append(head, t.wrapIn(st, m.width-2, line))
	}
	for _, line := range m.planLines() {
		head = append(head, t.wrapIn(&t.Highlight, m.width-2, line))
	}
	top := strings.Join(head, "\n")
	status := m.statusView()
	// Everything, the precautions included: what does not fit the window
	// is scrolled to, and the root says so.
	list := m.exerciseList(len(r.Exercises))
	body := top + "\n\n" + status + "\n\n" + list
	return body + precautionsView(t, m.plan.Precautions, m.width, 1<<20)
}

// phaseLine says what waits, and in which of the theme's styles: a phase
// open by date but not yet cleared, the date the next one opens, or how
// to set up. (Styled and wrapped by Theme.wrapIn, as wrap would wrap it
// styled, without wrap's parse of the codes when it takes two lines.)
func (m homeModel) phaseLine() (*lipgloss.Style, string) {
	t, p := m.theme, m.plan
	switch {
	case p.Week < 0:
		return &t.Highlight, "No surgery date set: run spinecoach setup to follow your recovery week by week."
	case p.Waiting != nil:
		return &t.Highlight, fmt.Sprintf("Phase %d · %s is open by date and waits for your clinician's go-ahead: press c once you are cleared.",
			p.Waiting.Phase, p.Waiting.Name)
	case !p.NextOpens.IsZero():
		return &t.Faint, fmt.Sprintf("The next phase opens on %s.", p.NextOpens.Format("Monday 2 January"))
	}
	return nil, ""
}

// exerciseList lists today's exercises with their doses in at most room
// lines, ending with a count of those left out.
func (m homeModel) exerciseList(room int) string {
	t := m.theme
	r, level := m.builtUp(), m.level() // each activity at its time in force
	ex := r.Exercises
	shown := ex
	if len(ex) > room {
		shown = ex[:max(room-1, 1)]
	}
	var next routine.NextSession // what the next session leaves out at its daily maximum
	if m.data != nil && m.now != nil && m.data.Open == nil {
		next = m.upcoming()
	}
	var lines []string
	for _, e := range shown {
		dose := e.DoseText(r.Ladder.Apply(e.Dose, level))
		switch {
		case m.data != nil && m.data.Day.StoppedToday(e.ID):
			dose = "stopped for today by the pain rules"
		case slices.Contains(next.Leave, e.ID):
			dose = routine.MaxText(next.Times)
		case r.Ladder.Drops(e, level):
			dose = "left out at this dose"
		}
		line := "  • " + e.Name + t.line(&t.Faint, " · "+dose)
		if e.Optional {
			line += t.line(&t.Faint, " (optional)")
		}
		lines = append(lines, cutTo(m.width, line))
	}
	if n := len(ex) - len(shown); n > 0 {
		lines = append(lines, t.line(&t.Faint, fmt.Sprintf("  … and %d more: spinecoach routines show %s", n, m.plan.Routine.ID)))
	}
	return strings.Join(lines, "\n")
}

// dueLine says when the next session is due (routine.NextDue, as
// `spinecoach due` says it) and whether reminders are on.
func (m homeModel) dueLine() string {
	if m.now == nil {
		return ""
	}
	w := m.reminders.Window
	if w == (routine.DueWindow{}) {
		w = routine.DefaultDueWindow
	}
	d := routine.NextDue(m.plan.Routine, m.data.Day, m.data.History.Sessions, w, m.now())
	var line string
	switch {
	case m.data.Day.Closed != nil:
		line = "No session due today"
	case d.Kind == routine.DueNow:
		line = "A session is due now"
	case d.Kind == routine.DueLater:
		line = "Next session due at " + d.At.Format("15:04")
	default:
		line = "No more sessions due today"
	}
	if m.reminders.Summary != "" {
		line += " · " + m.reminders.Summary
	}
	return line + "."
}

// reviewLine says that the weekly review is due today (routine.ReviewDue):
// it follows the day's next session or, with none left today, spinecoach
// review asks it. A closed day says nothing of it: rest is its advice.
func (m homeModel) reviewLine() string {
	if m.data == nil || m.closed() || m.now == nil ||
		!routine.ReviewDue(store.ReviewDomains(m.data.Reviews), m.now().Format(time.DateOnly)) {
		return ""
	}
	if m.nothingMore() {
		return "Your weekly review of pain and activities is due: spinecoach review asks it."
	}
	return "Your weekly review of pain and activities follows today's session."
}

// trendLines are the streak and a sparkline of the check-in pain of the
// last 7 days that had one: one line, or two where one does not fit.
func (m homeModel) trendLines() []string {
	days := m.data.Days
	today := m.todayString()
	streak := streakOf(days, today)
	var values []float64
	var labels []string
	for _, d := range lastDays(days, today, 7) {
		if avg, ok := d.BaselineAvg(); ok {
			values = append(values, avg)
			labels = append(labels, strings.TrimSuffix(strconv.FormatFloat(avg, 'f', 1, 64), ".0"))
		}
	}
	var parts []string
	switch {
	case streak >= store.HomeDays:
		parts = append(parts, fmt.Sprintf("%d+ days in a row", store.HomeDays))
	case streak > 1:
		parts = append(parts, fmt.Sprintf("%d days in a row", streak))
	}
	if len(values) > 1 {
		parts = append(parts, "pain before sessions, last 7 days: "+painSparkline(values)+" "+strings.Join(labels, " "))
	}
	if len(parts) == 0 {
		return nil
	}
	// One line when it fits; else the streak and the sparkline each on a
	// line of their own, so that no score is wrapped away from the others.
	if joined := strings.Join(parts, " · "); m.width <= 0 || tuiscreen.Width(joined) <= max(m.width, 20) {
		parts = []string{joined}
	}
	return parts
}

func (m homeModel) todayString() string {
	if m.now == nil {
		return ""
	}
	return m.now().Format(time.DateOnly)
}

// streakOf counts the days with exercise in a row up to today, or up to
// yesterday while today has none yet, as the trends count them.
func streakOf(days []store.Day, today string) int {
	trend := make([]routine.TrendDay, len(days))
	for i, d := range days {
		trend[i] = d.Trend()
	}
	n, _ := routine.Streak(trend, today, "")
	return n
}

// lastDays keeps the records of the n calendar days up to today.
func lastDays(days []store.Day, today string, n int) []store.Day {
	t, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil
	}
	from := t.AddDate(0, 0, 1-n).Format(time.DateOnly)
	var out []store.Day
	for _, d := range days {
		if d.Date >= from && d.Date <= today {
			out = append(out, d)
		}
	}
	return out
}

// level is the dose level in force now, as the rules decided it.
func (m homeModel) level() int {
	if m.data == nil {
		return 0
	}
	return m.data.Day.Level
}

// levelView says at what dose today runs now, and the decision that set
// it: today's start, or the newest cut since.
func (m homeModel) levelView() string {
	d := m.data.Day
	switch {
	case d.Closed != nil:
		return "No more exercise today. " + d.Closed.Reason
	case !d.Started && d.StartLevel == 0:
		return "Dose: the full prescription, unless your check-in pain says otherwise."
	case !d.Started:
		return "Dose: today starts from " + levelWords(d.StartLevel) + ", the level the last session day started at; your check-in pain decides."
	}
	line := "Dose now: " + levelWords(d.Level) + "."
	if d.LastReason != "" {
		line += " " + d.LastReason
	}
	if len(d.Stopped) > 0 {
		var names []string
		for _, s := range d.Stopped {
			names = append(names, s.Exercise)
		}
		line += " Stopped for today: " + strings.Join(names, ", ") + "."
	}
	return line
}

// levelWords names a dose level for the patient.
func levelWords(level int) string {
	switch level {
	case 0:
		return "the full prescription"
	case routine.MaxLevel:
		return fmt.Sprintf("the lightest (step %d of %d down)", level, routine.MaxLevel)
	}
	return fmt.Sprintf("lighter (step %d of %d down)", level, routine.MaxLevel)
}

// statusView says what has happened today and what Enter will do. Each
// paragraph is fitted to the width on its own (as the Width style fits
// the lines of a block), a styled one by the theme (Theme.wrapIn).
func (m homeModel) statusView() string {
	t := m.theme
	if m.data == nil {
		return t.line(&t.Faint, "Reading your records…")
	}
	var paras []string
	add := func(st *lipgloss.Style, text string) {
		if st == nil {
			paras = append(paras, wrap(m.width, text))
			return
		}
		paras = append(paras, t.wrapIn(st, m.width, text))
	}
	if m.notice != "" {
		add(&t.Highlight, m.notice)
	}
	closed := m.data.Day.Closed
	if closed != nil {
		add(nil, lipgloss.NewStyle().Bold(true).Foreground(t.ZoneColor(closed.Of().Zone())).Render(closed.Of().Mark()+" "+closedLine(*closed)))
	} else {
		add(nil, m.levelView())
	}
	switch today, any := m.todayLine(); {
	case closed != nil && !any:
		add(&t.Highlight, closedAdvice(*closed))
	case !any:
		add(nil, today)
	default:
		add(&t.Strong, today)
	}
	if due := m.dueLine(); due != "" {
		add(&t.Faint, due)
	}
	if review := m.reviewLine(); review != "" {
		add(&t.Faint, review)
	}
	for _, line := range m.trendLines() {
		add(&t.Faint, line)
	}
	switch o := m.data.Open; {
	case closed != nil:
		add(nil, "Enter shows today's advice again; t shows your trends.")
	case o != nil:
		add(&t.Highlight, fmt.Sprintf("An unfinished session from %s (%s recorded) is waiting: Enter to resume or discard it.",
			o.StartedAt.Format("Mon 15:04"), plural(m.data.OpenDone, "set", "sets")))
	case m.nothingMore():
		add(nil, "No session is due now; t shows your trends.")
	default:
		add(nil, "Press Enter to start.")
	}
	return strings.Join(paras, "\n")
}

// todayLine says how many of today's sessions were completed and how many
// the pain rules stopped early; any is false when there were none.
func (m homeModel) todayLine() (line string, any bool) {
	closed := m.data.Day.Closed
	done, stopped := 0, 0
	for _, s := range m.data.Today {
		switch {
		case s.Status == store.StatusCompleted:
			done++
		case s.Status == store.StatusStopped && (closed == nil || closed.Rule != routine.RuleWarningSign):
			stopped++
		}
	}
	switch {
	case done == 0 && stopped == 0:
		return "No session done yet today.", false
	case stopped == 0:
		return plural(done, "session", "sessions") + " done today.", true
	}
	return fmt.Sprintf("%s done today, %d stopped early by the pain rules.", plural(done, "session", "sessions"), stopped), true
}

// closedLine says that the rules closed today, when and why.
func closedLine(d routine.Decision) string {
	what := "The session was stopped"
	if d.Rule == routine.RuleWarningSign {
		what = "A warning sign was reported"
	}
	return fmt.Sprintf("%s today at %s: no more exercise today. %s", what, d.At.Format("15:04"), d.Reason)
}

// closed reports a day the rules have closed: no session may begin.
func (m homeModel) closed() bool { return m.data != nil && m.data.Day.Closed != nil }

// nothingMore reports an open day with no session left to start today
// (the routine done and nothing that may repeat, or the daily maximum
// reached): Enter only says why.
func (m homeModel) nothingMore() bool {
	return m.data != nil && !m.closed() && m.data.Open == nil && m.nextKind() == routine.NextNone
}

// closedAdvice is what to do on a closed day: the call a warning sign
// asks for, or rest after pain too high.
func closedAdvice(d routine.Decision) string {
	if d.Rule != routine.RuleWarningSign {
		return "Rest today. If the pain stays this high or gets worse, call your surgeon's office or your care team."
	}
	switch d.Tier {
	case "emergency":
		return "Call your local emergency number now."
	case "surgeon":
		return "Call your surgeon's office today."
	}
	return "Call your local emergency number now if it could be an emergency; otherwise call your surgeon's office today."
}

func (m homeModel) resized(w, h int) homeModel { m.width, m.height = w, h; return m }

// narration is what plain mode says when the page is entered.
func (m homeModel) narration() []string {
	if m.data == nil {
		return nil
	}
	lines := []string{m.plan.Headline + "."}
	if m.notice != "" {
		lines = append(lines, m.notice)
	}
	if closed := m.data.Day.Closed; closed != nil {
		return append(lines, closedLine(*closed), closedAdvice(*closed), "Press Enter to hear today's advice again, or q to quit.")
	}
	today, _ := m.todayLine()
	lines = append(append(lines, m.levelView(), today), m.planLines()...)
	if review := m.reviewLine(); review != "" {
		lines = append(lines, review)
	}
	if m.data.Open != nil {
		return append(lines, "An unfinished session is waiting. Press Enter to resume or discard it, or q to quit.")
	}
	if m.nothingMore() {
		return append(lines, "No session is due now. Press Enter to hear why, or q to quit.")
	}
	return append(lines, "Press Enter to start today's session, s for a short one, or q to quit.")
}
