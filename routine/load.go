package routine

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// Limits on what a routine file may prescribe. Anything outside them is
// almost certainly a typo (300 reps, a 30-minute hold) and is refused.
const (
	MaxReps        = 20
	MaxHold        = 10 * time.Minute
	MaxRest        = 10 * time.Minute
	MaxDuration    = 2 * time.Hour
	MaxCount       = 200
	MaxPace        = time.Minute
	MaxCues        = 6
	DefaultRest    = 10 * time.Second
	maxPhaseNumber = 20
)

// Limits on a routine file's size and text. The text of a routine is shown
// on a terminal, so it may hold no control character (safetext): no
// escape sequence, tab or line break, even one a TOML escape spells.
const (
	MaxFileSize    = 256 << 10 // bytes of a routine or prescription file
	MaxExercises   = 50
	MaxPrecautions = 20
	MaxNameLen     = 100 // bytes of a routine's or an exercise's name, or a source
	MaxTextLen     = 500 // bytes of a summary, a precaution, a position or a cue
)

// fileRoutine mirrors the TOML file; only the loader sees it.
type fileRoutine struct {
	ID             string         `toml:"id"`
	Name           string         `toml:"name"`
	Phase          int            `toml:"phase"`
	OpensWeek      int            `toml:"opens_week"`
	NeedsClearance bool           `toml:"needs_clearance"`
	RepeatEveryMin int            `toml:"repeat_every_min"`
	Summary        string         `toml:"summary"`
	Precautions    []string       `toml:"precautions"`
	RestS          *int           `toml:"rest_s"`
	Exercises      []fileExercise `toml:"exercise"`
	PainRules      PainRules      `toml:"pain_rules"` // decoded over the defaults: absent keys keep them
	Ladder         []LadderStep   `toml:"ladder"`
}

type fileExercise struct {
	ID        string       `toml:"id"`
	Name      string       `toml:"name"`
	Source    string       `toml:"source"`
	Sides     bool         `toml:"sides"`
	Optional  bool         `toml:"optional"`
	Position  string       `toml:"position"`
	Cues      []string     `toml:"cues"`
	Reps      int          `toml:"reps"`
	HoldS     int          `toml:"hold_s"`
	RestS     *int         `toml:"rest_s"`
	DurationS int          `toml:"duration_s"`
	Count     int          `toml:"count"`
	PaceS     int          `toml:"pace_s"`
	Repeat    *fileRepeat  `toml:"repeat"`
	NotAfter  []string     `toml:"not_after"`
	Differs   string       `toml:"differs"`
	BuildUp   *fileBuildUp `toml:"build_up"`
}

// LoadError is one problem in a routine file, printed as file:line: message.
type LoadError struct {
	File string
	Line int // 0 when the problem is not tied to a line
	Msg  string
}

// Error never carries a control character: the file name and the TOML
// parser's message may quote the file.
func (e *LoadError) Error() string {
	if e.Line > 0 {
		return safetext.Line(fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg))
	}
	return safetext.Line(fmt.Sprintf("%s: %s", e.File, e.Msg))
}

// validID reports an ID: lower-case letters, digits and dashes, at most 64
// (a record key is built from it; a name to read, not a sentence).
// It is checked by hand: a compiled regexp cost every start of the coach
// its compilation at package initialisation.
func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 || id[0] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// LoadProgram parses every *.toml file in dir of fsys, ordered by phase.
// Routine ids must be unique across the files.
func LoadProgram(fsys fs.FS, dir string) (Program, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return Program{}, err
	}
	if len(names) == 0 {
		return Program{}, fmt.Errorf("%s: no routine files (*.toml) found", dir)
	}
	var p Program
	var errs []error
	seen := map[string]string{}
	for _, name := range names {
		r, err := LoadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := seen[r.ID]; dup {
			errs = append(errs, &LoadError{File: name, Line: 1, Msg: fmt.Sprintf("routine id %q is already used by %s", r.ID, prev)})
			continue
		}
		seen[r.ID] = name
		p.Routines = append(p.Routines, r)
	}
	if len(errs) > 0 {
		return Program{}, errors.Join(errs...)
	}
	sort.SliceStable(p.Routines, func(i, j int) bool { return p.Routines[i].Phase < p.Routines[j].Phase })
	return p, nil
}

