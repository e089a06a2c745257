package assets

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/spinecoach/spinecoach/routine"
)

// seedDir holds the source documents the routines are written from.
var seedDir = filepath.Join("..", "..", "shared", "seeds")

// seedNumbers are the seed documents an exercise may cite.
var seedNumbers = map[string]bool{"000": true, "001": true, "002": true, "003": true, "004": true}

func loadProgram(t *testing.T) routine.Program {
	t.Helper()
	p, err := routine.LoadProgram(FS, RoutinesDir)
	if err != nil {
		t.Fatalf("Program() error: %v", err)
	}
	return p
}

func TestProgramPhases(t *testing.T) {
	p := loadProgram(t)
	tests := []struct {
		id          string
		name        string
		phase       int
		opensWeek   int
		clearance   bool
		repeatEvery time.Duration
		exercises   []string // every exercise CLINICAL.md lists for the phase
	}{
		{"phase1", "Nerve glides and pulls", 1, 0, false, 2 * time.Hour, []string{
			"straight-leg-glide", "quad-pull", "deep-breathing", "ankle-pumps", "ankle-circles",
			"glute-squeeze", "leg-sweeps", "heel-raises", "toe-raises",
		}},
		{"phase2", "Static stabilization", 2, 1, false, 2 * time.Hour, []string{
			"pelvic-tilt", "alternate-leg-lift", "glute-bridge", "hamstring-stretch", "prone-head-lift",
			"prone-hip-extension", "upper-back-squeeze", "band-row", "calf-stretch", "tiptoe-rise", "walking",
		}},
		{"phase3", "Dynamic stability", 3, 6, true, 0, []string{
			"mcgill-curl-up", "knee-to-chest", "hamstring-stretch", "figure-4-stretch", "ball-bridge",
			"bird-dog", "hip-flexor-stretch", "ball-rollout", "ball-walkout", "ball-arm-leg-lift",
			"ball-pelvic-shift", "seated-forward-bend", "band-lean-back", "diagonal-band-pull", "calf-stretch",
		}},
		{"phase4", "Light-load endurance", 4, 9, true, 0, []string{
			"walking", "stationary-cycling", "swimming",
		}},
		{"phase5", "Maintenance", 5, 12, true, 0, []string{
			"glute-bridge", "mcgill-curl-up", "psoas-march", "side-plank", "bird-dog", "high-plank",
			"stir-the-pot", "overhead-band-stretch", "w-row", "pallof-press", "goblet-squat",
			"hip-hinge-stretch", "ql-hang-stretch", "bar-hang",
		}},
	}
	if len(p.Routines) != len(tests) {
		t.Fatalf("got %d routines, want %d", len(p.Routines), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r := p.Routines[i]
			if r.ID != tt.id {
				t.Fatalf("routine %d has id %q, want %q (routines must be ordered by phase)", i, r.ID, tt.id)
			}
			if r.Name != tt.name {
				t.Errorf("name = %q, want %q", r.Name, tt.name)
			}
			if r.Phase != tt.phase {
				t.Errorf("phase = %d, want %d", r.Phase, tt.phase)
			}
			if r.OpensWeek != tt.opensWeek {
				t.Errorf("opens week = %d, want %d", r.OpensWeek, tt.opensWeek)
			}
			if r.NeedsClearance != tt.clearance {
				t.Errorf("needs clearance = %v, want %v", r.NeedsClearance, tt.clearance)
			}
			if r.RepeatEvery != tt.repeatEvery {
				t.Errorf("repeat every = %v, want %v", r.RepeatEvery, tt.repeatEvery)
			}
			if r.Summary == "" {
				t.Error("summary is empty")
			}
			if n := len(r.Precautions); n < 3 || n > 6 {
				t.Errorf("%d precautions, want 3 to 6", n)
			}
			var got []string
			for _, e := range r.Exercises {
				got = append(got, e.ID)
			}
			want := append([]string(nil), tt.exercises...)
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("exercises\n got %v\nwant %v", got, want)
			}
		})
	}
}

