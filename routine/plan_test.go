package routine

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	_ "time/tzdata" // the DST and zone cases need Europe/Berlin and others on any machine
)

// planSurgery is the surgery date most plan tests count from.
var planSurgery = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// planAt is 10:00 UTC on the given day after planSurgery.
func planAt(day int) time.Time {
	return time.Date(2026, 1, 5+day, 10, 0, 0, 0, time.UTC)
}

func planShipped(t *testing.T) Program {
	t.Helper()
	p, err := LoadProgram(os.DirFS("../assets"), "routines")
	if err != nil {
		t.Fatalf("the shipped routines do not load: %v", err)
	}
	if len(p.Routines) != 5 {
		t.Fatalf("shipped program has %d routines, want 5", len(p.Routines))
	}
	return p
}

func planRoutine(phase, opens int, clearance bool, precautions ...string) Routine {
	return Routine{
		ID: "p" + string(rune('0'+phase)), Name: "Phase " + string(rune('0'+phase)),
		Phase: phase, OpensWeek: opens, NeedsClearance: clearance, Precautions: precautions,
	}
}

func planMust(t *testing.T, p Program, r Recovery, now time.Time) Plan {
	t.Helper()
	plan, err := PlanFor(p, r, now)
	if err != nil {
		t.Fatalf("PlanFor(%+v, %s): %v", r, now, err)
	}
	return plan
}

func TestShippedProgramPhases(t *testing.T) {
	p := planShipped(t)
	want := []struct {
		phase, opens int
		clearance    bool
	}{{1, 0, false}, {2, 1, false}, {3, 6, true}, {4, 9, true}, {5, 12, true}}
	for i, w := range want {
		r := p.Routines[i]
		if r.Phase != w.phase || r.OpensWeek != w.opens || r.NeedsClearance != w.clearance {
			t.Errorf("routine %d: phase %d opens week %d clearance %v, want %+v", i, r.Phase, r.OpensWeek, r.NeedsClearance, w)
		}
	}
}

// TestPlanForWeekBoundaries walks every phase boundary of the shipped
// program for every clearance 0..5. Per clearance: the phase chosen, the
// phase waiting for clearance (0: none) and the day the next phase opens
// (-1: zero time).
func TestPlanForWeekBoundaries(t *testing.T) {
	p := planShipped(t)
	tests := []struct {
		day, week int
		phase     [6]int
		waiting   [6]int
		nextOpens [6]int
	}{
		{6, 0, [6]int{1, 1, 1, 1, 1, 1}, [6]int{}, [6]int{7, 7, 7, 7, 7, 7}},
		{7, 1, [6]int{2, 2, 2, 2, 2, 2}, [6]int{}, [6]int{42, 42, 42, 42, 42, 42}},
		{41, 5, [6]int{2, 2, 2, 2, 2, 2}, [6]int{}, [6]int{42, 42, 42, 42, 42, 42}},
		{42, 6, [6]int{2, 2, 2, 3, 3, 3}, [6]int{3, 3, 3, 0, 0, 0}, [6]int{-1, -1, -1, 63, 63, 63}},
		{62, 8, [6]int{2, 2, 2, 3, 3, 3}, [6]int{3, 3, 3, 0, 0, 0}, [6]int{-1, -1, -1, 63, 63, 63}},
		{63, 9, [6]int{2, 2, 2, 3, 4, 4}, [6]int{3, 3, 3, 4, 0, 0}, [6]int{-1, -1, -1, -1, 84, 84}},
		{83, 11, [6]int{2, 2, 2, 3, 4, 4}, [6]int{3, 3, 3, 4, 0, 0}, [6]int{-1, -1, -1, -1, 84, 84}},
		{84, 12, [6]int{2, 2, 2, 3, 4, 5}, [6]int{3, 3, 3, 4, 5, 0}, [6]int{-1, -1, -1, -1, -1, -1}},
	}
	for _, tt := range tests {
		for cleared := 0; cleared <= 5; cleared++ {
			plan := planMust(t, p, Recovery{SurgeryDate: planSurgery, Region: RegionLumbar, ClearedPhase: cleared}, planAt(tt.day))
			name := func() string { return fmt.Sprintf("day %d cleared %d", tt.day, cleared) }
			if plan.Day != tt.day || plan.Week != tt.week {
				t.Errorf("%s: day %d week %d, want day %d week %d", name(), plan.Day, plan.Week, tt.day, tt.week)
			}
			if got := plan.Routine.Phase; got != tt.phase[cleared] {
				t.Errorf("%s: phase %d, want %d", name(), got, tt.phase[cleared])
			}
			if plan.Routine.NeedsClearance && cleared < plan.Routine.Phase {
				t.Errorf("%s: chose uncleared phase %d", name(), plan.Routine.Phase)
			}
			gotWaiting := 0
			if plan.Waiting != nil {
				gotWaiting = plan.Waiting.Phase
			}
			if gotWaiting != tt.waiting[cleared] {
				t.Errorf("%s: waiting phase %d, want %d", name(), gotWaiting, tt.waiting[cleared])
			}
			var wantNext time.Time
			if d := tt.nextOpens[cleared]; d >= 0 {
				wantNext = time.Date(2026, 1, 5+d, 0, 0, 0, 0, time.UTC)
			}
			if !plan.NextOpens.Equal(wantNext) {
				t.Errorf("%s: next opens %v, want %v", name(), plan.NextOpens, wantNext)
			}
		}
	}
}

