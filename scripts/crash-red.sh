#!/usr/bin/env bash
# crash-red.sh: kill -9 right after "Saved" for a red score, RUNS times
# (default 12). Each time the export must hold the red decision with the
# score, and the resumed session must leave the stopped exercise out and
# run at the reduced level: a decision the screen has shown survives any
# crash. The kill comes as soon as the confirmation is seen on screen.
# Usage: scripts/crash-red.sh [RUNS]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test crash-red
WAIT_TIMEOUT=10

runs=${1:-12}
bin="$tmp/spinecoach"
mkdir -p "$tmp/data"
build_app "$bin"
keep_server


for i in $(seq 1 "$runs"); do
	db="$tmp/data/run$i.db"
	run_app c "$db" 2026-11-23T08:00:00+01:00
	to_home c
	send c Enter
	wait_for c "Check-in"
	send c 2 Enter
	answer_warnings c n
	wait_for c "I'm in position"
	send c Enter
	wait_for c "Pain check"
	send c 6 Enter
	wait_for c "Saved: pain 6/10"
	pid=$(pane_app_pid c "$bin")
	[[ -n "$pid" ]] || fail "run $i: the app is not running"
	kill -9 "$pid"
	wait_for_file "$tmp/exit.c"
	tm kill-session -t c 2>/dev/null || true

	events=$("$bin" --db "$db" export --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(e["rule"] for s in d["sessions"] for e in s.get("events") or []))')
	[[ "$events" == *red* ]] || fail "run $i: the export has events \"$events\", no red"
	"$bin" --db "$db" check >/dev/null || fail "run $i: check failed after the kill"

	run_app r "$db" 2026-11-23T09:00:00+01:00
	wait_for r "An unfinished session from"
	send r Enter
	wait_for r "Unfinished session"
	send r y
	wait_for r "I'm in position"
	expect_line "run $i: the resumed card" "^ *Quadriceps pull +LEFT SIDE *\$"
	expect_text "run $i: the resumed card" "cut back to level 1"
	send r C-c
	expect_exit r 0
	tm kill-session -t r 2>/dev/null || true
done
echo "crash-red: $runs kills right after a red was saved; every export held the decision, every resume ran without the glide at level 1"
