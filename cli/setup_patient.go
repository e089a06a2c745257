package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/spinecoach/spinecoach/store"
)

// patientFlags are setup's optional answers about the patient as a
// clinic knows them, for the FHIR export's Patient. Nothing is ever
// guessed: absent until given, and an empty value removes it.
type patientFlags struct {
	name, id, idSystem string
}

func registerPatientFlags(fs *flag.FlagSet, p *patientFlags) {
	fs.StringVar(&p.name, "patient-name", "", "your name as your clinic has it (for the FHIR export; '' removes it)")
	fs.StringVar(&p.id, "patient-id", "", "your record number at your clinic (for the FHIR export; '' removes it)")
	fs.StringVar(&p.idSystem, "patient-id-system", "", "the URI of the clinic's record numbers, such as urn:oid:...")
}

// applyPatient copies the patient flags given into p and says whether
// any was given.
func applyPatient(f patientFlags, given map[string]bool, p *store.Profile) (bool, error) {
	any := false
	if given["patient-name"] {
		p.PatientName, any = strings.TrimSpace(f.name), true
	}
	if given["patient-id"] {
		p.PatientID, any = strings.TrimSpace(f.id), true
		if p.PatientID == "" {
			p.PatientIDSystem = ""
		}
	}
	if given["patient-id-system"] {
		sys := strings.TrimSpace(f.idSystem)
		if sys != "" && (!strings.Contains(sys, ":") || strings.ContainsAny(sys, " \t")) {
			return false, usagef("--patient-id-system must be a URI such as urn:oid:1.2.3 or https://clinic.example/mrn, got %q", sys)
		}
		if sys != "" && p.PatientID == "" {
			return false, usagef("--patient-id-system needs --patient-id")
		}
		p.PatientIDSystem, any = sys, true
	}
	return any, nil
}

// patientSaved says what the FHIR export will name the patient.
func patientSaved(w io.Writer, p store.Profile) {
	switch {
	case p.PatientName == "" && p.PatientID == "":
		fmt.Fprintln(w, "The FHIR export names no patient (no name or identifier is kept).")
	default:
		fmt.Fprintf(w, "The FHIR export names the patient %q with the identifier %q.\n", p.PatientName, p.PatientID)
	}
}
