package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// The report is checked against the exports of the same data file: every
// figure it shows is worked out again here, from the JSON export (and the
// CSV's scores), by code of the test's own, and must be on the page where
// the report says it is.

// exported is the JSON export as the test reads it.
type exported struct {
	Sessions []struct {
		ID        string `json:"id"`
		StartedAt string `json:"started_at"`
		Routine   string `json:"routine"`
		Baseline  int    `json:"baseline_pain"`
		DoseLevel int    `json:"dose_level"`
		Sets      []struct {
			ExerciseID string `json:"exercise_id"`
			Pain       int    `json:"pain"`
			Skipped    bool   `json:"skipped"`
			Skip       string `json:"skip"`
			DoseLevel  int    `json:"dose_level"`
		} `json:"sets"`
		Events []struct {
			Rule       string `json:"rule"`
			ExerciseID string `json:"exercise_id"`
			LevelAfter int    `json:"level_after"`
			Reason     string `json:"reason"`
			Sign       string `json:"sign"`
			Tier       string `json:"tier"`
		} `json:"events"`
	} `json:"sessions"`
}

// figures are what the report must show, worked out from the export.
type figures struct {
	checkIn   map[string]string   // day -> the mean check-in, %.1f
	high      map[string]string   // day -> the highest pain after a set
	calendar  map[string]string   // day -> sessions on a day with a scored set
	weeks     map[string][]string // Monday (or the first day) -> the row's cells
	exercises map[string][]string // exercise id -> sets, rise, amber or red, stopped days
	events    []string            // rule|reason, oldest first
	sessions  int
	days      int // with a session
	recent    string
	scores    int // in the CSV: pain cells and check-ins
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// workOut computes the figures of the days from..to from the exports.
func workOut(t *testing.T, doc exported, csvRows [][]string, from, to string) figures {
	t.Helper()
	f := figures{checkIn: map[string]string{}, high: map[string]string{}, calendar: map[string]string{},
		weeks: map[string][]string{}, exercises: map[string][]string{}}
	dayBaselines := map[string][]float64{}
	dayHigh := map[string]int{}
	daySessions := map[string]int{}
	type week struct {
		days                             []string
		sessions, done, skipped, leftOut int
		high, minLevel, maxLevel         int
	}
	weeks := map[string]*week{}
	weekOf := func(date string) string {
		d, _ := time.Parse(time.DateOnly, date)
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format(time.DateOnly)
		return max(monday, from)
	}
	type ex struct {
		sets, rises, riseSum, bad int
		stopped                   []string
	}
	exs := map[string]*ex{}
	for _, s := range doc.Sessions {
		date := s.StartedAt[:10]
		if date < from || date > to {
			continue
		}
		f.sessions++
		daySessions[date]++
		w := weeks[weekOf(date)]
		if w == nil {
			w = &week{high: -1, minLevel: -1, maxLevel: -1}
			weeks[weekOf(date)] = w
		}
		w.sessions++
		if s.Baseline >= 0 {
			if len(dayBaselines[date]) == 0 {
				w.days = append(w.days, date)
			}
			dayBaselines[date] = append(dayBaselines[date], float64(s.Baseline))
		}
		top := s.DoseLevel
		for _, r := range s.Sets {
			top = max(top, r.DoseLevel)
			if r.Skip == store.LeftOutByRules {
				w.leftOut++
				continue
			}
			if r.Skipped {
				w.skipped++
				continue
			}
			w.done++
			w.high = max(w.high, r.Pain)
			if h, ok := dayHigh[date]; !ok || r.Pain > h {
				dayHigh[date] = r.Pain
			}
			e := exs[r.ExerciseID]
			if e == nil {
				e = &ex{}
				exs[r.ExerciseID] = e
			}
			e.sets++
			b := s.Baseline
			if b >= 0 {
				e.rises++
				e.riseSum += r.Pain - b
			} else {
				b = r.Pain
			}
			// The default pain rules: above 3, amber from a rise of 2 or a 5.
			if r.Pain > 3 && (r.Pain >= 5 || r.Pain-b >= 2) {
				e.bad++
			}
		}
		for _, e := range s.Events {
			if e.Rule == "none" {
				continue // a day's start no rule moved is in the record, but no change of dose
			}
			reason := e.Reason
			if sign := (routine.Decision{Rule: e.Rule, Sign: e.Sign, Tier: e.Tier}).SignText(); sign != "" {
				reason = "The sign: " + sign + ". " + reason // the report names the sign first
			}
			f.events = append(f.events, e.Rule+"|"+reason)
			if e.ExerciseID != "" {
				top = max(top, e.LevelAfter)
				switch e.Rule {
				case "red", "stop-two-reds", "stop-high-pain":
					x := exs[e.ExerciseID]
					if n := len(x.stopped); n == 0 || x.stopped[n-1] != date {
						x.stopped = append(x.stopped, date)
					}
				}
			}
		}
		if s.DoseLevel >= 0 && (w.minLevel < 0 || s.DoseLevel < w.minLevel) {
			w.minLevel = s.DoseLevel
		}
		w.maxLevel = max(w.maxLevel, top)
	}
	for date, bs := range dayBaselines {
		f.checkIn[date] = fmt.Sprintf("%.1f", mean(bs))
	}
	for date, h := range dayHigh {
		f.high[date] = fmt.Sprint(h)
	}
	for date, n := range daySessions {
		f.days++
		if _, ok := dayHigh[date]; ok {
			f.calendar[date] = fmt.Sprint(n)
		}
	}
	for monday, w := range weeks {
		checkIn, high, levels := "–", "–", "-"
		if len(w.days) > 0 {
			var means []float64
			for _, d := range w.days {
				means = append(means, mean(dayBaselines[d]))
			}
			checkIn = fmt.Sprintf("%.1f", mean(means))
		}
		if w.high >= 0 {
			high = fmt.Sprint(w.high)
		}
		switch {
		case w.maxLevel < 0:
		case w.minLevel == w.maxLevel || w.minLevel < 0:
			levels = fmt.Sprint(w.maxLevel)
		default:
			levels = fmt.Sprintf("%d-%d", w.minLevel, w.maxLevel)
		}
		f.weeks[monday] = []string{checkIn, high, fmt.Sprint(w.sessions), fmt.Sprint(w.done), fmt.Sprint(w.skipped), fmt.Sprint(w.leftOut), levels}
	}
	for id, e := range exs {
		rise := "–"
		if e.rises > 0 {
			rise = fmt.Sprintf("%+.1f", float64(e.riseSum)/float64(e.rises))
		}
		stopped := "never"
		if len(e.stopped) > 0 {
			var days []string
			for _, d := range e.stopped {
				t, _ := time.Parse(time.DateOnly, d)
				days = append(days, t.Format("2 Jan"))
			}
			stopped = fmt.Sprintf("%d: %s", len(days), strings.Join(days, ", "))
		}
		pct := int(math.Floor(100*float64(e.bad)/float64(e.sets) + 0.5))
		f.exercises[id] = []string{fmt.Sprint(e.sets), rise, fmt.Sprintf("%d of %d (%d%%)", e.bad, e.sets, pct), stopped}
	}
	// The verdict's recent mean: the last 14 days' daily means.
	end, _ := time.Parse(time.DateOnly, to)
	var recent []float64
	for i := 0; i < 14; i++ {
		if bs := dayBaselines[end.AddDate(0, 0, -i).Format(time.DateOnly)]; len(bs) > 0 {
			recent = append(recent, mean(bs))
		}
	}
	if len(recent) > 0 {
		f.recent = fmt.Sprintf("%.1f", math.Round(mean(recent)*10)/10)
	}
	// The scores of the CSV export: pain cells, and each session's check-in once.
	col := map[string]int{}
	for i, name := range csvRows[0] {
		col[name] = i
	}
	seen := map[string]bool{}
	for _, r := range csvRows[1:] {
		if date := r[col["started_at"]][:10]; date < from || date > to {
			continue
		}
		if r[col["pain"]] != "" {
			f.scores++
		}
		if id := r[col["session_id"]]; !seen[id] && r[col["baseline_pain"]] != "" {
			seen[id] = true
			f.scores++
		}
	}
	return f
}

var (
	reTag   = regexp.MustCompile(`<[^>]*>`)
	reCell  = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	reSpace = regexp.MustCompile(`\s+`)
)

// text is an element's text as a reader sees it.
func text(s string) string {
	return strings.TrimSpace(reSpace.ReplaceAllString(html.UnescapeString(reTag.ReplaceAllString(s, " ")), " "))
}

// rows finds the rows of a table by their data attribute: key -> cells.
func rows(page, attr string) map[string][]string {
	out := map[string][]string{}
	re := regexp.MustCompile(`(?s)<tr[^>]* ` + attr + `="([^"]*)"[^>]*>(.*?)</tr>`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		var cells []string
		for _, c := range reCell.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, text(c[1]))
		}
		out[html.UnescapeString(m[1])] = cells
	}
	return out
}