func TestPlanForBriefCases(t *testing.T) {
	p := planShipped(t)
	tests := []struct {
		name        string
		day         int
		cleared     int
		wantPhase   int
		wantWaiting int // 0: nil
		wantNext    int // day the next phase opens; -1: zero time
	}{
		{"cleared 5 at week 20", 20 * 7, 5, 5, 0, -1},
		{"cleared 5 at week 3", 3 * 7, 5, 2, 0, 42},
		{"cleared 2 at week 7", 7 * 7, 2, 2, 3, -1},
		{"400 days, nothing cleared", 400, 0, 2, 3, -1},
		{"day of surgery", 0, 0, 1, 0, 7},
		{"cleared 3 at week 20", 20 * 7, 3, 3, 4, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planMust(t, p, Recovery{SurgeryDate: planSurgery, ClearedPhase: tt.cleared}, planAt(tt.day))
			if plan.Routine.Phase != tt.wantPhase {
				t.Errorf("phase %d, want %d", plan.Routine.Phase, tt.wantPhase)
			}
			switch {
			case tt.wantWaiting == 0 && plan.Waiting != nil:
				t.Errorf("waiting phase %d, want none", plan.Waiting.Phase)
			case tt.wantWaiting != 0 && (plan.Waiting == nil || plan.Waiting.Phase != tt.wantWaiting):
				t.Errorf("waiting %v, want phase %d", plan.Waiting, tt.wantWaiting)
			}
			var want time.Time
			if tt.wantNext >= 0 {
				want = planSurgery.AddDate(0, 0, tt.wantNext)
			}
			if !plan.NextOpens.Equal(want) {
				t.Errorf("next opens %v, want %v", plan.NextOpens, want)
			}
			if plan.Day != tt.day || plan.Week != tt.day/7 {
				t.Errorf("day %d week %d, want %d and %d", plan.Day, plan.Week, tt.day, tt.day/7)
			}
		})
	}
}

func TestPlanForNoSurgeryDate(t *testing.T) {
	p := planShipped(t)
	for cleared := 0; cleared <= 5; cleared++ {
		plan := planMust(t, p, Recovery{ClearedPhase: cleared}, planAt(100))
		if plan.Routine.Phase != 1 || plan.Week != -1 || plan.Day != -1 || plan.Waiting != nil || !plan.NextOpens.IsZero() {
			t.Errorf("cleared %d: phase %d week %d day %d waiting %v next %v; want phase 1, -1, -1, nil, zero",
				cleared, plan.Routine.Phase, plan.Week, plan.Day, plan.Waiting, plan.NextOpens)
		}
		want := "Phase 1 · Nerve glides and pulls (set your surgery date to follow your recovery)"
		if plan.Headline != want {
			t.Errorf("headline %q, want %q", plan.Headline, want)
		}
	}
}

