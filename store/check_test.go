package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestBackup(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	dest := filepath.Join(t.TempDir(), "backup.db")
	old := filepath.Join(filepath.Dir(dest), "old.db")
	mustNil(t, os.WriteFile(old, []byte("old backup"), 0o644))
	if err := s.Backup(old); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: err %v", err)
	}
	if got, _ := os.ReadFile(old); string(got) != "old backup" {
		t.Error("an existing file was overwritten")
	}
	mustNil(t, s.Backup(dest))
	info, err := os.Stat(dest)
	mustNil(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", info.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".spinecoach-backup-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	b := openTest(t, dest, Options{ReadOnly: true})
	mustNil(t, b.Check())
	days, err := b.DaysBetween("2025-01-01", "2025-12-31")
	mustNil(t, err)
	if len(days) != 3 {
		t.Errorf("backup has %d days", len(days))
	}
	if err := s.Backup(s.Path()); err == nil {
		t.Error("backup onto itself succeeded")
	}
}

// TestCheckFindsTampering damages a sound file one way at a time and
// expects Check to name that damage: each case is one of its checks.
func TestCheckFindsTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(tx *bolt.Tx) error
		want   string // a part of the problem Check must name
	}{
		{"missing bucket", func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketDecisions) },
			`bucket "decisions" is missing`},
		{"wrong day aggregate", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketDays).Put([]byte("2025-03-04"), []byte(`{"date":"2025-03-04","sessions":9,"max_pain":-1}`))
		}, "day 2025-03-04: aggregate {"},
		{"missing day aggregate", func(tx *bolt.Tx) error { return tx.Bucket(bucketDays).Delete([]byte("2025-03-05")) },
			"day 2025-03-05: aggregate is missing"},
		{"day not under a date", func(tx *bolt.Tx) error { return tx.Bucket(bucketDays).Put([]byte("2025-13-01"), []byte(`{}`)) },
			`day "2025-13-01" is not under a date`},
		{"undecodable day", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketDays).Put([]byte("2025-03-04"), []byte(`{"sessions":`))
		},
			`day "2025-03-04" does not decode`},
		{"exercise day not under a date", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketExerciseDays)
			k, v := b.Cursor().First()
			k2 := append([]byte("2025-99"), k[len("2025-99"):]...)
			return b.Put(k2, v)
		}, "is not under a date"},
		{"set without session", func(tx *bolt.Tx) error {
			id := NewSessionID(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
			return tx.Bucket(bucketSets).Put(setKey(id, 0), []byte(`{"session_id":"`+id+`","pain":1}`))
		}, "set 0 belongs to missing session"},
		{"undecodable set", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketSets).Cursor().First()
			return tx.Bucket(bucketSets).Put(k, []byte(`[`))
		}, "does not decode"},
		{"set under the wrong key", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSets)
			k, v := b.Cursor().First()
			k2 := append([]byte(nil), k...)
			k2[len(k2)-1] = 9
			return b.Put(k2, v)
		}, "is stored under the wrong key"},
		{"set with pain out of range", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSets)
			k, v := b.Cursor().First()
			return b.Put(k, bytes.Replace(v, []byte(`"pain":2`), []byte(`"pain":11`), 1))
		}, "pain 11 is not 0..10"},
		{"undecodable session", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketSessions).Cursor()
			k, _ := c.First()
			return tx.Bucket(bucketSessions).Put(k, []byte("{"))
		}, "does not decode"},
		{"session under the wrong key", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSessions)
			k, v := b.Cursor().First()
			k2 := append([]byte(nil), k...)
			k2[len(k2)-1] ^= 1 // another last character, whatever the random one was
			return b.Put(k2, v)
		}, "is stored under key"},
		{"session with baseline out of range", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSessions)
			k, v := b.Cursor().First()
			return b.Put(k, bytes.Replace(v, []byte(`"baseline_pain":3`), []byte(`"baseline_pain":12`), 1))
		}, "baseline pain 12 is not 0..10"},
		{"stale open index", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketOpen).Put([]byte(NewSessionID(time.Now())), nil)
		}, "open-session index names missing session"},
		{"open session left out of the index", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketOpen).Cursor().First()
			return tx.Bucket(bucketOpen).Delete(k)
		}, "open-session index disagrees with status"},
		{"undecodable decision", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketDecisions).Cursor()
			k, _ := c.First()
			return tx.Bucket(bucketDecisions).Put(k, []byte(`{"seq":`))
		}, "does not decode"},
		{"decision with an unknown side", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketDecisions).Cursor()
			k, v := c.Last()
			return tx.Bucket(bucketDecisions).Put(k, bytes.Replace(v, []byte(`"side":""`), []byte(`"side":"up"`), 1))
		}, "does not decode"},
		{"decision without session", func(tx *bolt.Tx) error {
			id := NewSessionID(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
			return tx.Bucket(bucketDecisions).Put(decisionKey(id, 0),
				[]byte(`{"session_id":"`+id+`","seq":0,"rule":"red","reason":"Stop.","side":""}`))
		}, "decision 0 belongs to missing session"},
		{"decision under the wrong key", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketDecisions)
			k, v := b.Cursor().First()
			k2 := append([]byte(nil), k...)
			k2[len(k2)-1] = 9
			return b.Put(k2, v)
		}, "is stored under the wrong key"},
		{"decision with a level out of range", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketDecisions)
			k, v := b.Cursor().First()
			return b.Put(k, bytes.Replace(v, []byte(`"level_after":1`), []byte(`"level_after":5`), 1))
		}, "level after 5 is not 0.."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spinecoach.db")
			s := mustOpen(t, path, Options{})
			fill(t, s)
			mustNil(t, s.Check())
			mustNil(t, s.Close())

			db, err := bolt.Open(path, 0o600, nil)
			mustNil(t, err)
			mustNil(t, db.Update(tt.tamper))
			mustNil(t, db.Close())

			s = openTest(t, path, Options{ReadOnly: true})
			err = s.Check()
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check() = %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v\nwant it to name %q", err, tt.want)
			}
		})
	}
}
