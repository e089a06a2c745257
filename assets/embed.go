// Package assets holds the clinical content shipped inside the binary: one
// TOML file per phase of recovery after spinal fusion, and the warning
// signs asked about before every session. A clinician's own prescription
// file replaces the routines.
package assets

import "embed"

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