func TestPlanForErrors(t *testing.T) {
	p := planShipped(t)
	if _, err := PlanFor(p, Recovery{SurgeryDate: planSurgery}, planAt(-1)); err == nil {
		t.Error("a surgery date tomorrow gave no error")
	} else if !strings.Contains(err.Error(), "future") {
		t.Errorf("future date error %q does not say so", err)
	}
	if _, err := PlanFor(Program{}, Recovery{SurgeryDate: planSurgery}, planAt(3)); err == nil {
		t.Error("an empty program gave no error")
	}
	if _, err := PlanFor(Program{}, Recovery{}, planAt(3)); err == nil {
		t.Error("an empty program without a date gave no error")
	}
	// Every phase needs clearance and none is recorded: refuse rather than
	// move the patient into an uncleared phase.
	allLocked := Program{Routines: []Routine{planRoutine(3, 0, true), planRoutine(4, 2, true)}}
	if _, err := PlanFor(allLocked, Recovery{SurgeryDate: planSurgery, ClearedPhase: 2}, planAt(30)); err == nil {
		t.Error("a program of only uncleared phases gave no error")
	}
	if plan, err := PlanFor(allLocked, Recovery{SurgeryDate: planSurgery, ClearedPhase: 3}, planAt(30)); err != nil || plan.Routine.Phase != 3 || plan.Waiting == nil || plan.Waiting.Phase != 4 {
		t.Errorf("cleared 3: %+v, %v; want phase 3 with phase 4 waiting", plan, err)
	}
}

func TestPlanForHandMadePrograms(t *testing.T) {
	t.Run("single prescription always returned", func(t *testing.T) {
		p := Program{Routines: []Routine{planRoutine(4, 9, true, "Take it easy.")}}
		for _, r := range []Recovery{{}, {SurgeryDate: planSurgery}, {SurgeryDate: planSurgery, ClearedPhase: 5}} {
			plan := planMust(t, p, r, planAt(10))
			if plan.Routine.ID != "p4" || plan.Waiting != nil || !plan.NextOpens.IsZero() {
				t.Errorf("%+v: got %+v, want the prescription alone", r, plan)
			}
			wantWeek := -1
			if !r.SurgeryDate.IsZero() {
				wantWeek = 1
			}
			if plan.Week != wantWeek {
				t.Errorf("%+v: week %d, want %d", r, plan.Week, wantWeek)
			}
		}
	})
	t.Run("nothing open yet falls back to lowest cleared", func(t *testing.T) {
		p := Program{Routines: []Routine{planRoutine(1, 2, false), planRoutine(2, 4, false)}}
		plan := planMust(t, p, Recovery{SurgeryDate: planSurgery}, planAt(3))
		if plan.Routine.Phase != 1 || plan.Week != 0 {
			t.Errorf("phase %d week %d, want phase 1 week 0", plan.Routine.Phase, plan.Week)
		}
		if want := planSurgery.AddDate(0, 0, 28); !plan.NextOpens.Equal(want) {
			t.Errorf("next opens %v, want %v", plan.NextOpens, want)
		}
	})
	t.Run("cleared phase skipped over an uncleared one", func(t *testing.T) {
		// A hand-made phase 4 that needs no clearance is open by date, so
		// it is chosen even though the phase 3 below it is not cleared.
		p := Program{Routines: []Routine{planRoutine(1, 0, false), planRoutine(3, 1, true), planRoutine(4, 2, false)}}
		plan := planMust(t, p, Recovery{SurgeryDate: planSurgery}, planAt(20))
		if plan.Routine.Phase != 4 || plan.Waiting != nil {
			t.Errorf("phase %d waiting %v, want phase 4, none waiting", plan.Routine.Phase, plan.Waiting)
		}
	})
	t.Run("waiting is a copy", func(t *testing.T) {
		p := Program{Routines: []Routine{planRoutine(1, 0, false), planRoutine(3, 1, true)}}
		plan := planMust(t, p, Recovery{SurgeryDate: planSurgery}, planAt(8))
		if plan.Waiting == nil {
			t.Fatal("phase 3 not waiting")
		}
		plan.Waiting.Name = "changed"
		if p.Routines[1].Name == "changed" {
			t.Error("Waiting points into the program")
		}
	})
}

