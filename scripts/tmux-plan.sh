#!/usr/bin/env bash
# tmux-plan.sh: the day plan (how often, for whom, how far) through the
# real binary in an 80x24 tmux pane:
#   1. Phase 2: the routine at 08:00; at 12:00 `start` is a stretch break
#      with only the stretches, and home names it.
#   2. Phase 1: a session an hour after the last asks first ("Start
#      anyway? y/n"); Enter alone does not answer; n goes home, y starts.
#   3. A neck fusion: `routines show` has no head-and-shoulder lift (nor
#      the curl-up in phase 3) and says a prescription is advised; a
#      lower-back fusion keeps them and shows no neck precaution.
#   4. Phase 4: walking after three green days is 16 minutes, and the
#      CSV and FHIR exports give its minutes day by day.
# Usage: scripts/tmux-plan.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-plan
export XDG_CONFIG_HOME="$tmp/config" # no reminder settings of the user's

bin="$tmp/spinecoach"
mkdir -p "$tmp/data"
build_app "$bin"
keep_server

# sc DB NOW ARGS...: a command of the binary on DB with the clock at NOW.
sc() {
	local db=$1 now=$2
	shift 2
	SPINECOACH_NOW="$now" "$bin" --db "$db" "$@"
}

# run_fast NAME DB NOW ARGS...: like run_app, with time 300 times faster,
# so a 10-minute walk takes 2 s.
run_fast() {
	local name=$1 db=$2 now=$3
	shift 3
	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' env SPINECOACH_NOW="$now" "$bin" --db "$db" --speed 300 --no-bell "$@"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
}

# checkin NAME: the check-in (pain 2) and no warning sign, up to the first card.
checkin() {
	wait_for "$1" "Check-in"
	send "$1" 2 Enter
	answer_warnings "$1" n
	wait_for "$1" "I'm in position"
}

# one_set_then_skip NAME: scores the first set 2, skips every exercise
# after it, and leaves the summary for home.
one_set_then_skip() {
	send "$1" Enter
	wait_for "$1" "Pain check"
	send "$1" 2 Enter
	wait_for "$1" "Saved: pain 2/10"
	local i
	for i in $(seq 1 30); do
		wait_for "$1" "I'm in position" "Session done"
		[[ "$MATCHED" == "Session done" ]] && break
		send "$1" s
		sleep 0.3
	done
	wait_for "$1" "Session done"
}

# ------------------------------------------------ 1. phase 2 stretch break
t0=$SECONDS
db="$tmp/data/p2.db"
sc "$db" 2026-11-23T07:00:00+01:00 setup --surgery-date 2026-11-09 --region lumbar >/dev/null
run_fast a "$db" 2026-11-23T08:00:00+01:00 start
checkin a
expect_text "the morning routine" "Pelvic tilt"
one_set_then_skip a
send a q
expect_exit a 0

run_app b "$db" 2026-11-23T12:00:00+01:00
wait_for b "Press Enter to start."
expect_text "home at 12:00" "Stretch break: 2 stretches, about"
send b q
expect_exit b 0

run_fast c "$db" 2026-11-23T12:00:00+01:00 start
wait_for c "Check-in"
expect_text "the break's check-in" "Stretch break"
send c 2 Enter
answer_warnings c n
cards=""
for i in $(seq 1 10); do
	wait_for c "I'm in position" "Session done"
	[[ "$MATCHED" == "Session done" ]] && break
	cards+=$(grep -Eo "(Hamstring stretch on your back|Wall calf stretch|Pelvic tilt|Glute bridge|Walking|Alternate leg lift)" <<<"$SCREEN" | head -1)$'\n'
	send c s
	sleep 0.3
done
[[ "$(sort -u <<<"$cards" | grep -c .)" == 2 ]] || fail "the stretch break's cards were: $(tr '\n' ',' <<<"$cards"), want only the two stretches"
grep -q "Hamstring stretch on your back" <<<"$cards" && grep -q "Wall calf stretch" <<<"$cards" || fail "the stretch break lacks a stretch: $(tr '\n' ',' <<<"$cards")"
send c q
expect_exit c 0
echo "PASS phase 2: the routine at 08:00, at 12:00 a stretch break of only the two stretches ($((SECONDS - t0)) s)"

# ------------------------------------------------ 2. phase 1 asks first
t0=$SECONDS
db="$tmp/data/p1.db"
sc "$db" 2026-11-22T07:00:00+01:00 setup --surgery-date 2026-11-20 >/dev/null
run_fast d "$db" 2026-11-22T08:00:00+01:00 start
checkin d
one_set_then_skip d
send d q
expect_exit d 0
ended=$(sc "$db" 2026-11-22T09:00:00+01:00 due | grep -Eo "ended at [0-9]{2}:[0-9]{2}" | head -1) || true
[[ -n "$ended" ]] || fail "due does not say when the last session ended"

run_app e "$db" 2026-11-22T09:00:00+01:00 start
wait_for e "Start anyway? y/n" "Check-in"
[[ "$MATCHED" == "Start anyway? y/n" ]] || fail "a session an hour after the last began without asking"
expect_text "the question" "Your last session $ended; the next is due at"
send e Enter
wait_for e "Enter alone does not answer"
reject_text "after Enter" "Check-in"
send e n
wait_for e "Press Enter to start."
send e Enter
wait_for e "Start anyway? y/n"
send e y
wait_for e "Check-in"
send e q # back home: nothing stored yet
wait_for e "Press Enter to start."
send e q
expect_exit e 0
echo "PASS phase 1: a session an hour after the last asks first; Enter does not answer, n goes home, y starts ($((SECONDS - t0)) s)"

