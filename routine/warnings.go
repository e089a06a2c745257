package routine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// WarningTier is a group of warning signs that share one piece of advice:
// call emergency services now, or call the surgeon today.
type WarningTier struct {
	ID     string
	Title  string
	Advice string
	Signs  []string
}

// Warnings are the tiers asked about before every session, most urgent first.
type Warnings struct {
	Tiers []WarningTier
}

type fileWarnings struct {
	Tiers []struct {
		ID     string   `toml:"id"`
		Title  string   `toml:"title"`
		Advice string   `toml:"advice"`
		Signs  []string `toml:"signs"`
	} `toml:"tier"`
}

// LoadWarnings parses the warning-signs file of fsys. Like routines, it is
// strict: unknown keys and empty fields are errors.
func LoadWarnings(fsys fs.FS, name string) (Warnings, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Warnings{}, err
	}
	var f fileWarnings
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return Warnings{}, &LoadError{File: name, Line: perr.Position.Line, Msg: perr.Message}
		}
		return Warnings{}, &LoadError{File: name, Msg: err.Error()}
	}
	lines := indexLines(data)
	if keys := md.Undecoded(); len(keys) > 0 {
		return Warnings{}, &LoadError{File: name, Line: lines.find(keys[0]), Msg: fmt.Sprintf("unknown key %q", keys[0].String())}
	}
	if len(f.Tiers) == 0 {
		return Warnings{}, &LoadError{File: name, Msg: "no [[tier]] of warning signs"}
	}
	var w Warnings
	signs := 0
	for i, t := range f.Tiers {
		if !validID(t.ID) || strings.TrimSpace(t.Title) == "" || strings.TrimSpace(t.Advice) == "" || len(t.Signs) == 0 {
			return Warnings{}, &LoadError{File: name, Line: lines.inTable("[tier]", i+1, ""),
				Msg: fmt.Sprintf("tier %d needs an id, a title, advice and at least one sign", i+1)}
		}
		for _, text := range append([]string{t.Title, t.Advice}, t.Signs...) {
			if err := safetext.Check(fmt.Sprintf("tier %d", i+1), text, MaxTextLen); err != nil {
				return Warnings{}, &LoadError{File: name, Line: lines.inTable("[tier]", i+1, ""), Msg: err.Error()}
			}
		}
		if t.ID == TierNotSure || t.ID == TierNotGiven {
			return Warnings{}, &LoadError{File: name, Line: lines.inTable("[tier]", i+1, ""),
				Msg: fmt.Sprintf("tier %d: the id %q is kept for an answer", i+1, t.ID)}
		}
		if signs += len(t.Signs); signs > MaxSigns {
			return Warnings{}, &LoadError{File: name, Line: lines.inTable("[tier]", i+1, ""),
				Msg: fmt.Sprintf("more than %d signs in all: each needs a key of its own", MaxSigns)}
		}
		w.Tiers = append(w.Tiers, WarningTier{ID: t.ID, Title: strings.TrimSpace(t.Title), Advice: strings.TrimSpace(t.Advice), Signs: trimAll(t.Signs)})
	}
	return w, nil
}
