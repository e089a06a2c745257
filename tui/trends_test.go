package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

// trendsNow is the fake clock of the trends tests: a Sunday evening.
var trendsNow = time.Date(2026, 11, 22, 20, 0, 0, 0, time.FixedZone("CET", 3600))

// trendsHistory writes five weeks of sessions into st through the real
// store (one ImportJSON): check-in pain about 5.5 from 27 to 14 days ago
// and about 3.5 since, the quadriceps pull often amber or red, a few days
// off, two days with two sessions, and a warning-sign stop on the last.
func trendsHistory(t testing.TB, st *store.Store) {
	t.Helper()
	var sessions []map[string]any
	for age := 34; age >= 0; age-- {
		if age%9 == 4 {
			continue // a day off
		}
		b := 5 + age%2
		if age < routine.VerdictDays {
			b = 3 + age%2
		}
		day := trendsNow.AddDate(0, 0, -age)
		sessions = append(sessions, historySession(day, 9, b, age%5 == 0))
		if age%7 == 2 {
			sessions = append(sessions, historySession(day, 15, b, false))
		}
	}
	sessions = append(sessions, warningStop(trendsNow.Add(-2*time.Hour)))
	doc, err := json.Marshal(map[string]any{"format": "spinecoach-export", "version": 1, "sessions": sessions})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportJSON(bytes.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
}

// historySession is one completed session of four sets at hour on day,
// with an amber decision when cut is set.
func historySession(day time.Time, hour, baseline int, cut bool) map[string]any {
	start := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, day.Location())
	id := store.NewSessionID(start)
	sets := []map[string]any{}
	for i, s := range []struct {
		id, name, side string
		pain           int
	}{
		{"straight-leg-glide", "Straight-leg nerve glide", "left", 2}, // green whatever the check-in
		{"straight-leg-glide", "Straight-leg nerve glide", "right", 3},
		{"quad-pull", "Quadriceps pull", "left", baseline + 2}, // amber or worse
		{"quad-pull", "Quadriceps pull", "right", baseline + 3},
	} {
		sets = append(sets, map[string]any{"session_id": id, "index": i, "exercise_id": s.id, "exercise": s.name,
			"side": s.side, "set": 1, "reps_planned": 3, "reps_done": 3, "hold_s": 30, "pain": s.pain,
			"at": start.Add(time.Duration(i+1) * 4 * time.Minute).Format(time.RFC3339)})
	}
	events := []map[string]any{}
	if cut {
		events = append(events, map[string]any{"session_id": id, "seq": 0, "at": start.Add(12 * time.Minute).Format(time.RFC3339),
			"rule": "amber", "exercise_id": "quad-pull", "exercise": "Quadriceps pull", "side": "left", "level_before": 0, "level_after": 1,
			"reason": fmt.Sprintf("Quadriceps pull, left side: pain went from %d to %d, so the dose for the rest of today is 2 holds of 25 s, each side.", baseline, baseline+2)})
	}
	return map[string]any{"id": id, "started_at": start.Format(time.RFC3339), "ended_at": start.Add(30 * time.Minute).Format(time.RFC3339),
		"routine_id": "phase1", "routine": "Nerve glides and pulls", "baseline_pain": baseline, "status": "completed",
		"sets": sets, "events": events}
}

// warningStop is a session stopped for a warning sign before any set.
func warningStop(start time.Time) map[string]any {
	id := store.NewSessionID(start)
	reason := "You reported a warning sign before the session, so there is no exercise today."
	return map[string]any{"id": id, "started_at": start.Format(time.RFC3339), "ended_at": start.Format(time.RFC3339),
		"routine_id": "phase1", "routine": "Nerve glides and pulls", "baseline_pain": 4, "status": "stopped", "note": reason,
		"sets": []any{}, "events": []map[string]any{{"session_id": id, "seq": 0, "at": start.Format(time.RFC3339),
			"rule": routine.RuleWarningSign, "level_before": 0, "level_after": 0, "reason": reason}}}
}

