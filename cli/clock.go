package cli

import (
	"os"
	"time"
)

// now is the program's clock: SPINECOACH_NOW if set, else the time.
func now() (time.Time, error) {
	at, err := clockStart()
	if err != nil || !at.IsZero() {
		return at, err
	}
	return time.Now(), nil
}

// The range SPINECOACH_NOW may name: the records' keys hold times from
// 1970 to 2262, and the zero time would read as "not set".
var (
	clockMin = time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)
	clockMax = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// clockStart reads SPINECOACH_NOW: the zero time when it is not set.
func clockStart() (time.Time, error) {
	v := os.Getenv("SPINECOACH_NOW")
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, usagef("SPINECOACH_NOW must be an RFC 3339 time such as 2026-11-22T08:00:00+01:00, got %q", v)
	}
	if t.Before(clockMin) || !t.Before(clockMax) {
		return time.Time{}, usagef("SPINECOACH_NOW must be a time from 1970-01-02 to 2199, got %q", v)
	}
	return t, nil
}
