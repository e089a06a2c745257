package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestFHIRCarriesTheReviews(t *testing.T) {
	s := newStore(t)
	fillReviews(t, s) // two answered (with activities), one skipped
	arm := testReview(time.Date(2025, 3, 20, 10, 0, 0, 0, zoneEast), 2, 5)
	arm.Limb = "arm"
	mustNil(t, s.PutReview(arm))
	var b bytes.Buffer
	mustNil(t, s.ExportFHIR(&b, fhirTestNow))
	var again bytes.Buffer
	mustNil(t, s.ExportFHIR(&again, fhirTestNow))
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("two FHIR exports of the same file differ")
	}
	var bundle struct {
		Entry []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	mustNil(t, json.Unmarshal(b.Bytes(), &bundle))
	count := map[string]int{}
	sites := map[string]int{}
	var ratings []int
	for _, e := range bundle.Entry {
		var r struct {
			ResourceType string `json:"resourceType"`
			Code         struct {
				Coding []fhirCoding `json:"coding"`
			} `json:"code"`
			BodySite struct {
				Coding []fhirCoding `json:"coding"`
			} `json:"bodySite"`
			Item []fhirQRItem `json:"item"`
		}
		mustNil(t, json.Unmarshal(e.Resource, &r))
		count[r.ResourceType]++
		if len(r.BodySite.Coding) > 0 {
			sites[r.BodySite.Coding[0].Code]++
			if r.Code.Coding[0].Code != fhirPainCode {
				t.Errorf("a review Observation coded %v", r.Code.Coding)
			}
		}
		for _, it := range r.Item {
			if it.LinkID == "activity" && r.ResourceType == "QuestionnaireResponse" {
				ratings = append(ratings, *it.Item[2].Answer[0].ValueInteger)
			}
		}
	}
	want := map[string]int{"Patient": 1, "Questionnaire": 1, "Observation": 6, "QuestionnaireResponse": 2}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("%d %s, want %d (all: %v)", count[k], k, v, count)
		}
	}
	if sites["77568009"] != 3 || sites["61685007"] != 2 || sites["53120007"] != 1 {
		t.Errorf("body sites %v: want back 3, leg 2, arm 1", sites)
	}
	if len(ratings) != 4 || ratings[0] != 2 || ratings[3] != 6 {
		t.Errorf("PSFS ratings %v", ratings)
	}
}
