package cli

import (
	"errors"
	"flag"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/spinecoach/spinecoach/internal/suggest"
)

// The flag package's own error texts, which flagError puts in words of
// ours. Compiled on the first bad flag, not at every start (package
// initialisation is part of what the first frame waits for).
var (
	reUnknownFlag = lazyRegexp(`^flag provided but not defined: -+(.*)$`)
	reBadValue    = lazyRegexp(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*):`)
	reNoValue     = lazyRegexp(`^flag needs an argument: -+(.*)$`)
	reBadSyntax   = lazyRegexp(`^bad flag syntax: (.*)$`)
)

// lazyRegexp is a regexp compiled on its first use.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// flagError is a command line's bad flag as one sentence of ours, with
// the nearest flag of fs when one was mistyped; nil once --help has
// printed the usage.
func flagError(err error, fs *flag.FlagSet, stdout io.Writer) error {
	if errors.Is(err, flag.ErrHelp) {
		return printUsage(stdout)
	}
	msg := err.Error()
	if m := reUnknownFlag().FindStringSubmatch(msg); m != nil {
		if near := nearestFlag(m[1], fs); near != "" {
			return usagef("unknown flag --%s; did you mean --%s? (see spinecoach --help)", m[1], near)
		}
		return usagef("unknown flag --%s (see spinecoach --help)", m[1])
	}
	if m := reBadValue().FindStringSubmatch(msg); m != nil {
		return usagef("--%s needs %s, got %q (see spinecoach --help)", m[2], flagKind(fs, m[2]), m[1])
	}
	if m := reNoValue().FindStringSubmatch(msg); m != nil {
		if kind := flagKind(fs, m[1]); kind != "a value" {
			return usagef("--%s needs a value: %s (see spinecoach --help)", m[1], kind)
		}
		return usagef("--%s needs a value (see spinecoach --help)", m[1])
	}
	if m := reBadSyntax().FindStringSubmatch(msg); m != nil {
		return usagef("%q is not a flag I can read: flags look like --days 30 (see spinecoach --help)", m[1])
	}
	return usagef("%v (see spinecoach --help)", err)
}

// flagKind is what a flag takes, in words.
func flagKind(fs *flag.FlagSet, name string) string {
	f := fs.Lookup(name)
	if f == nil {
		return "a value"
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "a value"
	}
	switch g.Get().(type) {
	case int, int64, uint, uint64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "no value, or true or false"
	}
	return "a value"
}

// nearestFlag is the flag of fs a mistyped name was probably meant to
// be: a flag spelt "no-color" is also found from "colour".
func nearestFlag(name string, fs *flag.FlagSet) string {
	var names []string
	byName := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		names = append(names, f.Name)
		byName[f.Name] = f.Name
		if bare, ok := strings.CutPrefix(f.Name, "no-"); ok {
			names = append(names, bare)
			byName[bare] = f.Name
		}
	})
	return byName[suggest.Nearest(strings.ToLower(name), names)]
}

// unknownCommand says a command is not one, with the nearest that is.
func unknownCommand(name string) error {
	names := make([]string, 0, len(commands))
	for n := range commands {
		if n != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if near := suggest.Nearest(strings.ToLower(name), names); near != "" {
		return usagef("unknown command %q; did you mean %s? (see spinecoach --help)", name, near)
	}
	return usagef("unknown command %q (see spinecoach --help)", name)
}

// didYouMean is "; did you mean X?" for the nearest of words, or "".
func didYouMean(word string, words ...string) string {
	if near := suggest.Nearest(strings.ToLower(word), words); near != "" {
		return "; did you mean " + near + "?"
	}
	return ""
}