// marks finds the chart's marks with a data attribute: date -> value.
func marks(page, attr string) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`data-date="([^"]+)"[^>]* ` + attr + `="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// export runs an export of db and returns its bytes.
func export(t *testing.T, db, format string) []byte {
	t.Helper()
	code, out, errOut := runCLI(t, "--db", db, "export", "--format", format)
	if code != 0 {
		t.Fatalf("export %s: exit %d: %s", format, code, errOut)
	}
	return []byte(out)
}

// reportFile runs the report of db over days and returns the page.
func reportFile(t *testing.T, db string, days int) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	code, stdout, errOut := runCLI(t, "--db", db, "report", "--days", fmt.Sprint(days), "--out", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("report: exit %d: %s%s", code, stdout, errOut)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

func sameMap(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s of %s: the report shows %q, the export gives %q", what, k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && g != "0" {
			t.Errorf("%s of %s: the report shows %q, the export has nothing", what, k, g)
		}
	}
}

func checkReportAgainstExport(t *testing.T, db string, days int) string {
	t.Helper()
	t.Setenv("SPINECOACH_NOW", reportNow.Format(time.RFC3339))
	page := reportFile(t, db, days)
	var doc exported
	if err := json.Unmarshal(export(t, db, "json"), &doc); err != nil {
		t.Fatal(err)
	}
	csvRows, err := csv.NewReader(strings.NewReader(string(export(t, db, "csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	to := reportNow.Format(time.DateOnly)
	from := reportNow.AddDate(0, 0, 1-days).Format(time.DateOnly)
	f := workOut(t, doc, csvRows, from, to)

	// The chart: a check-in and a highest score for each day that has one.
	sameMap(t, "the chart's check-in", marks(page, "data-checkin"), f.checkIn)
	sameMap(t, "the chart's highest", marks(page, "data-high"), f.high)
	sameMap(t, "the calendar", marks(page, "data-sessions"), f.calendar)

	// Week by week.
	weeks := rows(page, "data-week")
	if len(weeks) != len(f.weeks) && len(weeks) < (days+6)/7 {
		t.Errorf("%d week rows for %d days", len(weeks), days)
	}
	for monday, want := range f.weeks {
		if got := weeks[monday]; len(got) != 8 || strings.Join(got[1:], "|") != strings.Join(want, "|") {
			t.Errorf("the week of %s: the report shows %q, the export gives %q", monday, got, want)
		}
	}
	done := 0
	for monday, cells := range weeks {
		if _, ok := f.weeks[monday]; !ok && strings.Join(cells[1:], "|") != "–|–|0|0|0|0|-" {
			t.Errorf("the week of %s has no session in the export, but the report shows %q", monday, cells)
		}
		n, _ := strconv.Atoi(cells[4])
		done += n
	}

	// Per exercise.
	exercises := rows(page, "data-exercise")
	if len(exercises) != len(f.exercises) {
		t.Errorf("%d exercise rows, the export has %d exercises", len(exercises), len(f.exercises))
	}
	for id, want := range f.exercises {
		if got := exercises[id]; len(got) != 5 || strings.Join(got[1:], "|") != strings.Join(want, "|") {
			t.Errorf("exercise %s: the report shows %q, the export gives %q", id, got, want)
		}
	}

	// Every decision and stop, in order, with its sentence.
	re := regexp.MustCompile(`(?s)<tr class="[^"]*" data-date="[^"]*" data-rule="([^"]*)">(.*?)</tr>`)
	var events []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		cells := reCell.FindAllStringSubmatch(m[2], -1)
		events = append(events, html.UnescapeString(m[1])+"|"+text(cells[3][1]))
	}
	if strings.Join(events, "\n") != strings.Join(f.events, "\n") {
		t.Errorf("the decisions:\n%s\nthe export's events:\n%s", strings.Join(events, "\n"), strings.Join(f.events, "\n"))
	}
	if want := fmt.Sprintf("%d in these days:", len(f.events)); !strings.Contains(page, want) {
		t.Errorf("no %q", want)
	}

	// The head: sessions and days, the verdict's recent mean.
	body := text(page)
	if want := fmt.Sprintf("Sessions %d on %d of the %d days", f.sessions, f.days, days); !strings.Contains(body, want) {
		t.Errorf("no %q", want)
	}
	if f.recent != "" && !strings.Contains(body, "Baseline pain over the last 14 days: "+f.recent) {
		t.Errorf("the verdict does not give the recent mean %s", f.recent)
	}
	// Every scored set of the window is counted in the weeks: as many as
	// the CSV's pain cells.
	checkIns := 0
	for _, s := range doc.Sessions {
		if d := s.StartedAt[:10]; d >= from && d <= to && s.Baseline >= 0 {
			checkIns++
		}
	}
	if done+checkIns != f.scores {
		t.Errorf("the weeks count %d sets done and there are %d check-ins; the CSV has %d scores", done, checkIns, f.scores)
	}
	return page
}

