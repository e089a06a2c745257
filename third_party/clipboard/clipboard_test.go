package clipboard

import (
	"errors"
	"testing"
)

func TestFindTakesTheFirstProgramOnPath(t *testing.T) {
	cands := []reader{{"a", []string{"-1"}}, {"b", []string{"-2"}}, {"c", nil}}
	onPath := map[string]bool{"b": true, "c": true}
	look := func(name string) (string, error) {
		if onPath[name] {
			return "/bin/" + name, nil
		}
		return "", errors.New("not found")
	}
	got := find(cands, look)
	if got.name != "/bin/b" || len(got.args) != 1 || got.args[0] != "-2" {
		t.Fatalf("find = %+v, want /bin/b -2", got)
	}
	if got := find(cands, func(string) (string, error) { return "", errors.New("no") }); got.name != "" {
		t.Fatalf("find with nothing on PATH = %+v, want none", got)
	}
}
