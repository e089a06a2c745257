#!/usr/bin/env bash
# tmux-diskfull.sh: a full disk in the middle of a session loses no score
# (issue 26). No root and no small filesystem: strace attaches to the
# running app and makes its writes fail with ENOSPC (pwrite64 and
# fdatasync, or fdatasync alone), and detaching it is the space coming
# back.
#
#  A. Score 1 is saved; the disk fills; score 2 is typed and the page says
#     it is NOT saved yet, kept and tried again; 3 and 4 are typed while it
#     waits and the page says they were not taken, with 2 standing. Space
#     comes back: 2 is saved and the session goes on; 5 is typed and
#     saved. The app exits 0 and the file holds 1, 2, 5, in order, and
#     never 3 or 4.
#  B. The disk fills (fdatasync alone fails); score 6 is typed, the
#     session is left and the app quit while the disk is still full: exit 1
#     and a sentence naming the score not saved; the file holds 1 and 6 is
#     not in it; `check` passes.
#
# Usage: scripts/tmux-diskfull.sh   (needs go; installs tmux and strace)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
command -v strace >/dev/null || { apt-get update && apt-get install -y strace; }
begin_test tmux-diskfull
trap 'stop_full; tm kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT

bin="$tmp/spinecoach"
build_app "$bin"
NOW=2026-11-20T09:00:00Z

# start_pane NAME DB: `start` in a pane; exit status and stderr kept.
start_pane() {
	local name=$1 db=$2
	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' env SPINECOACH_NOW=$NOW "$bin" --db "$db" --speed 20 --no-bell start) 2>$(printf '%q' "$tmp/err.$name"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
}

# disk_full NAME CALLS: the app's CALLS (a strace syscall list) fail with
# ENOSPC from now on, in every thread; returns once strace is attached.
STRACE_PID=""
disk_full() {
	local pid
	pid=$(pane_app_pid "$1" "$bin")
	[[ -n $pid ]] || fail "$1: no app to fill the disk under"
	strace -f -qq -p "$pid" -e trace="$2" -e inject="$2":error=ENOSPC -o "$tmp/strace.$1" &
	STRACE_PID=$!
	local deadline=$((SECONDS + 10))
	until grep -Eq '^TracerPid:[[:space:]]+[1-9]' "/proc/$pid/status"; do
		((SECONDS < deadline)) || fail "strace did not attach to $pid"
		sleep 0.05
	done
	sleep 0.3 # every thread, not just the first
}

# stop_full: space comes back (strace detaches).
stop_full() {
	if [[ -n $STRACE_PID ]]; then
		kill -INT "$STRACE_PID" 2>/dev/null || true
		wait "$STRACE_PID" 2>/dev/null || true
		STRACE_PID=""
	fi
}

# pains DB: the pain of every set in the file, in set order, one a line.
pains() { "$bin" --db "$1" export --format csv | awk -F, 'NR > 1 && $17 == "set" { print $11 }' | paste -sd' '; }

# to_pain NAME: from the card of a set, through its hold, to its pain check.
to_pain() {
	wait_for "$1" "I'm in position"
	send "$1" Enter
	wait_for "$1" "Pain check"
}

echo "== A: scores typed while the disk is full, and after"
db="$tmp/a.db"
"$bin" --db "$db" setup --surgery-date 2026-11-01 >/dev/null
keep_server
start_pane a "$db"
wait_for a "Check-in"
send a 2 Enter
answer_warnings a n
to_pain a
send a 1 Enter
wait_for a "Saved: pain 1/10"
send a Enter
wait_for a "HOLD" "Pain check"
wait_for a "Pain check"
disk_full a pwrite64,fdatasync
send a 2 Enter
wait_for a "Pain 2/10 after"
expect_text "A, score 2 failing" "Pain 2/10 after Alternate leg lift, left side is NOT saved yet"
expect_text "A, score 2 failing" "It is kept, and tried again every 2 seconds"
send a 3 Enter
wait_for a "Not taken: 3,"
send a 4 Enter
wait_for a "Not taken: 3, 4,"
expect_text "A, 3 and 4 typed" "Not taken: 3, 4, typed while pain 2/10 was being saved. 2/10 stands for this set."
grep -q ENOSPC "$tmp/strace.a" || fail "A: no write failed: strace injected nothing"
sleep 2.5 # one more failed try
expect_text "A, still full" "Pain 2/10 after Alternate leg lift, left side is NOT saved yet"
stop_full
wait_for a "Saved: pain 2/10"
reject_text "A, space back" "NOT saved" "Not taken"
to_pain a
send a 5 Enter
wait_for a "Saved: pain 5/10"
send a q
wait_for a "Leave the session now?"
send a y
wait_for a "Session kept"
send a q
expect_exit a 0
got=$(pains "$db")
[[ $got == "1 2 5" ]] || fail "A: the file holds the pains \"$got\", want \"1 2 5\""
[[ ! -s $tmp/err.a ]] || fail "A: the app said on exit: $(<"$tmp/err.a")"
echo "A: typed 1, 2 (disk full), 3 and 4 (not taken, said so), 5; the file holds $got, exit 0"

echo "== B: the app quit while the disk is still full"
db="$tmp/b.db"
"$bin" --db "$db" setup --surgery-date 2026-11-01 >/dev/null
start_pane b "$db"
wait_for b "Check-in"
send b 2 Enter
answer_warnings b n
to_pain b
send b 1 Enter
wait_for b "Saved: pain 1/10"
send b Enter
wait_for b "HOLD" "Pain check"
wait_for b "Pain check"
disk_full b fdatasync
send b 6 Enter
wait_for b "Pain 6/10 after"
expect_text "B, score 6 failing" "is NOT saved yet"
send b q
wait_for b "Leave the session now?"
send b y
wait_for b "Session kept"
send b q
expect_exit b 1
stop_full
err=$(<"$tmp/err.b")
[[ $err == *"(pain 6/10) could not be saved as the program ended"* ]] ||
	fail "B: exit 1 without naming the score not saved: \"$err\""
got=$(pains "$db")
[[ $got == "1" ]] || fail "B: the file holds the pains \"$got\", want \"1\""
"$bin" --db "$db" check >/dev/null || fail "B: check fails after the full disk"
echo "B: exit 1, \"$err\"; the file holds $got and passes check"
echo "PASS: tmux-diskfull"
