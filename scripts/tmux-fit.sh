#!/usr/bin/env bash
# tmux-fit.sh: the hold countdown is readable from across the room. In a
# 200x60 tmux pane it starts a phase 1 session and, during the first 30 s
# hold of the straight-leg glide (left side), measures the block digits:
# at least 40 rows high (8 times their 5 rows at 80x24), with "Left side ·
# Hold 1 of 3" in words under them (never a 1/3 in block digits, which
# would read as a pain score), at least 100 columns wide,
# centred, and still that size with the full help (?) open. Then it makes
# the pane 80x24 and checks that they shrink to 5 rows and the screen to
# 24 lines, and at 50x15 that the screen says plainly it is too small.
# Before that, 10 start-ups with a real profile check that no frame with
# a placeholder is written before the complete home screen.
# Usage: scripts/tmux-fit.sh   (from any directory; needs go, installs tmux)
set -euo pipefail
export LC_ALL=C.UTF-8 # ${#line} counts characters, not bytes

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-fit

bin="$tmp/spinecoach"
build_app "$bin"

# digits: measures the block digits of SCREEN (the rows with █ above the
# bar's ░ line) into ROWS, LEFT and RIGHT (the free columns beside them;
# tmux trims the blanks at the end of a line, so WIDTH gives the right).
digits() {
	local line pre post
	ROWS=0 LEFT=-1 RIGHT=-1
	while IFS= read -r line; do
		[[ $line == *░* ]] && break # the bar: the digits are above it
		[[ $line == *█* && $line != *SIDE* ]] || continue
		ROWS=$((ROWS + 1))
		pre=${line%%█*}
		post=${line##*█}
		((LEFT < 0 || ${#pre} < LEFT)) && LEFT=${#pre}
		((RIGHT < 0 || WIDTH - ${#line} + ${#post} < RIGHT)) && RIGHT=$((WIDTH - ${#line} + ${#post}))
	done <<<"$SCREEN"
	return 0
}

db="$tmp/fit.db"
"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null

# The first frame is true: with a real profile, everything the program
# writes before the complete home screen holds no placeholder (the phase
# of no surgery date, "Reading your records"). The pane's raw output is
# recorded from before the program starts, 10 start-ups in all.
for i in 1 2 3 4 5 6 7 8 9 10; do
	rm -f "$tmp/go" "$tmp/raw"
	tm new-session -d -s first -x 80 -y 24 \
		"while [ ! -e $(printf '%q' "$tmp/go") ]; do sleep 0.02; done; exec env SPINECOACH_NOW=2026-12-20T08:00:00+01:00 $(printf '%q ' "$bin" --db "$db" --no-bell)"
	tm pipe-pane -o -t first "cat >> $(printf '%q' "$tmp/raw")"
	touch "$tmp/go"
	wait_for first "Press Enter to start."
	send first q
	sleep 0.2
	tm kill-session -t first 2>/dev/null || true
	raw=$(tr -d '\000' <"$tmp/raw")
	before=${raw%%Press Enter to start.*}
	for bad in "No surgery date set" "Phase 1 ·" "Reading your records"; do
		[[ $before != *"$bad"* ]] || fail "start-up $i: a frame before the complete one says \"$bad\""
	done
	[[ $before == *"after surgery"* ]] || fail "start-up $i: the first frame lacks the week"
done
echo "first frame: 10 start-ups with a real profile, no placeholder frame written before the complete home screen"
name=fit
tm new-session -d -s "$name" -x 200 -y 60 \
	"$(printf '%q ' env SPINECOACH_NOW=2026-11-21T08:00:00+01:00 "$bin" --db "$db" --no-bell); echo \$? >$(printf '%q' "$tmp/exit.$name")"
wait_for "$name" "Press Enter to start."
send "$name" Enter
wait_for "$name" "Check-in"
send "$name" 2 Enter
answer_warnings "$name" n
wait_for "$name" "I'm in position"
send "$name" Enter
wait_for "$name" "HOLD  1 of 3"
send "$name" Space # pause: the digits hold still while they are measured
wait_for "$name" "PAUSED"

WIDTH=200
digits
echo "200x60: the digits take $ROWS rows, $LEFT columns free on the left, $RIGHT on the right"
((ROWS >= 40)) || fail "200x60: the countdown is $ROWS rows high, want at least 40"
((WIDTH - LEFT - RIGHT >= 100)) || fail "200x60: the countdown is $((WIDTH - LEFT - RIGHT)) columns wide, want at least 100"
((LEFT - RIGHT <= 3 && RIGHT - LEFT <= 3)) || fail "200x60: not centred ($LEFT left, $RIGHT right)"
expect_text "200x60: the side and hold in words under the digits" "Left side · Hold 1 of 3"
reject_text "200x60: the hold's number in block digits" "1/3"

send "$name" ?
wait_for "$name" "leave at once"
digits
echo "200x60 with the full help: $ROWS rows"
((ROWS >= 40)) || fail "200x60 with ? open: the countdown shrank to $ROWS rows"
send "$name" ?

tm resize-window -t "$name" -x 80 -y 24
WIDTH=80
sleep 0.5
wait_for "$name" "PAUSED"
digits
echo "80x24: $ROWS rows"
((ROWS == 5)) || fail "80x24: the digits are $ROWS rows high, want 5"
lines=$(printf '%s\n' "$SCREEN" | wc -l)
((lines <= 24)) || fail "80x24: $lines lines"

tm resize-window -t "$name" -x 50 -y 15
wait_for "$name" "spinecoach needs at least"
tm resize-window -t "$name" -x 80 -y 24
wait_for "$name" "PAUSED"
send "$name" q
wait_for "$name" "Leave the session now?"
send "$name" y
wait_for "$name" "Session kept"
send "$name" q
wait_for_file "$tmp/exit.$name"
[[ $(<"$tmp/exit.$name") == 0 ]] || fail "exit status $(<"$tmp/exit.$name")"
echo "tmux-fit: passed"