func TestPhase1StartsWithGlideAndPull(t *testing.T) {
	r, ok := loadProgram(t).Routine("phase1")
	if !ok {
		t.Fatal("no phase1 routine")
	}
	if len(r.Exercises) < 2 {
		t.Fatalf("phase1 has %d exercises", len(r.Exercises))
	}
	tests := []struct {
		index int
		id    string
		name  string
	}{
		{0, "straight-leg-glide", "Straight-leg nerve glide"},
		{1, "quad-pull", "Quadriceps pull"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e := r.Exercises[tt.index]
			if e.ID != tt.id || e.Name != tt.name {
				t.Fatalf("exercise %d is %q (%q), want %q (%q)", tt.index, e.ID, e.Name, tt.id, tt.name)
			}
			if e.Dose.Kind() != routine.Holds || e.Dose.Reps != 3 || e.Dose.Hold != 30*time.Second {
				t.Errorf("dose = %+v, want 3 holds of 30 s", e.Dose)
			}
			if !e.Sides || e.Optional {
				t.Errorf("sides = %v, optional = %v; want done each side and not optional", e.Sides, e.Optional)
			}
			if got, want := e.DoseText(e.Dose), "3 holds of 30 s, each side"; got != want {
				t.Errorf("dose text = %q, want %q", got, want)
			}
			if e.Source != "000" {
				t.Errorf("source = %q, want 000", e.Source)
			}
		})
	}
}

func TestDoses(t *testing.T) {
	p := loadProgram(t)
	tests := []struct {
		routine, exercise string
		want              routine.Dose
		sides, optional   bool
	}{
		{"phase1", "deep-breathing", routine.Dose{Count: 10, Pace: 6 * time.Second}, false, false},
		{"phase1", "glute-squeeze", routine.Dose{Reps: 10, Hold: 5 * time.Second, Rest: 3 * time.Second}, false, false},
		{"phase1", "ankle-pumps", routine.Dose{Count: 10, Pace: 2 * time.Second}, true, false},
		{"phase2", "hamstring-stretch", routine.Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}, true, false},
		{"phase2", "calf-stretch", routine.Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}, true, false},
		{"phase2", "upper-back-squeeze", routine.Dose{Reps: 10, Hold: 5 * time.Second, Rest: 3 * time.Second}, false, false},
		{"phase2", "tiptoe-rise", routine.Dose{Reps: 10, Hold: 5 * time.Second, Rest: 3 * time.Second}, false, true},
		{"phase2", "walking", routine.Dose{Duration: 5 * time.Minute}, false, false},
		{"phase3", "knee-to-chest", routine.Dose{Reps: 3, Hold: 30 * time.Second, Rest: 10 * time.Second}, true, false},
		{"phase3", "ball-bridge", routine.Dose{Count: 8, Pace: 5 * time.Second}, false, false},
		{"phase4", "walking", routine.Dose{Duration: 10 * time.Minute}, false, false},
		{"phase4", "swimming", routine.Dose{Duration: 10 * time.Minute}, false, true},
		{"phase4", "stationary-cycling", routine.Dose{Duration: 10 * time.Minute}, false, true},
		{"phase5", "side-plank", routine.Dose{Reps: 3, Hold: 10 * time.Second, Rest: 10 * time.Second}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.routine+"/"+tt.exercise, func(t *testing.T) {
			r, ok := p.Routine(tt.routine)
			if !ok {
				t.Fatalf("no routine %q", tt.routine)
			}
			e, ok := r.Exercise(tt.exercise)
			if !ok {
				t.Fatalf("no exercise %q in %s", tt.exercise, tt.routine)
			}
			if e.Dose != tt.want {
				t.Errorf("dose = %+v, want %+v", e.Dose, tt.want)
			}
			if e.Sides != tt.sides {
				t.Errorf("sides = %v, want %v", e.Sides, tt.sides)
			}
			if e.Optional != tt.optional {
				t.Errorf("optional = %v, want %v", e.Optional, tt.optional)
			}
		})
	}
}

