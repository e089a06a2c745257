// Command spinecoach is an offline terminal coach for the daily home
// exercise routine after spinal fusion surgery. It coaches; it does not
// prescribe: the shipped routines are defaults that a clinician's own
// prescription file replaces. The command line lives in package cli.
package main

import (
	"os"

	"github.com/spinecoach/spinecoach/cli"
	_ "github.com/spinecoach/spinecoach/internal/oneproc" // one P from the start (see the package)
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