// loadedTrends runs loadTrends and returns its data.
func loadedTrends(t *testing.T, st *store.Store, days int) trendsData {
	t.Helper()
	msg := loadTrends(st, routine.DefaultPainRules(), trendsNow, days)()
	loaded, ok := msg.(trendsLoadedMsg)
	if !ok {
		t.Fatalf("loadTrends gave %#v", msg)
	}
	return loaded.data
}

// trendsScreen is the screen as the root lays it out in a w x h terminal.
func trendsScreen(t *testing.T, st *store.Store, days, w, h int) trendsModel {
	t.Helper()
	m := newTrendsModel(DefaultTheme(), loadedTrends(t, st, days), trendsNow)
	m.setSize(w-2, h-5) // the root's padding, header and footer
	return m
}

func historyStore(t *testing.T) *store.Store {
	t.Helper()
	st := openTestStore(t, t.TempDir())
	t.Cleanup(func() { _ = st.Close() })
	trendsHistory(t, st)
	return st
}

func TestLoadTrends(t *testing.T) {
	st := historyStore(t)
	d := loadedTrends(t, st, 90)
	tr := d.trends
	if d.days != 90 || tr.Window != 90 || len(tr.Series) != 90 || tr.Today != "2026-11-22" {
		t.Fatalf("window %d/%d, %d points, today %s", d.days, tr.Window, len(tr.Series), tr.Today)
	}
	// 35 days less 4 days off; 5 days with a second session; today's
	// warning-sign stop counts with today's session (a day's sessions are
	// those started on it, on a day with exercise).
	if tr.ActiveDays != 31 || tr.SessionDays != 31 || tr.Sessions != 37 {
		t.Errorf("%d sessions on %d days, %d with exercise; want 37 on 31, 31", tr.Sessions, tr.SessionDays, tr.ActiveDays)
	}
	v := tr.Verdict
	if v.Kind != routine.Better || v.Recent != 3.5 || v.Earlier != 5.5 {
		t.Errorf("verdict %+v", v)
	}
	if len(tr.Exercises) != 2 || tr.Exercises[0].Exercise != "Quadriceps pull" || !tr.Exercises[0].Often ||
		tr.Exercises[0].Sets != 72 || tr.Exercises[0].AvgRise != 2.5 || tr.Exercises[1].Often {
		t.Errorf("exercises %+v", tr.Exercises)
	}
	if len(tr.CutBacks) != 7 || tr.CutBacks[0].Rule != routine.RuleAmber {
		t.Errorf("cut-backs %+v", tr.CutBacks)
	}
	if len(tr.Stops) != 1 || tr.Stops[0].Rule != routine.RuleWarningSign {
		t.Errorf("stops %+v", tr.Stops)
	}
	// Today's only session stopped before any exercise: the streak counts
	// to yesterday.
	if tr.Streak != 4 {
		t.Errorf("streak %d, want 4", tr.Streak)
	}
	week := loadedTrends(t, st, 7).trends
	if week.Window != 7 || week.Exercises[0].Sets != 2*7 {
		t.Errorf("a week: %+v", week.Exercises)
	}
}

func TestLoadTrendsError(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if msg, ok := loadTrends(st, routine.DefaultPainRules(), trendsNow, 90)().(errMsg); !ok || msg.fatal {
		t.Errorf("a closed store gave %#v, want a non-fatal errMsg", msg)
	}
}

