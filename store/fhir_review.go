package store

import (
	"fmt"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
)

// The weekly reviews in the FHIR export (README, "FHIR"): back pain and
// leg (or arm) pain over the last week as Observations coded like every
// pain score, LOINC 72514-3, told apart by a SNOMED CT bodySite; and the
// Patient-Specific Functional Scale as a QuestionnaireResponse per review
// to one Questionnaire: its items are the patient's own activities, which
// no fixed code can name. A skipped review holds no answer and is left
// out.

const fhirSNOMED = "http://snomed.info/sct"

// fhirBodySites are the SNOMED CT body structures of the review's pain.
var fhirBodySites = map[string]fhirCoding{
	"back": {System: fhirSNOMED, Code: "77568009", Display: "Structure of back of trunk"},
	"leg":  {System: fhirSNOMED, Code: "61685007", Display: "Lower limb structure"},
	"arm":  {System: fhirSNOMED, Code: "53120007", Display: "Upper limb structure"},
}

// fhirReviewObservation is an Observation with the bodySite the session
// Observations do not need.
type fhirReviewObservation struct {
	ResourceType      string           `json:"resourceType"`
	ID                string           `json:"id"`
	Status            string           `json:"status"`
	Category          []fhirConcept    `json:"category"`
	Code              *fhirConcept     `json:"code"`
	Subject           *fhirReference   `json:"subject"`
	EffectiveDateTime string           `json:"effectiveDateTime"`
	ValueInteger      *int             `json:"valueInteger"`
	BodySite          *fhirConcept     `json:"bodySite"`
	Note              []fhirAnnotation `json:"note"`
}

type fhirQItem struct {
	LinkID   string      `json:"linkId"`
	Text     string      `json:"text"`
	Type     string      `json:"type"`
	Required bool        `json:"required,omitempty"`
	Repeats  bool        `json:"repeats,omitempty"`
	ReadOnly bool        `json:"readOnly,omitempty"`
	Item     []fhirQItem `json:"item,omitempty"`
}

type fhirQuestionnaire struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	URL          string      `json:"url"`
	Name         string      `json:"name"`
	Title        string      `json:"title"`
	Status       string      `json:"status"`
	SubjectType  []string    `json:"subjectType"`
	Item         []fhirQItem `json:"item"`
}

type fhirAnswer struct {
	ValueString  *string  `json:"valueString,omitempty"`
	ValueInteger *int     `json:"valueInteger,omitempty"`
	ValueDecimal *float64 `json:"valueDecimal,omitempty"`
}

type fhirQRItem struct {
	LinkID string       `json:"linkId"`
	Answer []fhirAnswer `json:"answer,omitempty"`
	Item   []fhirQRItem `json:"item,omitempty"`
}

type fhirQuestionnaireResponse struct {
	ResourceType  string         `json:"resourceType"`
	ID            string         `json:"id"`
	Questionnaire string         `json:"questionnaire"`
	Status        string         `json:"status"`
	Subject       *fhirReference `json:"subject"`
	Authored      string         `json:"authored"`
	Item          []fhirQRItem   `json:"item"`
}

// psfsQuestionnaire is the one Questionnaire the responses answer; its
// canonical URL is its entry's urn:uuid.
func psfsQuestionnaire() fhirQuestionnaire {
	return fhirQuestionnaire{ResourceType: "Questionnaire", ID: "psfs", URL: fhirUUID("Questionnaire", "psfs"),
		Name: "PatientSpecificFunctionalScale", Title: "Patient-Specific Functional Scale (Stratford et al. 1995), as spinecoach asks it weekly",
		Status: "active", SubjectType: []string{"Patient"},
		Item: []fhirQItem{
			{LinkID: "activity", Text: "An activity the patient named as hard because of their back", Type: "group", Repeats: true, Item: []fhirQItem{
				{LinkID: "activity-id", Text: "spinecoach's id of the activity: the same through renames", Type: "string", Required: true},
				{LinkID: "activity-name", Text: "The activity, in the patient's words", Type: "string", Required: true},
				{LinkID: "activity-rating", Text: "How well can you do it now: 0 unable, 10 as before the problem", Type: "integer", Required: true},
			}},
			{LinkID: "psfs-score", Text: "PSFS score: the mean of the ratings", Type: "decimal", ReadOnly: true},
		}}
}

// fhirReviews writes the reviews' entries, each after a comma (the
// Patient comes first): the Questionnaire once, when any review rated an
// activity, then per review its two Observations and its response.
func (s *Store) fhirReviews(b *fhirBundle) error {
	rs, err := s.Reviews()
	if err != nil {
		return err
	}
	put, subject := b.putResource, b.subject
	asked := false
	for _, r := range rs {
		if r.Skipped {
			continue
		}
		if len(r.Activities) > 0 && !asked {
			asked = true
			q := psfsQuestionnaire()
			if err := put(q.URL, q); err != nil {
				return err
			}
		}
		for _, o := range reviewObservations(r, subject) {
			if err := put(fhirUUID("Observation", o.ID), o); err != nil {
				return err
			}
		}
		if len(r.Activities) > 0 {
			qr := psfsResponse(r, subject)
			if err := put(fhirUUID("QuestionnaireResponse", qr.ID), qr); err != nil {
				return err
			}
		}
	}
	return nil
}

// reviewObservations are a review's back and leg (or arm) pain.
func reviewObservations(r Review, subject *fhirReference) []fhirReviewObservation {
	limb := r.Limb
	if _, ok := fhirBodySites[limb]; !ok {
		limb = "leg"
	}
	at := r.At.Format(time.RFC3339)
	obs := func(site string, v int) fhirReviewObservation {
		what := fmt.Sprintf("%s pain over the last week, 0-10", capital(site))
		return fhirReviewObservation{ResourceType: "Observation", ID: fmt.Sprintf("review-%s-%s", site, r.ID), Status: "final",
			Category: fhirSurvey, Code: fhirPain(fhirWeeklyReviewCode, what), Subject: subject, EffectiveDateTime: at, ValueInteger: &v,
			BodySite: &fhirConcept{Coding: []fhirCoding{fhirBodySites[site]}, Text: capital(site)},
			Note:     []fhirAnnotation{{Text: "Weekly function review: " + what + "."}}}
	}
	return []fhirReviewObservation{obs("back", r.BackPain), obs(limb, r.LimbPain)}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// psfsResponse is a review's activities and their mean.
func psfsResponse(r Review, subject *fhirReference) fhirQuestionnaireResponse {
	qr := fhirQuestionnaireResponse{ResourceType: "QuestionnaireResponse", ID: "psfs-" + r.ID,
		Questionnaire: fhirUUID("Questionnaire", "psfs"), Status: "completed", Subject: subject, Authored: r.At.Format(time.RFC3339)}
	for _, a := range r.Activities {
		id, name, score := a.ID, safetext.Spaced(a.Name), a.Score
		qr.Item = append(qr.Item, fhirQRItem{LinkID: "activity", Item: []fhirQRItem{
			{LinkID: "activity-id", Answer: []fhirAnswer{{ValueString: &id}}},
			{LinkID: "activity-name", Answer: []fhirAnswer{{ValueString: &name}}},
			{LinkID: "activity-rating", Answer: []fhirAnswer{{ValueInteger: &score}}},
		}})
	}
	if mean, ok := r.Domain().PSFSMean(); ok {
		qr.Item = append(qr.Item, fhirQRItem{LinkID: "psfs-score", Answer: []fhirAnswer{{ValueDecimal: &mean}}})
	}
	return qr
}
