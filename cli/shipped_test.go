package cli

import (
	"io/fs"
	"reflect"
	"testing"

	"github.com/spinecoach/spinecoach/assets"
	"github.com/spinecoach/spinecoach/routine"
)

// TestShippedGenerated: the values start-up uses (shipped_gen.go) are
// what routine.Parse makes of every shipped routine file today (and
// LoadWarnings of the warning signs), no file missing
// or extra, and in the program's order; after an edit of a routine file,
// go generate ./cli writes them again.
func TestShippedGenerated(t *testing.T) {
	names, err := fs.Glob(assets.FS, assets.RoutinesDir+"/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range builtRoutineFiles {
		got = append(got, f.Name)
	}
	if !reflect.DeepEqual(got, names) {
		t.Fatalf("shipped_gen.go has %v, the files are %v in name order: run go generate ./cli", got, names)
	}
	for i, name := range names {
		want, err := routine.LoadFile(assets.FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(builtRoutineFiles[i].Routine, want) {
			t.Errorf("%s differs from its values in shipped_gen.go: run go generate ./cli", name)
		}
	}
	files, err := routine.LoadProgram(assets.FS, assets.RoutinesDir)
	if err != nil {
		t.Fatal(err)
	}
	prog := shippedProgram()
	if !reflect.DeepEqual(prog.Headers(), files.Headers()) {
		t.Errorf("shippedProgram() has the headers %v, the files %v", prog.Headers(), files.Headers())
	}
	if len(prog.Parsed()) != 0 {
		t.Errorf("shippedProgram() counts %v as parsed before any was asked for", prog.Parsed())
	}
	all, err := prog.All()
	if err != nil {
		t.Fatal(err)
	}
	wantAll, err := files.All()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, wantAll) {
		t.Error("shippedProgram().All() differs from the files parsed")
	}
	wantW, err := routine.LoadWarnings(assets.FS, assets.WarningsFile)
	if err != nil {
		t.Fatal(err)
	}
	if w := shippedWarnings(); !reflect.DeepEqual(w, wantW) {
		t.Errorf("%s differs from its values in shipped_gen.go: run go generate ./cli", assets.WarningsFile)
	}
	// Fresh values on every call: one caller's change is not another's.
	all[0].Exercises[0].Name = "changed"
	again, _ := shippedProgram().At(0)
	if again.Exercises[0].Name == "changed" {
		t.Error("shippedProgram() shares its values between calls")
	}
}

// TestShippedProgramBuildsNothingAtStart: the shipped routines are
// static data; opening the program makes only its index of them (one
// entry per file, and its sort), not the routines, which used to be
// built afresh on every start: 88 allocations, some 26 KB.
func TestShippedProgramBuildsNothingAtStart(t *testing.T) {
	limit := float64(len(builtRoutineFiles) + 4)
	if n := testing.AllocsPerRun(20, func() { shippedProgram() }); n > limit {
		t.Errorf("shippedProgram() makes %.0f allocations, want at most %.0f (the index and its sort)", n, limit)
	}
}