// A made-up recovery with stops at the check-in, a warning sign, a stop
// for high pain, a phase change, and text from a file that must be
// escaped.
func TestReportAgreesWithTheExportRecovery(t *testing.T) {
	db, _ := recoveryDB(t, 90, func(h []store.SessionHistory) {
		for i := range h {
			if h[i].Session.RoutineID == "phase3-dynamic" {
				h[i].Session.Routine = `Dynamic <b>stability</b> & "more"`
			}
		}
		for i := range h[3].Sets {
			h[3].Sets[i].Exercise = "Pelvic tilt <script>alert(1)</script>"
		}
	})
	page := checkReportAgainstExport(t, db, 90)
	for _, bad := range []string{"<script>", "<b>stability", "\x1b"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q from the data file", bad)
		}
	}
	for _, want := range []string{
		"→ Dynamic &lt;b&gt;stability&lt;/b&gt; &amp; &#34;more&#34;", // the phase change on the chart, escaped
		`data-rule="warning-sign"><td class="nowrap head">29 Oct 08:30</td><td class="rule"><span class="mk stop">■</span> warning sign</td>`,
		`data-rule="baseline-stop"><td class="nowrap head">14 Oct 08:30</td><td class="rule"><span class="mk stop">■</span> check-in stop</td>`,
		`<span class="mk stop">■</span> stop: high pain</td>`,
		"<dt>Surgery</dt><dd>16 August 2026</dd>",
		"<dt>Now</dt><dd>week 14 after surgery (day 98)</dd>",
		"<dt>Fusion</dt><dd>lower back (lumbar)</dd>",
		"<dt>Cleared for</dt><dd>phase 3, recorded 29 September 2026</dd>",
		"<dt>Days covered</dt><dd>25 August 2026 to 22 November 2026 (90 days)</dd>",
		"spinecoach dev",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q", want)
		}
	}
	// Nothing to run and nothing to fetch: the only addresses are the SVG
	// namespace's.
	if strings.Contains(page, "<script") || strings.Count(page, "http") != strings.Count(page, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("the page has a script or an address")
	}
	for _, fetch := range []string{"src=", "href=", "@import", "url("} {
		if strings.Contains(page, fetch) {
			t.Errorf("the page fetches something: %q", fetch)
		}
	}
}