func TestPlanForCalendarNotDuration(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	kiritimati, err := time.LoadLocation("Pacific/Kiritimati") // UTC+14
	if err != nil {
		t.Fatal(err)
	}
	p := planShipped(t)
	tests := []struct {
		name    string
		surgery time.Time
		now     time.Time
		day     int
	}{
		// Clocks go back an hour in Berlin on 2026-10-25.
		{"autumn DST, surgery at midnight", time.Date(2026, 10, 18, 0, 0, 0, 0, berlin), time.Date(2026, 10, 25, 0, 30, 0, 0, berlin), 7},
		{"autumn DST, late evening", time.Date(2026, 10, 18, 23, 30, 0, 0, berlin), time.Date(2026, 10, 24, 23, 59, 0, 0, berlin), 6},
		{"autumn DST, day of change", time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), time.Date(2026, 11, 1, 0, 5, 0, 0, berlin), 7},
		// Clocks go forward an hour on 2026-03-29: only 6 d 23.5 h pass.
		{"spring DST", time.Date(2026, 3, 28, 0, 0, 0, 0, berlin), time.Date(2026, 4, 4, 0, 30, 0, 0, berlin), 7},
		{"spring DST, six weeks", time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 4, 12, 0, 1, 0, 0, berlin), 42},
		// The surgery date was stored in UTC; the patient now lives far east.
		{"now far east of the stored date", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 1, 0, 0, 0, kiritimati), 7},
		// Only the surgery's own calendar date counts, not the instant.
		{"surgery stored late evening in LA", time.Date(2026, 3, 1, 23, 0, 0, 0, la), time.Date(2026, 3, 8, 0, 10, 0, 0, la), 7},
		{"surgery in LA, now in Berlin", time.Date(2026, 3, 1, 23, 0, 0, 0, la), time.Date(2026, 3, 8, 0, 10, 0, 0, berlin), 7},
		{"surgery in Berlin, now in LA the evening before", time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 3, 7, 23, 50, 0, 0, la), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planMust(t, p, Recovery{SurgeryDate: tt.surgery}, tt.now)
			if plan.Day != tt.day || plan.Week != tt.day/7 {
				t.Errorf("day %d week %d, want day %d week %d", plan.Day, plan.Week, tt.day, tt.day/7)
			}
			if err := ValidateSurgeryDate(tt.surgery, tt.now); err != nil {
				t.Errorf("ValidateSurgeryDate: %v", err)
			}
		})
	}
	// The next-phase date is midnight, local time, on the calendar.
	plan := planMust(t, p, Recovery{SurgeryDate: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}, time.Date(2026, 3, 12, 9, 0, 0, 0, berlin))
	if want := time.Date(2026, 3, 17, 0, 0, 0, 0, berlin); !plan.NextOpens.Equal(want) {
		t.Errorf("next opens %v, want %v", plan.NextOpens, want)
	}
}

