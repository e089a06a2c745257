package routine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// reWrongType is the TOML decoder's message for a value of the wrong
// kind (a plain error, not a toml.ParseError): its line, last key, and
// the kind wanted. Compiled on the first such error, not at every start.
var reWrongType = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type .+; destination has type (\S+)$`)
})

// wrongType puts the decoder's wrong-kind error in words at the first line
// that has it: the decoder names the last key it read, which for a key
// repeated in every exercise is often a later one than the first bad line.
// ok is false for any other error.
func wrongType(name string, data []byte, decodeErr error) (err *LoadError, ok bool) {
	m := reWrongType().FindStringSubmatch(decodeErr.Error())
	if m == nil {
		return nil, false
	}
	line, _ := strconv.Atoi(m[1])
	key, want := m[2][strings.LastIndex(m[2], ".")+1:], m[3]
	for n, line := range indexLines(data).lines {
		if keyOf(line) != key {
			continue
		}
		if got, known := valueOf(line); known && !fits(got, want) {
			return &LoadError{File: name, Line: n + 1, Msg: fmt.Sprintf("%s must be %s, got %s", key, kindInWords(want), valueInWords(got))}, true
		}
	}
	return &LoadError{File: name, Line: line, Msg: fmt.Sprintf("%s must be %s", key, kindInWords(want))}, true
}

// valueOf decodes the value of one "key = value" line; known is false
// for a value that goes on over more lines.
func valueOf(line string) (v any, known bool) {
	var m map[string]any
	if _, err := toml.Decode(line, &m); err != nil || len(m) != 1 {
		return nil, false
	}
	for _, v := range m {
		return v, true
	}
	return nil, false
}

// fits reports whether a decoded value may go where the decoder wants a kind.
func fits(v any, want string) bool {
	switch v.(type) {
	case int64:
		return want == "integer" || want == "float"
	case float64:
		return want == "float"
	case string:
		return want == "string"
	case bool:
		return want == "bool" || want == "boolean"
	case []any:
		return want == "slice" || want == "array"
	case map[string]any:
		return want == "struct" || want == "map"
	}
	return false
}

// kindInWords is a kind of the decoder's, as a prescription's author reads it.
func kindInWords(kind string) string {
	switch kind {
	case "integer":
		return "a whole number (such as 3)"
	case "float":
		return "a number (such as 2.5)"
	case "string":
		return `text in quotes (such as "Bridge")`
	case "bool", "boolean":
		return "true or false"
	case "slice", "array":
		return `a list in brackets (such as ["one", "two"])`
	case "struct", "map":
		return "a table"
	}
	return "a value of another kind"
}

// valueInWords is a decoded value as the author wrote it, with its kind.
func valueInWords(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", x)
	case int64:
		return fmt.Sprintf("the whole number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a value of another kind"
}