// LoadFile parses one routine file of fsys.
func LoadFile(fsys fs.FS, name string) (Routine, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Routine{}, err
	}
	return Parse(name, data)
}

// Parse decodes and validates one routine file. Unknown keys, missing
// fields and absurd doses are errors, each as file:line: message; all the
// problems found are returned together.
func Parse(name string, data []byte) (Routine, error) {
	if len(data) > MaxFileSize {
		return Routine{}, &LoadError{File: name, Msg: fmt.Sprintf("the file is %d bytes long; a routine may have at most %d", len(data), MaxFileSize)}
	}
	f := fileRoutine{PainRules: DefaultPainRules()}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		if typed, ok := wrongType(name, data, err); ok {
			return Routine{}, typed
		}
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return Routine{}, &LoadError{File: name, Line: perr.Position.Line, Msg: perr.Message}
		}
		return Routine{}, &LoadError{File: name, Msg: err.Error()}
	}
	lines := indexLines(data)
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, &LoadError{File: name, Line: lines.find(k), Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	v := validator{file: name, lines: lines}
	r := v.routine(f)
	errs = append(errs, v.errs...)
	if len(errs) > 0 {
		return Routine{}, errors.Join(errs...)
	}
	return r, nil
}

type validator struct {
	file  string
	lines lineIndex
	errs  []error
}