func TestValidateSurgeryDate(t *testing.T) {
	now := time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		d       time.Time
		wantErr string // "" for none
	}{
		{"today", time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC), ""},
		{"today, later hour", time.Date(2026, 5, 20, 23, 0, 0, 0, time.UTC), ""},
		{"yesterday", time.Date(2026, 5, 19, 0, 0, 0, 0, time.UTC), ""},
		{"tomorrow", time.Date(2026, 5, 21, 0, 0, 0, 0, time.UTC), "in the future"},
		{"exactly 10 years", time.Date(2016, 5, 20, 0, 0, 0, 0, time.UTC), ""},
		{"10 years and 1 day", time.Date(2016, 5, 19, 0, 0, 0, 0, time.UTC), "more than 10 years ago"},
		{"zero", time.Time{}, "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateSurgeryDate(tt.d, now)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("no error, want one saying %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("error %q does not say %q", err, tt.wantErr)
			case err != nil && strings.Count(err.Error(), ". ") > 0:
				t.Errorf("error %q is more than one sentence", err)
			}
		})
	}
	// Today as seen in now's own zone, whatever zone the date was typed in.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	nowTokyo := time.Date(2026, 5, 21, 1, 0, 0, 0, tokyo) // still 2026-05-20 in UTC
	if err := ValidateSurgeryDate(time.Date(2026, 5, 21, 0, 0, 0, 0, time.UTC), nowTokyo); err != nil {
		t.Errorf("today in Tokyo refused: %v", err)
	}
}

