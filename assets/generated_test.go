package assets

import (
	"io/fs"
	"reflect"
	"sort"
	"testing"

	"github.com/spinecoach/spinecoach/routine"
)

// TestRoutinesGenerated: the values start-up uses (routines_gen.go) are
// what routine.Parse makes of every shipped routine file today (and
// LoadWarnings of the warning signs), no file missing
// or extra, and in the program's order; after an edit of a routine file,
// go generate ./assets writes them again.
func TestRoutinesGenerated(t *testing.T) {
	names, err := fs.Glob(FS, RoutinesDir+"/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	built := builtRoutines()
	var got []string
	for name := range built {
		got = append(got, name)
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, names) {
		t.Fatalf("routines_gen.go has %v, the files are %v: run go generate ./assets", got, names)
	}
	for _, name := range names {
		want, err := routine.LoadFile(FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(built[name], want) {
			t.Errorf("%s differs from its values in routines_gen.go: run go generate ./assets", name)
		}
	}
	lazy, err := routine.OpenProgram(FS, RoutinesDir)
	if err != nil {
		t.Fatal(err)
	}
	prog := Program()
	if !reflect.DeepEqual(prog.Headers(), lazy.Headers()) {
		t.Errorf("Program() has the headers %v, the files %v", prog.Headers(), lazy.Headers())
	}
	if len(prog.Parsed()) != 0 {
		t.Errorf("Program() counts %v as parsed before any was asked for", prog.Parsed())
	}
	all, err := prog.All()
	if err != nil {
		t.Fatal(err)
	}
	wantAll, err := lazy.All()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, wantAll) {
		t.Error("Program().All() differs from the files parsed")
	}
	wantW, err := routine.LoadWarnings(FS, WarningsFile)
	if err != nil {
		t.Fatal(err)
	}
	if w := Warnings(); !reflect.DeepEqual(w, wantW) {
		t.Errorf("%s differs from its values in routines_gen.go: run go generate ./assets", WarningsFile)
	}
	// Fresh values on every call: one caller's change is not another's.
	all[0].Exercises[0].Name = "changed"
	again, _ := Program().At(0)
	if again.Exercises[0].Name == "changed" {
		t.Error("Program() shares its values between calls")
	}
}