# ------------------------------------------------ 3. a neck fusion
t0=$SECONDS
db="$tmp/data/neck.db"
out=$(sc "$db" 2026-11-23T07:00:00+01:00 setup --surgery-date 2026-11-09 --region cervical)
[[ "$out" == *"a prescription from your surgeon or physical therapist is advised"* ]] || fail "setup after a neck fusion: $out"
show=$(sc "$db" 2026-11-23T07:00:00+01:00 routines show)
grep -Eq "^[0-9]+\. Head and shoulder lift" <<<"$show" && fail "a neck-fusion routines show has the head-and-shoulder lift"
grep -q "Left out after a neck fusion: Head and shoulder lift on your front." <<<"$show" || fail "routines show does not say what was left out"
grep -q "Do not bend your neck forwards and backwards" <<<"$show" || fail "no neck precaution after a neck fusion"
grep -Eq "^[0-9]+\. McGill curl-up" <<<"$(sc "$db" 2026-11-23T07:00:00+01:00 routines show phase3)" && fail "a neck-fusion phase 3 has the curl-up"
run_app f "$db" 2026-11-23T08:00:00+01:00
wait_for f "Press Enter to start."
expect_text "home after a neck fusion" "a prescription from your surgeon or physical therapist is advised"
send f q
expect_exit f 0
db="$tmp/data/back.db"
sc "$db" 2026-11-23T07:00:00+01:00 setup --surgery-date 2026-11-09 --region lumbar >/dev/null
show=$(sc "$db" 2026-11-23T07:00:00+01:00 routines show)
grep -Eq "^[0-9]+\. Head and shoulder lift on your front" <<<"$show" || fail "a lower-back fusion lost the head-and-shoulder lift"
grep -qi "neck forwards" <<<"$show" && fail "a lower-back fusion shows the neck precaution"
grep -q "Why this one is allowed: This is not the leg raise" <<<"$show" || fail "the alternate leg lift does not say how it differs from a leg raise"
echo "PASS neck fusion: no head-and-shoulder lift or curl-up, advice on setup, routines show and home; back fusion unchanged ($((SECONDS - t0)) s)"

# ------------------------------------------------ 4. phase 4 walking builds up
t0=$SECONDS
db="$tmp/data/p4.db"
sc "$db" 2026-11-20T07:00:00+01:00 setup --surgery-date 2026-09-01 --cleared-phase 4 >/dev/null
for d in 20 21 22; do
	run_fast "w$d" "$db" "2026-11-${d}T09:00:00+01:00" start --short
	checkin "w$d"
	expect_text "walking on the ${d}th" "Walking"
	send "w$d" Enter
	wait_for "w$d" "Pain check"
	send "w$d" 2 Enter
	wait_for "w$d" "Session done"
	send "w$d" q
	expect_exit "w$d" 0
done
# Before the fourth morning's check-in the time in force is the last one stored.
grep -q "^1\. Walking: 14 min" <<<"$(sc "$db" 2026-11-23T08:00:00+01:00 routines show)" || fail "routines show before the check-in does not give walking at 14 minutes"
run_fast w23 "$db" 2026-11-23T09:00:00+01:00 start --short
checkin w23
expect_text "the fourth morning's card" "16 min" "Walking stayed green yesterday: 16 minutes today."
send w23 q
wait_for w23 "Leave the session now?"
send w23 y
wait_for w23 "Session kept"
expect_text "home on the fourth day" "Walking stayed green yesterday: 16 minutes today."
scroll_to_end w23
grep -q "Walking · 16 min" <<<"$SCROLLED" || fail "home's list does not give walking at 16 minutes"
send w23 q
expect_exit w23 0
grep -q "^1\. Walking: 16 min" <<<"$(sc "$db" 2026-11-23T10:00:00+01:00 routines show)" || fail "routines show after the check-in does not give walking at 16 minutes"
hist=$(sc "$db" 2026-11-23T10:00:00+01:00 history --days 7)
grep -q "build-up: Walking stayed green yesterday: 14 minutes today." <<<"$hist" || fail "history lacks the build-up decisions: $hist"
# The exports carry the same minutes: the CSV's build-up rows (minutes is
# the last column; no column before the note holds a comma here) and the
# FHIR Observations in UCUM minutes.
mins=$(sc "$db" 2026-11-23T10:00:00+01:00 export --format csv |
	awk -F, '$4 == "walking" && $17 ~ /^build-up/ { print $NF }' | paste -sd' ')
[[ "$mins" == "10 12 14 16" ]] || fail "the CSV export gives walking's build-ups as '$mins', want '10 12 14 16'"
fhir=$(sc "$db" 2026-11-23T10:00:00+01:00 export --format fhir)
for m in 10 12 14 16; do
	grep -q "\"valueQuantity\":{\"value\":$m,\"unit\":\"min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"min\"}" <<<"$fhir" ||
		fail "the FHIR export has no build-up of $m minutes"
done
echo "PASS phase 4: walking 10, 12, 14, then 16 minutes after three green days, on the card, in history and in the CSV and FHIR exports ($((SECONDS - t0)) s)"
echo "tmux-plan: 4 scenarios passed"