func TestParseRegion(t *testing.T) {
	tests := []struct {
		in      string
		want    Region
		wantErr bool
	}{
		{"", "", false},
		{"  ", "", false},
		{"cervical", RegionCervical, false},
		{"thoracic", RegionThoracic, false},
		{"lumbar", RegionLumbar, false},
		{" Lumbar ", RegionLumbar, false},
		{"neck", "", true},
		{"sacral", "", true},
	}
	for _, tt := range tests {
		got, err := ParseRegion(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseRegion(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil {
			for _, choice := range []string{"cervical", "thoracic", "lumbar"} {
				if !strings.Contains(err.Error(), choice) {
					t.Errorf("ParseRegion(%q) error %q does not list %q", tt.in, err, choice)
				}
			}
		}
	}
	for _, r := range Regions {
		if got, err := ParseRegion(string(r)); got != r || err != nil {
			t.Errorf("ParseRegion(%q) = %q, %v", r, got, err)
		}
	}
}

func TestPlanPrecautionsByRegion(t *testing.T) {
	p := planShipped(t)
	countNeck := func(ss []string) int {
		n := 0
		for _, s := range ss {
			if strings.Contains(strings.ToLower(s), "neck") {
				n++
			}
		}
		return n
	}
	has := func(ss []string, want string) bool {
		for _, s := range ss {
			if s == want {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name      string
		region    Region
		day       int
		cleared   int
		phase     int
		neck      bool // NeckPrecaution added
		upperLimb bool // UpperLimbCaution added
	}{
		{"cervical phase 1", RegionCervical, 2, 0, 1, true, true},
		{"cervical phase 2 has the arm caution already", RegionCervical, 20, 0, 2, true, false},
		{"cervical phase 3 after week 6", RegionCervical, 45, 3, 3, true, false},
		{"cervical phase 4 adds neck only", RegionCervical, 70, 4, 4, true, false},
		{"cervical phase 5", RegionCervical, 100, 5, 5, true, false},
		{"lumbar phase 1", RegionLumbar, 2, 0, 1, false, false},
		{"lumbar phase 4", RegionLumbar, 70, 4, 4, false, false},
		{"thoracic phase 1", RegionThoracic, 2, 0, 1, false, false},
		{"unknown region phase 1: every precaution shows", "", 2, 0, 1, true, true},
		{"unknown region phase 4", "", 70, 4, 4, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planMust(t, p, Recovery{SurgeryDate: planSurgery, Region: tt.region, ClearedPhase: tt.cleared}, planAt(tt.day))
			if plan.Routine.Phase != tt.phase {
				t.Fatalf("phase %d, want %d", plan.Routine.Phase, tt.phase)
			}
			base := plan.Routine.Precautions
			added := 0
			if tt.neck {
				added++
			}
			if tt.upperLimb {
				added++
			}
			if len(plan.Precautions) != len(base)+added {
				t.Errorf("%d precautions, want %d: %q", len(plan.Precautions), len(base)+added, plan.Precautions)
			}
			for i, s := range base {
				if plan.Precautions[i] != s {
					t.Errorf("precaution %d changed: %q, want %q", i, plan.Precautions[i], s)
				}
			}
			if has(plan.Precautions, NeckPrecaution) != tt.neck {
				t.Errorf("neck precaution present %v, want %v", !tt.neck, tt.neck)
			}
			if has(plan.Precautions, UpperLimbCaution) != tt.upperLimb {
				t.Errorf("upper-limb precaution present %v, want %v", !tt.upperLimb, tt.upperLimb)
			}
			if tt.region == RegionCervical && countNeck(plan.Precautions) != 1 {
				t.Errorf("cervical: %d precautions mention the neck, want exactly 1: %q", countNeck(plan.Precautions), plan.Precautions)
			}
		})
	}
	t.Run("no date counts as early weeks", func(t *testing.T) {
		plan := planMust(t, p, Recovery{Region: RegionCervical}, planAt(2))
		if !has(plan.Precautions, NeckPrecaution) || !has(plan.Precautions, UpperLimbCaution) {
			t.Errorf("precautions %q lack the cervical ones", plan.Precautions)
		}
	})
	t.Run("hand-made routine, upper limb only before week 6", func(t *testing.T) {
		hp := Program{Routines: []Routine{planRoutine(1, 0, false, "Go slowly.")}}
		for day, want := range map[int]bool{41: true, 42: false} {
			plan := planMust(t, hp, Recovery{SurgeryDate: planSurgery, Region: RegionCervical}, planAt(day))
			if has(plan.Precautions, UpperLimbCaution) != want {
				t.Errorf("day %d: upper-limb precaution %v, want %v", day, !want, want)
			}
			if !has(plan.Precautions, NeckPrecaution) {
				t.Errorf("day %d: neck precaution missing", day)
			}
		}
	})
	t.Run("neck precaution not duplicated, case-insensitive", func(t *testing.T) {
		hp := Program{Routines: []Routine{planRoutine(1, 0, false, "Keep the NECK still.", "No UPPER-LIMB strength work.")}}
		plan := planMust(t, hp, Recovery{SurgeryDate: planSurgery, Region: RegionCervical}, planAt(1))
		if len(plan.Precautions) != 2 {
			t.Errorf("precautions %q, want the routine's two only", plan.Precautions)
		}
	})
	t.Run("precautions are a copy", func(t *testing.T) {
		for _, region := range []Region{RegionCervical, RegionLumbar} {
			plan := planMust(t, p, Recovery{SurgeryDate: planSurgery, Region: region}, planAt(2))
			plan.Precautions[0] = "changed"
			if p.Routines[0].Precautions[0] == "changed" {
				t.Fatalf("%s: Plan.Precautions shares the routine's slice", region)
			}
		}
	})
}

func TestPlanHeadline(t *testing.T) {
	p := planShipped(t)
	tests := []struct {
		r    Recovery
		day  int
		want string
	}{
		{Recovery{SurgeryDate: planSurgery}, 21, "Week 3 after surgery · Static stabilization"},
		{Recovery{SurgeryDate: planSurgery}, 0, "The day of surgery · Nerve glides and pulls"},
		{Recovery{SurgeryDate: planSurgery}, 2, "Day 2 after surgery · Nerve glides and pulls"},
		{Recovery{SurgeryDate: planSurgery}, 6, "Day 6 after surgery · Nerve glides and pulls"},
		{Recovery{SurgeryDate: planSurgery}, 7, "Week 1 after surgery · Static stabilization"},
		{Recovery{SurgeryDate: planSurgery, ClearedPhase: 5}, 140, "Week 20 after surgery · Maintenance"},
		{Recovery{ClearedPhase: 5}, 140, "Phase 1 · Nerve glides and pulls (set your surgery date to follow your recovery)"},
	}
	for _, tt := range tests {
		if got := planMust(t, p, tt.r, planAt(tt.day)).Headline; got != tt.want {
			t.Errorf("day %d %+v: headline %q, want %q", tt.day, tt.r, got, tt.want)
		}
	}
}