func TestTrendsKeys(t *testing.T) {
	st := historyStore(t)
	tests := []struct {
		keys    []string
		out     tea.Msg
		pending int
	}{
		{[]string{"1"}, trendsWindowMsg{days: 7}, 7},
		{[]string{"2"}, trendsWindowMsg{days: 30}, 30},
		{[]string{"3"}, nil, 0}, // the window on screen: nothing to read
		{[]string{"4"}, trendsWindowMsg{days: 365}, 365},
		{[]string{"w"}, trendsWindowMsg{days: 365}, 365},
		{[]string{"4", "w"}, trendsWindowMsg{days: 7}, 7}, // round to the shortest
		{[]string{"q"}, backMsg{}, 0},
		{[]string{"esc"}, backMsg{}, 0},
		{[]string{"enter"}, backMsg{}, 0},
		{[]string{"x"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			m := trendsScreen(t, st, 90, 80, 24)
			for _, k := range tt.keys {
				msg := keyMsg(k)
				if k == "esc" {
					msg = tea.KeyMsg{Type: tea.KeyEsc}
				}
				m, _ = m.Update(msg)
			}
			if m.out != tt.out || m.pending != tt.pending {
				t.Errorf("out %#v pending %d, want %#v pending %d", m.out, m.pending, tt.out, tt.pending)
			}
		})
	}
	m := trendsScreen(t, st, 90, 80, 24)
	m, _ = m.Update(keyMsg("1"))
	if !strings.Contains(m.View(), "reading the last 7 days") {
		t.Errorf("a window being read is not said:\n%s", m.View())
	}
}

func TestTrendsScroll(t *testing.T) {
	st := historyStore(t)
	m := trendsScreen(t, st, 90, 80, 24)
	if !strings.Contains(m.View(), "↓ more below") || strings.Contains(m.View(), "pain went from") {
		t.Fatalf("the first screen:\n%s", m.View())
	}
	end := m.maxOffset()
	if end < 10 {
		t.Fatalf("max offset %d: the lower part should scroll", end)
	}
	for i := 0; i < end+5; i++ { // past the end: held there
		m, _ = m.Update(keyMsg("j"))
	}
	v := m.View()
	if m.offset != end || !strings.Contains(v, "pain went from") || !strings.Contains(v, "press k or ↑") {
		t.Errorf("offset %d of %d:\n%s", m.offset, end, v)
	}
	if n := strings.Count(v, "\n") + 1; n > m.height {
		t.Errorf("%d lines at the end, room for %d", n, m.height)
	}
	for m.offset > m.room(m.topView()) {
		before := m.offset
		if m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgUp}); m.offset != before-m.room(m.topView())+1 {
			t.Fatalf("a page up from %d went to %d", before, m.offset)
		}
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgUp})
	m, _ = m.Update(keyMsg("k"))
	if m.offset != 0 {
		t.Errorf("offset %d after paging back up", m.offset)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	if m.offset != m.room(m.topView())-1 {
		t.Errorf("a page down went to %d", m.offset)
	}
}

// Every window fits every size from the smallest the root allows, the
// verdict always on screen; an empty file says there is nothing yet.
func TestTrendsFit(t *testing.T) {
	full := historyStore(t)
	empty := openTestStore(t, t.TempDir())
	t.Cleanup(func() { _ = empty.Close() })
	for _, st := range []*store.Store{full, empty} {
		for _, size := range [][2]int{{minWidth, minHeight}, {80, 24}, {100, 30}, {120, 40}, {200, 60}} {
			for _, days := range routine.TrendWindows {
				m := trendsScreen(t, st, days, size[0], size[1])
				for _, keys := range []string{"", "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"} {
					for _, k := range keys {
						m, _ = m.Update(keyMsg(string(k)))
					}
					v := m.View()
					lines := strings.Split(v, "\n")
					if len(lines) > m.height {
						t.Errorf("%dx%d, %d days: %d lines, room for %d", size[0], size[1], days, len(lines), m.height)
					}
					for i, l := range lines {
						if w := lipglossWidth(l); w > m.width {
							t.Errorf("%dx%d, %d days: line %d is %d wide: %q", size[0], size[1], days, i+1, w, l)
						}
					}
					if !strings.Contains(strings.Join(strings.Fields(v), " "), "Baseline pain over the last 14 days") {
						t.Errorf("%dx%d, %d days: no verdict:\n%s", size[0], size[1], days, v)
					}
				}
			}
		}
	}
	m := trendsScreen(t, empty, 90, 80, 24)
	for _, want := range []string{"not enough check-ins yet", "No scored sets in this window."} {
		for i := 0; i < 20 && !strings.Contains(m.View(), want); i++ {
			m, _ = m.Update(keyMsg("j"))
		}
		if !strings.Contains(strings.Join(strings.Fields(m.View()), " "), want) {
			t.Errorf("an empty file does not say %q:\n%s", want, m.View())
		}
	}
}

