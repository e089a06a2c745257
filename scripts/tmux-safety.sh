#!/usr/bin/env bash
# tmux-safety.sh: the safety screens through the real binary in an 80x24
# tmux pane (CLINICAL.md, the check-in and "Warning signs: stop and call"):
#   1. A check-in of 8, then kill -9 at the warning-signs screen: the
#      check-in is stored; `start` and home Enter the same day refuse.
#   2. Enter on the warning-signs screen does not answer it; y closes the
#      day and asks which sign; the fall's key shows the surgeon's call
#      (not the emergency one), and `history` names the sign and its tier.
#   3. y then the chest-pain key shows the emergency call first.
#   4. A check-in of 2, then kill -9 at the warning-signs screen: the next
#      start offers the session, and resuming it asks the warning signs.
# Usage: scripts/tmux-safety.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-safety

bin="$tmp/spinecoach"
mkdir -p "$tmp/data"
build_app "$bin"
keep_server
started=$SECONDS

# checkin NAME SCORE: from home, Enter and the check-in score, then waits
# for the warning signs.
checkin() {
	to_home "$1"
	send "$1" Enter
	wait_for "$1" "Check-in"
	send "$1" "$2" Enter
	wait_for "$1" "do any of these apply to you today?"
}

# kill_app NAME: kill -9 the app in pane NAME.
kill_app() {
	local pid
	pid=$(pane_app_pid "$1" "$bin")
	[[ -n "$pid" ]] || fail "$1: the app is not running"
	kill -9 "$pid"
	wait_for_file "$tmp/exit.$1"
	tm kill-session -t "$1" 2>/dev/null || true
}

export_json() { "$bin" --db "$1" export --format json; }

# ------------------------------------ 1. check-in 8, killed at the warnings
t0=$SECONDS
db="$tmp/data/eight.db"
run_app a "$db" 2026-11-23T08:00:00+01:00
checkin a 8
kill_app a
facts=$(export_json "$db" | python3 -c '
import json, sys
s = json.load(sys.stdin)["sessions"]
print(len(s), s[0]["status"], s[0]["baseline_pain"], " ".join(e["rule"] for e in s[0]["events"]))')
[[ "$facts" == "1 stopped 8 none baseline-stop" ]] || fail "after the kill the file holds \"$facts\", want the check-in of 8, stopped"
run_app b "$db" 2026-11-23T10:00:00+01:00 start
wait_for b "No exercise today" "Check-in" "do any of these apply"
[[ "$MATCHED" == "No exercise today" ]] || fail "start after the kill: \"$MATCHED\", want the stop"
expect_text "start after the kill" "Your pain is 8/10 before starting"
send b q
expect_exit b 0
run_app c "$db" 2026-11-23T11:00:00+01:00
to_home c
expect_text "home after the kill" "no more exercise today"
send c Enter
wait_for c "No exercise today" "Check-in"
[[ "$MATCHED" == "No exercise today" ]] || fail "home Enter after the kill asked for a check-in"
send c q
expect_exit c 0
echo "PASS check-in of 8 killed at the warning signs: stored, stopped; start and home refuse ($((SECONDS - t0)) s)"

# ------------------------------- 2. Enter does not answer; y, then a fall
t0=$SECONDS
db="$tmp/data/fall.db"
run_app d "$db" 2026-11-23T08:00:00+01:00
checkin d 2
send d Enter
wait_for d "Enter does not answer this question"
reject_text "Enter on the warning signs" "I'm in position" "Which sign"
send d y
wait_for d "Which sign is it?"
expect_text "which sign" "a Pain in your chest" "i You have had a fall" "u Not sure which"
send d i
wait_for d "No exercise today" # the list itself names both calls
reject_text "the fall's advice" "emergency number"
expect_text "the fall's advice" "No exercise today" "You have had a fall"
send d q
expect_exit d 0
facts=$(export_json "$db" | python3 -c '
import json, sys
s = json.load(sys.stdin)["sessions"][0]
w = [e for e in s["events"] if e["rule"] == "warning-sign"]
print(s["status"], len(w), w[0].get("tier"), w[0].get("sign"))')
[[ "$facts" == "stopped 1 surgeon You have had a fall" ]] || fail "the export holds \"$facts\", want the day stopped for the fall"
hist=$(SPINECOACH_NOW=2026-11-23T12:00:00+01:00 "$bin" --db "$db" history)
[[ "$hist" == *"the sign: You have had a fall (call the surgeon today)"* ]] || fail "history does not name the sign: $hist"
echo "PASS Enter does not answer; y closes the day, the fall shows the surgeon's call; history names it ($((SECONDS - t0)) s)"

# -------------------------------------------- 3. y, then chest pain
t0=$SECONDS
db="$tmp/data/chest.db"
run_app e "$db" 2026-11-23T08:00:00+01:00
checkin e 3
send e y
wait_for e "Which sign is it?"
send e a
wait_for e "No exercise today"
expect_text "chest pain's advice" "No exercise today"
send e q
expect_exit e 0
echo "PASS chest pain shows the emergency call ($((SECONDS - t0)) s)"

# ------------------------ 4. check-in 2, killed at the warnings, resumed
t0=$SECONDS
db="$tmp/data/two.db"
run_app f "$db" 2026-11-23T08:00:00+01:00
checkin f 2
kill_app f
run_app g "$db" 2026-11-23T08:30:00+01:00
wait_for g "An unfinished session from"
send g Enter
wait_for g "Unfinished session"
send g y
wait_for g "do any of these apply to you today?" "I'm in position"
[[ "$MATCHED" == "do any of these apply to you today?" ]] || fail "the resumed check-in skipped the warning signs"
send g n
wait_for g "I'm in position"
send g C-c
expect_exit g 0
n=$(export_json "$db" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sessions"]))')
[[ "$n" == 1 ]] || fail "$n sessions after resuming, want 1"
echo "PASS check-in of 2 killed at the warning signs: resumed through them ($((SECONDS - t0)) s)"
echo "tmux-safety: 4 scenarios passed ($((SECONDS - started)) s)"
