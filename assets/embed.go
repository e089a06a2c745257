// Package assets holds the default routines shipped inside the binary: one
// TOML file per phase of recovery after spinal fusion. A clinician's own
// prescription file replaces them.
package assets

import (
	"embed"

	"github.com/spinecoach/spinecoach/routine"
)

// FS holds the default routine files, under routines/.
//
//go:embed routines/*.toml
var FS embed.FS

// Program loads and checks the default routines, ordered by phase.
func Program() (routine.Program, error) {
	return routine.LoadProgram(FS, "routines")
}