// fail records a problem at key (in exercise number ex, or -1 for the top).
func (v *validator) fail(ex int, key, format string, args ...any) {
	v.errs = append(v.errs, &LoadError{File: v.file, Line: v.lines.at(ex, key), Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) routine(f fileRoutine) Routine {
	if !validID(f.ID) {
		v.fail(-1, "id", "id must be 1 to 64 lower-case letters, digits and dashes, got %q", f.ID)
	}
	if strings.TrimSpace(f.Name) == "" {
		v.fail(-1, "name", "name is missing")
	}
	if f.Phase < 1 || f.Phase > maxPhaseNumber {
		v.fail(-1, "phase", "phase must be from 1 to %d, got %d", maxPhaseNumber, f.Phase)
	}
	if f.OpensWeek < 0 || f.OpensWeek > 104 {
		v.fail(-1, "opens_week", "opens_week must be from 0 to 104, got %d", f.OpensWeek)
	}
	if f.RepeatEveryMin < 0 || f.RepeatEveryMin > 24*60 {
		v.fail(-1, "repeat_every_min", "repeat_every_min must be from 0 to 1440, got %d", f.RepeatEveryMin)
	}
	rest := DefaultRest
	if f.RestS != nil {
		rest = v.seconds(-1, "rest_s", *f.RestS, 0, MaxRest)
	}
	if len(f.Exercises) == 0 {
		v.fail(-1, "", "the routine has no [[exercise]]")
	}
	if len(f.Exercises) > MaxExercises {
		v.fail(-1, "", "the routine has %d exercises; at most %d are allowed", len(f.Exercises), MaxExercises)
	}
	if len(f.Precautions) > MaxPrecautions {
		v.fail(-1, "precautions", "give at most %d precautions, got %d", MaxPrecautions, len(f.Precautions))
	}
	v.text(-1, "name", "name", f.Name, MaxNameLen)
	v.text(-1, "summary", "summary", f.Summary, MaxTextLen)
	for i, p := range f.Precautions {
		v.text(-1, "precautions", fmt.Sprintf("precaution %d", i+1), p, MaxTextLen)
	}
	r := Routine{
		ID: f.ID, Name: strings.TrimSpace(f.Name), Phase: f.Phase, OpensWeek: f.OpensWeek,
		NeedsClearance: f.NeedsClearance, Summary: strings.TrimSpace(f.Summary),
		Precautions: trimAll(f.Precautions),
		Rules:       f.PainRules, Ladder: Ladder{Steps: f.Ladder},
	}
	v.fieldError(r.Rules.Validate())
	v.fieldError(r.Ladder.Validate())
	seen := map[string]bool{}
	for i, fe := range f.Exercises {
		e := v.exercise(i, fe, rest)
		e.Repeat = v.repeat(i, e.ID, fe.Repeat, f.RepeatEveryMin)
		e.NotAfter = v.regions(i, e.ID, fe.NotAfter)
		v.text(i, "differs", fmt.Sprintf("exercise %q: differs", e.ID), fe.Differs, MaxTextLen)
		e.Differs = strings.TrimSpace(fe.Differs)
		if seen[e.ID] {
			v.fail(i, "id", "exercise id %q is used twice", e.ID)
		}
		seen[e.ID] = true
		r.Exercises = append(r.Exercises, e)
	}
	r.RepeatEvery = r.spacing()
	return r
}

func (v *validator) exercise(i int, f fileExercise, rest time.Duration) Exercise {
	if !validID(f.ID) {
		v.fail(i, "id", "exercise %d: id must be 1 to 64 lower-case letters, digits and dashes, got %q", i+1, f.ID)
	}
	if strings.TrimSpace(f.Name) == "" {
		v.fail(i, "name", "exercise %q: name is missing", f.ID)
	}
	if strings.TrimSpace(f.Position) == "" {
		v.fail(i, "position", "exercise %q: position is missing (how to get into position)", f.ID)
	}
	if len(f.Cues) == 0 || len(f.Cues) > MaxCues {
		v.fail(i, "cues", "exercise %q: give 1 to %d cues, got %d", f.ID, MaxCues, len(f.Cues))
	}
	for _, c := range f.Cues {
		if strings.TrimSpace(c) == "" {
			v.fail(i, "cues", "exercise %q: a cue is empty", f.ID)
			break
		}
	}
	where := fmt.Sprintf("exercise %d", i+1)
	if validID(f.ID) {
		where = fmt.Sprintf("exercise %q", f.ID)
	}
	v.text(i, "name", where+": name", f.Name, MaxNameLen)
	v.text(i, "source", where+": source", f.Source, MaxNameLen)
	v.text(i, "position", where+": position", f.Position, MaxTextLen)
	for n, c := range f.Cues {
		v.text(i, "cues", fmt.Sprintf("%s: cue %d", where, n+1), c, MaxTextLen)
	}
	e := Exercise{
		ID: f.ID, Name: strings.TrimSpace(f.Name), Position: strings.TrimSpace(f.Position),
		Cues: trimAll(f.Cues), Sides: f.Sides, Optional: f.Optional, Source: strings.TrimSpace(f.Source),
	}
	e.Dose, e.BuildUp = v.dose(i, f, rest)
	return e
}

// dose checks the one dose an exercise gives: holds, a timed activity
// (fixed, or one that builds up) or a count.
func (v *validator) dose(i int, f fileExercise, rest time.Duration) (Dose, *BuildUp) {
	var d Dose
	var b *BuildUp
	kinds := 0
	if f.Reps != 0 || f.HoldS != 0 {
		kinds++
	}
	if f.DurationS != 0 || f.BuildUp != nil {
		kinds++
	}
	if f.Count != 0 || f.PaceS != 0 {
		kinds++
	}
	if kinds != 1 || f.DurationS != 0 && f.BuildUp != nil {
		v.fail(i, "", "exercise %q: give exactly one dose: reps and hold_s, or duration_s, or build_up, or count", f.ID)
		return d, nil
	}
	switch {
	case f.BuildUp != nil:
		d.Duration = time.Minute
		if b = v.buildUp(i, f.ID, f.BuildUp); b != nil {
			d.Duration = b.Start
		}
	case f.DurationS != 0:
		d.Duration = v.seconds(i, "duration_s", f.DurationS, time.Second, MaxDuration)
	case f.Count != 0 || f.PaceS != 0:
		if f.Count < 1 || f.Count > MaxCount {
			v.fail(i, "count", "exercise %q: count must be from 1 to %d, got %d", f.ID, MaxCount, f.Count)
		}
		d.Count = f.Count
		d.Pace = v.seconds(i, "pace_s", f.PaceS, 0, MaxPace)
	default:
		if f.Reps < 1 || f.Reps > MaxReps {
			v.fail(i, "reps", "exercise %q: reps must be from 1 to %d, got %d", f.ID, MaxReps, f.Reps)
		}
		d.Reps = f.Reps
		d.Hold = v.seconds(i, "hold_s", f.HoldS, time.Second, MaxHold)
		d.Rest = rest
		if f.RestS != nil {
			d.Rest = v.seconds(i, "rest_s", *f.RestS, 0, MaxRest)
		}
	}
	if f.RestS != nil && d.Kind() != Holds {
		v.fail(i, "rest_s", "exercise %q: rest_s only applies to holds", f.ID)
	}
	return d, b
}

// fieldError records a pain-rule or ladder error at the line of its key.
func (v *validator) fieldError(err error) {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return
	}
	line := v.lines.inTable("pain_rules", 0, fe.Field)
	if fe.Level > 0 || fe.Table == "dose ladder" {
		line = v.lines.inTable("[ladder]", fe.Level, fe.Field)
	}
	v.errs = append(v.errs, &LoadError{File: v.file, Line: line, Msg: fe.Error()})
}

// text checks a field shown to the patient: no control character, at
// most max bytes. what names it in the message.
func (v *validator) text(ex int, key, what, s string, max int) {
	if err := safetext.Check(what, s, max); err != nil {
		v.fail(ex, key, "%s", err)
	}
}

// seconds checks n seconds against [lo, hi] and converts it. The check
// is on n itself, before any multiplication: 36028797018963998 seconds
// would overflow a time.Duration into the range.
func (v *validator) seconds(ex int, key string, n int, lo, hi time.Duration) time.Duration {
	if n < int(lo/time.Second) || n > int(hi/time.Second) {
		where := "the routine"
		if ex >= 0 {
			where = fmt.Sprintf("exercise %d", ex+1)
		}
		v.fail(ex, key, "%s: %s must be from %d to %d, got %d", where, key, int(lo/time.Second), int(hi/time.Second), n)
		return lo
	}
	return time.Duration(n) * time.Second
}

func trimAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// lineIndex finds the line of a key in the source. The TOML decoder keeps
// key positions to itself, so we look for "key =" in the right table.
type lineIndex struct {
	lines      []string
	exerciseAt []int // 0-based line of each [[exercise]] header
}

func indexLines(data []byte) lineIndex {
	var li lineIndex
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		li.lines = append(li.lines, line)
		if strings.TrimSpace(line) == "[[exercise]]" {
			li.exerciseAt = append(li.exerciseAt, n)
		}
	}
	return li
}