// The benchmarks' history: six sessions a day, an amber in most.
func TestReportAgreesWithTheExportFakeHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spinecoach.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc := reportNow.Location()
	first := time.Date(2026, 8, 1, 0, 0, 0, 0, loc)
	if _, err := st.Import(fakehistory.Days(rand.New(rand.NewPCG(7, 7)), first, 0, 114)); err != nil {
		t.Fatal(err)
	}
	if err := st.PutProfile(store.Profile{SurgeryDate: "2026-07-30", Region: "cervical", ClearedPhase: 5, ClearedAt: first}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	page := checkReportAgainstExport(t, path, 30)
	if !strings.Contains(page, "<dt>Fusion</dt><dd>neck (cervical)</dd>") {
		t.Error("the region")
	}
	// A window longer than the time since surgery starts on its day.
	page = reportFile(t, path, 365)
	if !strings.Contains(page, "since surgery on 30 July 2026 (116 days)") {
		t.Errorf("a year's window does not start at surgery")
	}
}

// The report refuses a terminal for its page and bad windows; each
// refusal is one sentence.
func TestReportUsage(t *testing.T) {
	db, _ := recoveryDB(t, 7, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--days", "0"}, "--days must be from 1 to 3650"},
		{[]string{"report", "extra"}, `unexpected "extra"`},
	} {
		code, _, errOut := runCLI(t, append([]string{"--db", db}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, %q", tc.args, code, errOut)
		}
	}
	out := filepath.Join(t.TempDir(), "r.html")
	os.WriteFile(out, []byte("mine"), 0o600)
	if code, _, errOut := runCLI(t, "--db", db, "report", "--out", out); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("an existing file: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(out); string(b) != "mine" {
		t.Error("an existing file was overwritten")
	}
	// No --out: the page goes to standard output.
	t.Setenv("SPINECOACH_NOW", reportNow.Format(time.RFC3339))
	code, stdout, _ := runCLI(t, "--db", db, "report", "--days", "7")
	if code != 0 || !strings.HasPrefix(stdout, "<!DOCTYPE html>") {
		t.Errorf("to standard output: exit %d, %.40q", code, stdout)
	}
}
