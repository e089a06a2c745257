#!/usr/bin/env bash
# crash-plain.sh: plain mode (--plain, a line per step) killed with -9 the
# instant a dose decision's line reaches the terminal, RUNS times (default
# 12). tmux's pipe-pane hands the pane's output to a watcher that kills the
# app as soon as the line "...the rest of today uses..." appears, before
# anything else is typed. Every time, the export must hold the amber
# decision and the score that caused it: plain mode prints a decision only
# after the transaction that holds it is synced.
# Usage: scripts/crash-plain.sh [RUNS]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test crash-plain
WAIT_TIMEOUT=15

runs=${1:-12}
bin="${CRASH_PLAIN_BIN:-$tmp/spinecoach}" # CRASH_PLAIN_BIN: try another build
mkdir -p "$tmp/data"
[[ -n "${CRASH_PLAIN_BIN:-}" ]] || build_app "$bin"
keep_server
started=$SECONDS

for i in $(seq 1 "$runs"); do
	db="$tmp/data/run$i.db"
	# Day 2 after surgery, lower back: setup done, so start goes to the check-in.
	SPINECOACH_NOW=2026-11-23T07:00:00+01:00 "$bin" --db "$db" setup --surgery-date 2026-11-21 --region lumbar >/dev/null
	run_app c "$db" 2026-11-23T08:00:00+01:00 start --plain
	wait_for c "Check-in"
	send c 2 Enter
	wait_for c "do any of these apply"
	send c n
	wait_for c "Press Enter when you are in position"
	send c Enter
	wait_for c "Pain check after"
	pid=$(pane_app_pid c "$bin")
	[[ -n "$pid" ]] || fail "run $i: the app is not running"
	# The watcher: the first line that tells the decision kills the app.
	rm -f "$tmp/killed"
	tm pipe-pane -t c -O "grep -q -m1 'the rest of today uses' && kill -9 $pid && touch $(printf '%q' "$tmp/killed")"
	send c 4 Enter # 2 -> 4: amber, one step down for the rest of today
	wait_for_file "$tmp/exit.c"
	[[ "$(<"$tmp/exit.c")" == 137 ]] || fail "run $i: the app ended with $(<"$tmp/exit.c"), want 137 (SIGKILL)"
	# The watcher touches its mark just after the kill.
	for _ in $(seq 1 50); do [[ -e "$tmp/killed" ]] && break; sleep 0.02; done
	[[ -e "$tmp/killed" ]] || fail "run $i: the app was killed, but not by the watcher of the decision line"
	tm kill-session -t c 2>/dev/null || true

	got=$("$bin" --db "$db" export --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["sessions"][0]
amber = [e for e in s["events"] if e["rule"] == "amber"]
scored = [r for r in s["sets"] if r["pain"] == 4]
print(len(amber), len(scored))')
	[[ "$got" == "1 1" ]] || fail "run $i: killed at the decision line, the export holds \"$got\" (amber decisions, sets scored 4), want \"1 1\""
	"$bin" --db "$db" check >/dev/null || fail "run $i: check failed after the kill"
done
echo "crash-plain: $runs kills of plain mode at the instant its decision line appeared; every export held the decision and its score ($((SECONDS - started)) s)"
