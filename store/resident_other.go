//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// dropResident does nothing here: resident pages of the map are left to
// the kernel.
func dropResident(*bolt.DB, *bolt.Tx) {}
