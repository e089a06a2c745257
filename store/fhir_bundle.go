package store

import (
	"bufio"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// fhirBundle streams the Bundle: its head, one entry a line, and at the
// end its identifier and timestamp. The identifier is a name-based UUID
// of the entries written, so the same records give the same identifier
// (a clinic that receives one export twice can tell), and it is known
// only once they are all out: JSON leaves the order of a resource's
// elements free, so it comes after them.
type fhirBundle struct {
	bw      *bufio.Writer
	enc     *json.Encoder
	sum     io.Writer // the entries, hashed for the identifier
	hash    func() []byte
	n       int
	err     error // the first write that failed; every put after it does nothing
	subject *fhirReference
}

func newFHIRBundle(w io.Writer) *fhirBundle {
	b := &fhirBundle{bw: bufio.NewWriter(w)}
	h := sha1.New()
	b.sum, b.hash = h, func() []byte { return h.Sum(nil) }
	b.enc = json.NewEncoder(io.MultiWriter(b.bw, h))
	b.enc.SetEscapeHTML(false)
	fmt.Fprintf(b.bw, "{\"resourceType\":\"Bundle\",\"id\":%q,\"type\":\"collection\",\"entry\":[\n", fhirBundleID)
	b.subject = &fhirReference{Reference: fhirUUID("Patient", fhirPatientID)}
	return b
}

// put writes entries, each on a line of its own, and returns the first
// error of any put so far.
func (b *fhirBundle) put(entries ...fhirEntry) error {
	for _, e := range entries {
		b.putResource(e.FullURL, e.Resource)
	}
	return b.err
}

// putResource writes one entry of any resource's shape (the weekly
// review's Questionnaire and QuestionnaireResponse have their own), on a
// line of its own, and returns the first error of any put so far.
func (b *fhirBundle) putResource(fullURL string, resource any) error {
	if b.err != nil {
		return b.err
	}
	if b.n > 0 {
		b.bw.WriteString(",")
	}
	b.n++
	b.err = b.enc.Encode(struct { // Encode ends the entry with a newline
		FullURL  string `json:"fullUrl"`
		Resource any    `json:"resource"`
	}{fullURL, resource})
	return b.err
}

// close ends the entries and writes the identifier and the timestamp.
func (b *fhirBundle) close(now time.Time) error {
	if b.err != nil {
		return b.err
	}
	id := fhirUUID("Bundle", fmt.Sprintf("%x", b.hash()))
	fmt.Fprintf(b.bw, "],\"identifier\":{\"system\":\"urn:ietf:rfc:3986\",\"value\":%q},\"timestamp\":%q}\n",
		id, now.Format(time.RFC3339))
	return b.bw.Flush()
}
