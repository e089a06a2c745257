package store

import bolt "go.etcd.io/bbolt"

// migrateReviews is the step to the schema that keeps the weekly function
// reviews (reviews.go) in a bucket of their own. An older file has no
// review to move: the step only adds the bucket. A reader of an older file
// (read-only: not migrated) finds no reviews.
func migrateReviews() migration {
	return migration{
		from:    3,
		what:    "weekly function reviews get a bucket of their own",
		buckets: [][]byte{bucketReviews},
		up: func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists(bucketReviews)
			return err
		},
	}
}