// at returns the 1-based line of key within exercise ex (or the top level
// for ex < 0); with no key, or when the key is absent, the table's header.
func (li lineIndex) at(ex int, key string) int {
	start, end := 0, len(li.lines)
	if len(li.exerciseAt) > 0 {
		end = li.exerciseAt[0]
	}
	if ex >= 0 && ex < len(li.exerciseAt) {
		start = li.exerciseAt[ex]
		end = len(li.lines)
		if ex+1 < len(li.exerciseAt) {
			end = li.exerciseAt[ex+1]
		}
	}
	if key != "" {
		for n := start; n < end; n++ {
			if keyOf(li.lines[n]) == key {
				return n + 1
			}
		}
	}
	if ex >= 0 && ex < len(li.exerciseAt) {
		return start + 1
	}
	return 1
}

// inTable returns the line of key in the table named by header ("pain_rules"
// for [pain_rules], "[ladder]" for the nth [[ladder]], 1-based), or the
// header's own line, or 0 when the table is absent.
func (li lineIndex) inTable(header string, nth int, key string) int {
	want := "[" + header + "]"
	start, seen := -1, 0
	for n, line := range li.lines {
		t := strings.TrimSpace(line)
		if start < 0 {
			if t == want {
				if seen++; nth == 0 || seen == nth {
					start = n
				}
			}
			continue
		}
		if strings.HasPrefix(t, "[") {
			break
		}
		if key != "" && keyOf(line) == key {
			return n + 1
		}
	}
	return start + 1
}

// find returns the line of the first occurrence of an undecoded key, or
// of the key of the inline table that holds it (repeat = { evry = ... }).
func (li lineIndex) find(k toml.Key) int {
	for i := len(k); i > 0; i-- {
		if n := li.findKey(k[:i]); n > 0 {
			return n
		}
	}
	return 0
}

func (li lineIndex) findKey(k toml.Key) int {
	last := k[len(k)-1]
	for n, line := range li.lines {
		if keyOf(line) == last {
			return n + 1
		}
		t := strings.TrimSpace(line)
		if t == "["+k.String()+"]" || t == "[["+k.String()+"]]" {
			return n + 1
		}
	}
	return 0
}

// keyOf returns the bare key of a "key = value" line, or "".
func keyOf(line string) string {
	k, _, ok := strings.Cut(line, "=")
	if !ok {
		return ""
	}
	return strings.Trim(strings.TrimSpace(k), `"`)
}
