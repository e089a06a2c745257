// Package assets holds the clinical content shipped inside the binary: one
// TOML file per phase of recovery after spinal fusion, and the warning
// signs asked about before every session. A clinician's own prescription
// file replaces the routines.
package assets

import (
	"embed"

	"github.com/spinecoach/spinecoach/routine"
)

//go:generate go run ./internal/genroutines

// FS holds the default routine files, under RoutinesDir, and WarningsFile.
//
//go:embed routines/*.toml warnings.toml
var FS embed.FS

// Where in FS the files are: routine.LoadProgram(FS, RoutinesDir) and
// routine.LoadWarnings(FS, WarningsFile) read them.
const (
	RoutinesDir  = "routines"
	WarningsFile = "warnings.toml"
)

// Program is the shipped program, read without parsing any TOML: each
// file of RoutinesDir as routine.Parse made it when the binary was built
// (routines_gen.go, written by go generate), fresh values on every call.
// TestRoutinesGenerated fails when a file and its values differ.
func Program() routine.Program { return routine.BuiltProgram(builtRoutines()) }

// Warnings are the shipped warning signs, read without parsing TOML:
// routine.LoadWarnings of WarningsFile when the binary was built
// (routines_gen.go), fresh values on every call; TestRoutinesGenerated
// checks them against the file.
func Warnings() routine.Warnings { return builtWarnings() }
