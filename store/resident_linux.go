//go:build linux

package store

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// dropResident tells the kernel that this process no longer needs the
// pages of the memory map tx reads through that it has touched. They stay
// in the page cache and come back on the next read; only this process's
// resident size shrinks. An import reads every page of a large file
// through the map, and without this its resident size would grow to the
// size of the file.
//
// It must run inside tx: bbolt remaps only with no transaction open, so
// the map is where Info says and at least tx.Size() long. bbolt maps the
// file read-only and shared (PROT_READ, MAP_SHARED): dropping its pages
// loses nothing.
func dropResident(db *bolt.DB, tx *bolt.Tx) {
	if size := tx.Size(); size > 0 {
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, db.Info().Data, uintptr(size), unix.MADV_DONTNEED)
	}
}
