// Package assets holds the clinical content shipped inside the binary: one
// TOML file per phase of recovery after spinal fusion, and the warning
// signs asked about before every session. A clinician's own prescription
// file replaces the routines.
package assets

import (
	"embed"

	"github.com/spinecoach/spinecoach/routine"
)

// FS holds the default routine files, under routines/, and warnings.toml.
//
//go:embed routines/*.toml warnings.toml
var FS embed.FS

// Program loads and checks the default routines, ordered by phase.
func Program() (routine.Program, error) {
	return routine.LoadProgram(FS, "routines")
}

// Warnings loads the warning signs, most urgent tier first.
func Warnings() (routine.Warnings, error) {
	return routine.LoadWarnings(FS, "warnings.toml")
}
