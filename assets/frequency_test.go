package assets

import (
	"strings"
	"testing"
	"time"

	"github.com/spinecoach/spinecoach/routine"
)

// The shipped routines say how often, for whom and how far as
// CLINICAL.md's section "How often, for whom, how far" sets it.
func TestShippedFrequencyRegionsAndBuildUps(t *testing.T) {
	p := loadProgram(t)
	every2h := func(max int) routine.Repeat { return routine.Repeat{Every: 2 * time.Hour, MaxPerDay: max} }
	wantRepeat := map[string]map[string]routine.Repeat{
		"phase2": {"hamstring-stretch": every2h(6), "calf-stretch": every2h(6)},
	}
	notAfter := map[string]map[string]bool{
		"phase2": {"prone-head-lift": true},
		"phase3": {"mcgill-curl-up": true},
		"phase5": {"mcgill-curl-up": true},
	}
	buildUp := map[string]map[string]routine.BuildUp{
		"phase2": {"walking": {Start: 5 * time.Minute, Step: 2 * time.Minute, Target: 20 * time.Minute}},
		"phase4": {
			"walking":            {Start: 10 * time.Minute, Step: 2 * time.Minute, Target: 30 * time.Minute},
			"stationary-cycling": {Start: 10 * time.Minute, Step: 2 * time.Minute, Target: 30 * time.Minute},
			"swimming":           {Start: 10 * time.Minute, Step: 2 * time.Minute, Target: 30 * time.Minute},
		},
	}
	for _, r := range p.Routines {
		for _, e := range r.Exercises {
			want, ok := wantRepeat[r.ID][e.ID]
			if r.ID == "phase1" {
				want, ok = every2h(0), true // the whole routine, 2 hours apart
			}
			if !ok {
				want = routine.Repeat{}
			}
			if e.Repeat != want {
				t.Errorf("%s %s: repeat %+v, want %+v", r.ID, e.ID, e.Repeat, want)
			}
			neck := len(e.NotAfter) == 1 && e.NotAfter[0] == routine.RegionCervical
			if neck != notAfter[r.ID][e.ID] || len(e.NotAfter) > 1 {
				t.Errorf("%s %s: not_after %v", r.ID, e.ID, e.NotAfter)
			}
			b, ok := buildUp[r.ID][e.ID]
			switch {
			case ok && (e.BuildUp == nil || *e.BuildUp != b):
				t.Errorf("%s %s: build-up %+v, want %+v", r.ID, e.ID, e.BuildUp, b)
			case !ok && e.BuildUp != nil:
				t.Errorf("%s %s: a build-up CLINICAL.md does not give", r.ID, e.ID)
			}
		}
		// The neck precaution shows only after a neck fusion: no shipped
		// routine carries it itself.
		for _, pr := range r.Precautions {
			if strings.Contains(strings.ToLower(pr), "neck") {
				t.Errorf("%s: precaution %q is for neck fusions only", r.ID, pr)
			}
		}
	}
	// Where a precaution seems to clash, the card says what differs.
	for id, ex := range map[string]string{"phase2": "alternate-leg-lift", "phase3": "mcgill-curl-up", "phase5": "mcgill-curl-up"} {
		r, _ := p.Routine(id)
		if e, _ := r.Exercise(ex); e.Differs == "" {
			t.Errorf("%s %s: no word on how it differs from the precaution", id, ex)
		}
	}
}