func TestTrendsLoading(t *testing.T) {
	m := newTrendsModel(DefaultTheme(), trendsData{}, trendsNow)
	m.width, m.height = 78, 19
	if m.View() != "Reading your records…" {
		t.Errorf("before the data: %q", m.View())
	}
	if m, _ = m.Update(keyMsg("j")); m.offset != 0 {
		t.Error("scrolled with nothing to show")
	}
}

// Golden views of the trends screen, colours off, on the fake clock.
func TestTrendsGolden(t *testing.T) {
	st := historyStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			golden.RequireEqual(t, []byte(trendsScreen(t, st, 90, size[0], size[1]).View()))
		})
	}
}

// The body (chart, table, grid) is drawn once for its inputs: a new
// window, a resize or the help opening below it draws it again, so the
// screen always shows what a screen drawn from nothing would.
func TestTrendsRedraw(t *testing.T) {
	st := historyStore(t)
	h := newHarnessAt(t, st, trendsNow, nil)
	var last string
	step := func(what string, days int, msgs ...tea.Msg) {
		t.Helper()
		for _, m := range msgs {
			h.send(m)
		}
		if h.screen() != screenTrends {
			t.Fatalf("%s: on %v", what, h.screen())
		}
		got := h.app.trends
		if got.body.lines == nil || got.body.width != got.width || got.body.height != got.height {
			t.Fatalf("%s: body drawn for %dx%d on a %dx%d screen", what, got.body.width, got.body.height, got.width, got.height)
		}
		fresh := newTrendsModel(DefaultTheme(), loadedTrends(t, st, days), trendsNow)
		fresh.width, fresh.height = h.app.width-2, h.app.bodyHeight()
		body := strings.Join(got.body.lines, "\n")
		if want := strings.Join(fresh.drawBody(), "\n"); body != want {
			t.Errorf("%s: a stale body:\n%s\nwant:\n%s", what, body, want)
		}
		if got.View() != fresh.View() {
			t.Errorf("%s: the screen:\n%s\nwant:\n%s", what, got.View(), fresh.View())
		}
		if !strings.Contains(body, fmt.Sprintf("Exercises, last %d days", days)) {
			t.Errorf("%s: the table is not of the last %d days:\n%s", what, days, body)
		}
		if body == last && !strings.HasPrefix(what, "help open") {
			t.Errorf("%s: the body did not change", what)
		}
		last = body
	}
	step("opened", 90, tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("t"))
	step("key 1", 7, keyMsg("1"))
	before := h.app.trends
	step("wider and taller", 7, tea.WindowSizeMsg{Width: 200, Height: 60})
	step("just tall enough", 7, tea.WindowSizeMsg{Width: 120, Height: 35})
	step("help open: fewer lines, the same chart", 7, keyMsg("?")) // the chart keeps its rows and scrolls
	step("small", 7, tea.WindowSizeMsg{Width: 80, Height: 24})
	step("key w", 30, keyMsg("w"))
	// A copy taken before the resizes keeps a body of its own size.
	fresh := newTrendsModel(DefaultTheme(), loadedTrends(t, st, 7), trendsNow)
	fresh.width, fresh.height = before.width, before.height
	if before.View() != fresh.View() {
		t.Errorf("an earlier copy changed:\n%s\nwant:\n%s", before.View(), fresh.View())
	}
}

