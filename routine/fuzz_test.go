package routine

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// FuzzParse feeds arbitrary bytes to Parse, which reads a clinician's
// prescription file. It must never panic; a rejection is made only of
// file:line errors naming the file; and an accepted routine re-validates:
// written back as TOML it parses to the same routine, and it runs (a
// session plans, every dose positive) at every dose level, short day or
// not; its text holds no control character and keeps to its limits.
//
//	go test ./routine -run '^$' -fuzz '^FuzzParse$' -fuzztime 10s
func FuzzParse(f *testing.F) {
	shipped, err := filepath.Glob(filepath.Join("..", "assets", "routines", "*.toml"))
	if err != nil || len(shipped) == 0 {
		f.Fatalf("no shipped routines to seed with (%v)", err)
	}
	for _, name := range shipped {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(goodRoutine))
	f.Add([]byte(goodRoutine + "\n[pain_rules]\nstop_pain = 7\n\n" +
		"[[ladder]]\nreps_off = 1\npercent = 80\n[[ladder]]\nreps_off = 1\npercent = 70\ndrop_optional = true\n" +
		"[[ladder]]\nreps_off = 2\npercent = 50\ndrop_optional = true\n"))
	f.Add([]byte("id = \"x\"\nname = \"X\"\nphase = 1\n[[exercise]]\nid = \"a\"\nname = \"A\"\nposition = \"P\"\ncues = [\"c\"]\nreps = 1\nhold_s = 1\nrest_s = 0\n"))
	f.Add([]byte("id = \"x\"\nname = \"X\"\nphase = 1\nbogus = 1\n[[exercise]]\nid = \"a\"\nreps = 300\n"))
	f.Add([]byte("[[exercise]]\n[[exercise]]\nid = \"\"\ncount = 0\npace_s = 1\n"))
	f.Add([]byte(goodRoutine + "\n[pain_rules]\nweek_hold_rise = nan\nweek_drop_rise = inf\n"))
	f.Add([]byte("id = \"x\"\r\nname = 'X'\r\nphase = 1\r\n[pain_rules]\r\nweek_hold_rise = nan\r\n"))
	f.Add([]byte(""))
	f.Add([]byte("= = ="))
	f.Add([]byte(strings.Replace(goodRoutine, `"Straight-leg glide"`, `"Glide\u001b]52;c;aGk=\u0007"`, 1)))
	f.Add([]byte(strings.Replace(goodRoutine, `"On your back."`, "\"\"\"On\n\u009b2J\"\"\"", 1)))
	f.Add([]byte(strings.Replace(goodRoutine, "hold_s = 30", "hold_s = 36028797018963998", 1)))

	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "rx.toml"
		r, err := Parse(name, data)
		if err != nil {
			checkLoadErrors(t, name, err)
			return
		}
		checkText(t, r)
		again, err := Parse(name, encodeRoutine(t, r))
		if err != nil {
			t.Fatalf("an accepted routine, written back, is refused: %v\nwritten:\n%s", err, encodeRoutine(t, r))
		}
		if !reflect.DeepEqual(again, r) {
			t.Fatalf("an accepted routine, written back, parses differently:\nfirst  %+v\nsecond %+v", r, again)
		}
		checkRuns(t, r)
	})
}

// checkText: an accepted routine's text is fit for a terminal and within
// its limits.
func checkText(t *testing.T, r Routine) {
	t.Helper()
	texts := append([]string{r.Name, r.Summary}, r.Precautions...)
	for _, e := range r.Exercises {
		texts = append(append(texts, e.ID, e.Name, e.Position, e.Source), e.Cues...)
	}
	for _, s := range texts {
		if err := safetext.Check("text", s, MaxTextLen); err != nil {
			t.Fatalf("an accepted routine holds %q: %v", s, err)
		}
	}
	if len(r.Exercises) > MaxExercises || len(r.Precautions) > MaxPrecautions {
		t.Fatalf("an accepted routine has %d exercises and %d precautions", len(r.Exercises), len(r.Precautions))
	}
}

// checkLoadErrors: a rejection is one or more *LoadError for the file.
func checkLoadErrors(t *testing.T, name string, err error) {
	t.Helper()
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	if len(errs) == 0 {
		t.Fatalf("an empty error: %v", err)
	}
	for _, e := range errs {
		var le *LoadError
		if i, _ := safetext.Find(e.Error()); i >= 0 {
			t.Fatalf("error %q carries a control character", e)
		}
		if !errors.As(e, &le) || le.File != name || le.Msg == "" {
			t.Fatalf("error %q (%T) is not a file:line error for %s", e, e, name)
		}
	}
}

// checkRuns plans a session at every level, short or not: no error, and
// each planned dose is a real one.
func checkRuns(t *testing.T, r Routine) {
	t.Helper()
	for level := 0; level <= MaxLevel; level++ {
		for _, short := range []bool{false, true} {
			if _, err := NewSession(r, r.Ladder, Options{Level: level, Short: short}); err != nil {
				t.Fatalf("level %d, short %t: %v", level, short, err)
			}
		}
		for _, e := range r.Exercises {
			d := r.Ladder.Apply(e.Dose, level)
			if d.Kind() != e.Dose.Kind() {
				t.Fatalf("%s at level %d: kind %v became %v", e.ID, level, e.Dose.Kind(), d.Kind())
			}
			ok := true
			switch d.Kind() {
			case Holds:
				ok = d.Reps >= 1 && d.Hold >= time.Second && d.Rest >= 0
			case Timed:
				ok = d.Duration >= time.Second
			case Counted:
				ok = d.Count >= 1 && d.Pace >= 0
			}
			if !ok {
				t.Fatalf("%s at level %d: dose %+v is not a real one", e.ID, level, d)
			}
		}
	}
}

// encodeRoutine writes r back in the file format.
func encodeRoutine(t *testing.T, r Routine) []byte {
	t.Helper()
	f := fileRoutine{
		ID: r.ID, Name: r.Name, Phase: r.Phase, OpensWeek: r.OpensWeek, NeedsClearance: r.NeedsClearance,
		Summary: r.Summary, Precautions: r.Precautions,
		PainRules: r.Rules, Ladder: r.Ladder.Steps,
	}
	for _, e := range r.Exercises {
		fe := fileExercise{ID: e.ID, Name: e.Name, Source: e.Source, Sides: e.Sides, Optional: e.Optional,
			Position: e.Position, Cues: e.Cues, Differs: e.Differs}
		if e.Repeat.Repeats() {
			fe.Repeat = &fileRepeat{Every: e.Repeat.Every.String(), MaxPerDay: e.Repeat.MaxPerDay}
		}
		for _, r := range e.NotAfter {
			fe.NotAfter = append(fe.NotAfter, string(r))
		}
		switch d := e.Dose; {
		case e.BuildUp != nil:
			b := e.BuildUp
			fe.BuildUp = &fileBuildUp{StartMin: int(b.Start / time.Minute), StepMin: int(b.Step / time.Minute), TargetMin: int(b.Target / time.Minute)}
		case d.Kind() == Holds:
			rest := int(d.Rest / time.Second)
			fe.Reps, fe.HoldS, fe.RestS = d.Reps, int(d.Hold/time.Second), &rest
		case d.Kind() == Timed:
			fe.DurationS = int(d.Duration / time.Second)
		case d.Kind() == Counted:
			fe.Count, fe.PaceS = d.Count, int(d.Pace/time.Second)
		}
		f.Exercises = append(f.Exercises, fe)
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(f); err != nil {
		t.Fatalf("cannot write the routine back: %v", err)
	}
	return buf.Bytes()
}