func TestExerciseContent(t *testing.T) {
	p := loadProgram(t)
	names := map[string]string{} // exercise id -> name, across routines
	for _, r := range p.Routines {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Exercises) == 0 {
				t.Fatal("no exercises")
			}
			if r.Exercises[0].Optional {
				t.Errorf("first exercise %q is optional", r.Exercises[0].ID)
			}
			optional := 0
			seen := map[string]bool{}
			for _, e := range r.Exercises {
				if seen[e.ID] {
					t.Errorf("exercise id %q used twice", e.ID)
				}
				seen[e.ID] = true
				if e.Optional {
					optional++
				}
				if n := len(e.Cues); n < 2 || n > 4 {
					t.Errorf("%s: %d cues, want 2 to 4", e.ID, n)
				}
				if strings.TrimSpace(e.Position) == "" {
					t.Errorf("%s: no position", e.ID)
				}
				if !seedNumbers[e.Source] {
					t.Errorf("%s: source %q is not a seed number (000 to 004)", e.ID, e.Source)
				}
				if prev, ok := names[e.ID]; ok && prev != e.Name {
					t.Errorf("%s: named %q here but %q in an earlier routine", e.ID, e.Name, prev)
				}
				names[e.ID] = e.Name
			}
			if optional == 0 {
				t.Error("no optional exercise: mark the extras optional")
			}
			if optional == len(r.Exercises) {
				t.Error("every exercise is optional")
			}
		})
	}
}

// words lower-cases s, drops apostrophes, treats every other non-letter,
// non-digit as a break, and returns the words.
func words(s string) []string {
	s = strings.NewReplacer("'", "", "\u2019", "").Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// runs returns every run of n consecutive words of s, joined by spaces.
func runs(s string, n int) []string {
	w := words(s)
	var out []string
	for i := 0; i+n <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+n], " "))
	}
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Keep the knee straight.", "keep the knee straight"},
		{"You're fine; don\u2019t rush!", "youre fine dont rush"},
		{"Straight-leg glide, 30 s", "straight leg glide 30 s"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(words(tt.in), " "); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := runs("a b c d", 3); len(got) != 2 || got[0] != "a b c" || got[1] != "b c d" {
		t.Errorf("runs = %q", got)
	}
	if got := runs("a b", 3); len(got) != 0 {
		t.Errorf("runs of a short text = %q, want none", got)
	}
}

// TestNoCopiedSeedText checks that no asset string repeats 8 words in a row
// from a seed document: the routines must be written in our own words.
func TestNoCopiedSeedText(t *testing.T) {
	const n = 8
	entries, err := os.ReadDir(seedDir)
	if os.IsNotExist(err) {
		t.Skipf("seed documents not found at %s (they sit beside the repository in the shared workspace and in CI); cannot check for copied text", seedDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	seedRuns := map[string]string{} // run -> seed file
	for _, de := range entries {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".txt") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(seedDir, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs(string(data), n) {
			seedRuns[r] = de.Name()
		}
	}
	if len(seedRuns) == 0 {
		t.Fatalf("no seed text read from %s", seedDir)
	}

	p := loadProgram(t)
	type text struct{ where, s string }
	var texts []text
	for _, r := range p.Routines {
		texts = append(texts, text{r.ID + " name", r.Name}, text{r.ID + " summary", r.Summary})
		for _, s := range r.Precautions {
			texts = append(texts, text{r.ID + " precaution", s})
		}
		for _, e := range r.Exercises {
			where := r.ID + "/" + e.ID
			texts = append(texts, text{where + " name", e.Name}, text{where + " position", e.Position})
			for _, c := range e.Cues {
				texts = append(texts, text{where + " cue", c})
			}
		}
	}
	for _, tx := range texts {
		for _, r := range runs(tx.s, n) {
			if seed, ok := seedRuns[r]; ok {
				t.Errorf("%s repeats %q from seed %s: %q", tx.where, r, seed, tx.s)
			}
		}
	}
}

// TestCopyCheckCatchesSeedText makes sure the copy check is not vacuous: a
// sentence lifted from a seed must be found.
func TestCopyCheckCatchesSeedText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(seedDir, "000_46815d18b7d2dc67.txt"))
	if os.IsNotExist(err) {
		t.Skipf("seed documents not found at %s; cannot test the copy check", seedDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	seed := map[string]bool{}
	for _, r := range runs(string(data), 8) {
		seed[r] = true
	}
	tests := []struct {
		s    string
		want bool
	}{
		{"Each pull can last 30 seconds and be repeated 3 times, left and right.", true},
		{"HANDS can be used under the knee: to assist in lifting the leg!", true},
		{"Slide one heel along the bed toward your buttock, as far as it comfortably goes.", false},
	}
	for _, tt := range tests {
		found := false
		for _, r := range runs(tt.s, 8) {
			found = found || seed[r]
		}
		if found != tt.want {
			t.Errorf("copy found in %q = %v, want %v", tt.s, found, tt.want)
		}
	}
}