// Every score has a row of its own on the chart at 80x24 (5 is amber and 6
// red), and a window reaching back past the surgery starts on its day.
func TestTrendsChartRows(t *testing.T) {
	now := trendsNow
	in := routine.TrendInput{Surgery: now.AddDate(0, 0, -9).Format(time.DateOnly)}
	for age, pain := range []int{6, 5, 4, 3} {
		in.Days = append(in.Days, routine.TrendDay{Date: now.AddDate(0, 0, -age).Format(time.DateOnly),
			Sessions: 1, Scored: 1, BaselineSum: 1, Baselines: 1, MaxPain: pain})
	}
	tr := routine.BuildTrends(routine.DefaultPainRules(), in, now, 365)
	m := newTrendsModel(DefaultTheme(), trendsData{days: 365, trends: tr}, now)
	m.setSize(78, 19)
	lines := m.bodyLines()
	chart := strings.Join(lines[:chartHeight], "\n")
	dots, dotLines := 0, 0
	for _, l := range lines[:chartHeight] {
		if n := strings.Count(l, "•"); n > 0 {
			dots += n
			dotLines++
		}
	}
	// Four days scored 6, 5, 4 and 3 after a set: four dots on four rows.
	if dots != 4 || dotLines != 4 {
		t.Errorf("%d dots on %d lines, want 4 on 4:\n%s", dots, dotLines, chart)
	}
	if tr.Days() != 10 || !strings.Contains(m.topView(), "since surgery on 13 November 2026 (10 days)") {
		t.Errorf("%d days shown; top:\n%s", tr.Days(), m.topView())
	}
	if axis := lines[chartHeight-1]; !strings.Contains(axis, "13 Nov") {
		t.Errorf("the time axis does not start on the day of surgery: %q", axis)
	}
}

// A warning sign is listed among the stops, not among the cut-backs.
func TestTrendsStopsListed(t *testing.T) {
	m := trendsScreen(t, historyStore(t), 90, 120, 40)
	body := strings.Join(m.bodyLines(), "\n")
	cut := strings.Index(body, "Recent cut-backs")
	stops := strings.Index(body, "Warning signs and stops at the check-in")
	warn := strings.Index(body, "You reported a warning sign")
	if cut < 0 || stops < cut || warn < stops {
		t.Errorf("cut-backs at %d, stops at %d, the warning at %d:\n%s", cut, stops, warn, body)
	}
}

// The title and the session count share a line where they fit; where they
// do not (a window since surgery at 80 columns), the count takes a second
// line whole instead of being cut off mid-word.
func TestTrendsTitleIsNeverCut(t *testing.T) {
	now := trendsNow
	in := routine.TrendInput{Surgery: now.AddDate(0, 0, -9).Format(time.DateOnly)}
	for age := range 7 {
		in.Days = append(in.Days, routine.TrendDay{Date: now.AddDate(0, 0, -age).Format(time.DateOnly),
			Sessions: 6, Scored: 60, BaselineSum: 12, Baselines: 6, MaxPain: 4})
	}
	tr := routine.BuildTrends(routine.DefaultPainRules(), in, now, 90)
	for _, width := range []int{79, 120} {
		m := newTrendsModel(DefaultTheme(), trendsData{days: 90, trends: tr}, now)
		m.setSize(width, 24)
		top := ansi.Strip(m.topView())
		if !strings.Contains(top, "since surgery on 13 November 2026 (10 days)") || !strings.Contains(top, "42 sessions on 7 days") {
			t.Errorf("width %d: the title is cut:\n%s", width, top)
		}
		first := strings.SplitN(top, "\n", 2)[0]
		if oneLine := strings.Contains(first, "42 sessions"); oneLine != (width == 120) {
			t.Errorf("width %d: title line %q", width, first)
		}
		for _, l := range strings.Split(top, "\n") {
			if ansi.StringWidth(l) > width {
				t.Errorf("width %d: a line of %d columns: %q", width, ansi.StringWidth(l), l)
			}
		}
	}
}
