package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// surgeryDate is the profile's surgery date (YYYY-MM-DD), "" when there
// is none or it is not a date.
func (s *Store) surgeryDate(tx *bolt.Tx) (string, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return "", nil
	}
	v := meta.Get(keyProfile)
	if v == nil {
		return "", nil
	}
	var j struct {
		SurgeryDate string `json:"surgery_date"`
	}
	if err := json.Unmarshal(v, &j); err != nil {
		return "", s.damaged("profile", keyProfile, err)
	}
	if _, err := time.Parse(dateLayout, j.SurgeryDate); err != nil {
		return "", nil
	}
	return j.SurgeryDate, nil
}
