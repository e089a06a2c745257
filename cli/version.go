package cli

import (
	"fmt"
	"io"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// versionCmd prints the version.
func versionCmd(w io.Writer) error {
	fmt.Fprintln(w, "spinecoach", version)
	return nil
}
