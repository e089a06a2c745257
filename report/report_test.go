package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
	"github.com/spinecoach/spinecoach/store"
)

var now = time.Date(2026, 11, 22, 20, 0, 0, 0, time.FixedZone("CET", 3600))

func input(days int, history []store.SessionHistory) Input {
	in := routine.TrendInput{Surgery: "2026-11-01"}
	for _, h := range history {
		for _, r := range h.Sets {
			if !r.Skipped {
				in.Sets = append(in.Sets, routine.SetScore{Date: h.Session.StartedAt.Format(time.DateOnly), ExerciseID: r.ExerciseID,
					Exercise: r.Exercise, Baseline: h.Session.Baseline, Pain: r.Pain})
			}
		}
		s := store.Summary(h)
		in.Days = append(in.Days, routine.TrendDay{Date: s.Date, Sessions: 1, Scored: s.Done, BaselineSum: max(s.Baseline, 0),
			Baselines: map[bool]int{true: 1}[s.Baseline >= 0], MaxPain: s.MaxPain})
	}
	r := routine.Routine{ID: "p", Name: "Phase\x1b]0;evil\x07 one", Phase: 1, Rules: routine.DefaultPainRules()}
	return Input{Now: now, Version: "1.2.3", Profile: store.Profile{SurgeryDate: "2026-11-01", Region: "thoracic"},
		Plan: routine.Plan{Routine: r, Week: 3, Day: 21}, Trends: routine.BuildTrends(r.Rules, in, now, days), History: history}
}

func session(at time.Time, baseline int, pains ...int) store.SessionHistory {
	s := store.Session{ID: store.NewSessionID(at), StartedAt: at, RoutineID: "p", Routine: "Phase one", Baseline: baseline,
		Status: store.StatusCompleted}
	h := store.SessionHistory{Session: s}
	for i, p := range pains {
		h.Sets = append(h.Sets, store.SetRecord{SessionID: s.ID, Index: i, ExerciseID: "glide", Exercise: "Glide", SetNo: 1,
			Pain: p, Skipped: p < 0, At: at.Add(time.Duration(i+1) * time.Minute)})
	}
	return h
}

func render(t *testing.T, in Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// An empty window still makes a whole page that says so.
func TestEmptyWindow(t *testing.T) {
	page := render(t, input(90, nil))
	for _, want := range []string{"No check-in or scored set in these days.", "No scored sets in these days.",
		"0 in these days:", "not enough check-ins yet", "<dt>Fusion</dt><dd>upper and middle back (thoracic)</dd>"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q", want)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
		t.Error("the page is cut short")
	}
}

// Text from a file never reaches the page with its control characters,
// and what is markup in it is escaped.
func TestUntrustedText(t *testing.T) {
	in := input(7, []store.SessionHistory{session(now.Add(-2*time.Hour), 2, 3, 4)})
	in.Prescription = "rx<img src=x onerror=alert(1)>\u202e.toml"
	in.History[0].Sets[0].Exercise = "Glide</td><script>alert(1)</script>"
	in.History[0].Decisions = []store.Decision{{SessionID: in.History[0].Session.ID, At: now.Add(-time.Hour), Rule: "amber\x1b[2J",
		ExerciseID: "glide", Exercise: "Glide\x00", Reason: "Glide: pain went <b>up</b>\r\n\x1b[31m, so less."}}
	page := render(t, in)
	for _, bad := range []string{"\x1b", "\x07", "\x00", "\u202e", "<img", "<script", "<b>up"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, want := range []string{"rx&lt;img src=x onerror=alert(1)&gt; .toml", "Glide: pain went &lt;b&gt;up&lt;/b&gt;", "1 · Phase ]0;evil  one"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q", want)
		}
	}
	if got := safetext.Spaced(" a\tb\x7f\u2066c\xff "); got != "a b  c\uFFFD" {
		t.Errorf("Clean: %q", got)
	}
}

// The rules in force are the prescription's when it changes them, and
// the report says so.
func TestRulesSource(t *testing.T) {
	in := input(7, nil)
	if r := Build(in); !strings.Contains(r.RulesSource, "defaults of the pain-monitoring model") || len(r.Rules) != 8 {
		t.Errorf("defaults: %s", r.RulesSource)
	}
	in.Plan.Routine.Rules.AmberPain, in.Prescription = 4, "dr-who.toml"
	r := Build(in)
	if !strings.Contains(r.RulesSource, "differ from spinecoach's defaults: they come from the prescription dr-who.toml") ||
		!strings.Contains(r.Rules[1].Action, "or P ≥ 4") {
		t.Errorf("a prescription's rules: %s / %s", r.RulesSource, r.Rules[1].Action)
	}
	if len(r.Ladder) != 4 || !strings.Contains(r.Ladder[2], "Level 2: 2 reps off, 60%") {
		t.Errorf("ladder %q", r.Ladder)
	}
}

// The chart: a mark per day with a figure, in its traffic light; the
// last date label stays inside the chart.
func TestChart(t *testing.T) {
	h := []store.SessionHistory{session(now.AddDate(0, 0, -3), 2, 3, 5, 6), session(now.AddDate(0, 0, -1), 1, 2)}
	h[0].Decisions = []store.Decision{{SessionID: h[0].Session.ID, At: h[0].Session.StartedAt, Rule: routine.RuleRed, ExerciseID: "glide", Reason: "r"}}
	r := Build(input(30, h))
	c := r.Chart
	if len(c.CheckIns) != 2 || len(c.Highs) != 2 || c.Highs[0].CSS != "red" || c.Highs[1].CSS != "green" || c.Highs[0].Value != "6" {
		t.Errorf("marks %+v %+v", c.CheckIns, c.Highs)
	}
	if c.Highs[0].Y >= c.CheckIns[0].Y || c.Highs[0].X >= c.Highs[1].X {
		t.Errorf("a pain of 6 is not drawn above a check-in of 2, or the days are out of order: %+v", c.Highs)
	}
	if len(c.Events) != 1 || c.Events[0].CSS != "cut" || c.Events[0].Date != h[0].Session.StartedAt.Format(time.DateOnly) {
		t.Errorf("events %+v", c.Events)
	}
	last := c.XTicks[len(c.XTicks)-1]
	if last.Label != "22 Nov" || last.Anchor != "end" || len(c.XTicks) > 8 || len(r.PhoneChart.XTicks) > 4 {
		t.Errorf("ticks %+v / %+v", c.XTicks, r.PhoneChart.XTicks)
	}
	if len(r.Exercises) != 1 || r.Exercises[0].Stopped[0] != "19 Nov" || r.Exercises[0].Bad != "2 of 4 (50%)" {
		t.Errorf("exercises %+v", r.Exercises)
	}
	// A window reaching before the surgery starts on its day.
	if r.From != "2026-11-01" || !strings.Contains(r.Span, "since surgery on 1 November 2026") {
		t.Errorf("from %s, %s", r.From, r.Span)
	}
}
