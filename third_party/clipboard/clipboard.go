// Package clipboard stands in for github.com/atotto/clipboard, which the
// text fields of bubbles and huh link for their paste key (ctrl+v). That
// package looks for its helper programs along PATH in its init, on every
// start of spinecoach, although a paste is rare and a terminal's own paste
// needs none of them. This one looks for them when a paste first asks,
// and keeps what it found.
//
// Only what spinecoach's dependencies call is here: ReadAll.
package clipboard

import (
	"errors"
	"os/exec"
	"strings"
	"sync"
)

// reader is a program that prints the clipboard, and its arguments.
type reader struct {
	name string
	args []string
}

var (
	found     reader
	findOnce  sync.Once
	errNoTool = errors.New("no clipboard program found (" + strings.Join(toolNames(), ", ") + ")")
)

// ReadAll returns the text on the system clipboard.
func ReadAll() (string, error) {
	findOnce.Do(func() { found = find(candidates(), exec.LookPath) })
	if found.name == "" {
		return "", errNoTool
	}
	out, err := exec.Command(found.name, found.args...).Output()
	if err != nil {
		return "", err
	}
	return trimmed(string(out)), nil
}

// find is the first candidate whose program is on PATH.
func find(cands []reader, lookPath func(string) (string, error)) reader {
	for _, c := range cands {
		if path, err := lookPath(c.name); err == nil {
			return reader{name: path, args: c.args}
		}
	}
	return reader{}
}

func toolNames() []string {
	var names []string
	for _, c := range candidates() {
		names = append(names, c.name)
	}
	return names
}
