#!/usr/bin/env bash
# tmux-firstrun.sh: the first run, through the real binary in a tmux pane:
#   1. ACCESSIBLE=1 spinecoach start on a new file: setup is asked from
#      written-out, numbered questions alone, with the notice first; Enter
#      alone at each question takes nothing and says what to type; what is
#      typed is echoed; the answers are saved and the session follows.
#   2. The full-screen start on a new file: setup first (not straight into
#      a check-in), nothing preselected: Enter on the region says what to do.
# Usage: scripts/tmux-firstrun.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-firstrun

bin="$tmp/spinecoach"
build_app "$bin"
keep_server

# all NAME: the pane with its scrollback into SCREEN, for questions that
# have scrolled out of view.
all() { SCREEN=$(tm capture-pane -p -S -500 -t "$1" 2>/dev/null || true); }

# ------------------------------------------- 1. ACCESSIBLE=1, questions alone
t0=$SECONDS
db="$tmp/a.db"
rm -f "$tmp/exit.a"
tm new-session -d -s a -x 250 -y 50 \
	"$(printf '%q ' env ACCESSIBLE=1 LANG=en_GB.UTF-8 SPINECOACH_NOW=2026-11-22T08:00:00+01:00 "$bin" --db "$db" --no-bell start); echo \$? >$(printf '%q' "$tmp/exit.a")"
wait_for a "Question 1 of 3: When was your surgery?"
expect_text "the notice" "it does not replace your surgeon or physical therapist"
send a Enter
wait_for a "Nothing was typed, so nothing was taken."
send a "30/02/2026" Enter
wait_for a "There is no 30 February."
send a "1 Nov 2026" Enter
wait_for a "Question 2 of 3: Where was the fusion?"
expect_text "typed text is echoed" "1 Nov 2026"
expect_text "the region's choices" "1. Lower back (lumbar)" "3. Neck (cervical)" "4. I am not sure"
send a Enter
wait_for a "Type a number from 1 to 4."
send a 3 Enter
wait_for a "Question 3 of 3: Which phase has your surgeon or physical therapist cleared you for?"
send a Enter
wait_for a "Nothing was typed, so nothing was taken. Type a number from 1 to 6."
send a 1 Enter
wait_for a "Press Enter to start today's session" "Check-in"
all a
expect_text "the answers said back" "Your answer: 2026-11-01." "Your answer: Neck (cervical)." "Your answer: None yet, or I am not sure."
n=$(grep -c "Nothing was typed, so nothing was taken." <<<"$SCREEN" || true)
[[ $n == 3 ]] || fail "Enter alone was answered $n times, want 3 (one per question)"
expect_text "saved" "Saved. Week 3 after surgery"
send a q # the check-in back to home, then home's q ends the app
wait_for a "Press Enter to start today's session"
send a q
expect_exit a 0
# What was stored: today's routine is phase 2 (week 3, nothing cleared).
out=$(SPINECOACH_NOW=2026-11-22T08:00:00+01:00 "$bin" --db "$db" routines)
grep -q '^\* phase2 ' <<<"$out" || fail "today's routine is not phase 2 with nothing cleared: $out"
echo "PASS ACCESSIBLE=1: setup from 3 written-out questions, Enter alone took nothing 3 times, answers stored ($((SECONDS - t0)) s)"

# ------------------------------------------- 2. full screen: setup before start
t0=$SECONDS
run_app f "$tmp/f.db" 2026-11-22T08:00:00+01:00 start
wait_for f "When was your surgery?" "Check-in"
[[ "$MATCHED" == "When was your surgery?" ]] || fail "start on a new file went to the check-in before setup"
expect_text "the notice" "it does not replace your surgeon"
expect_text "nothing preselected" "Choose one"
reject_text "nothing preselected" "Lower back (lumbar)"
send f "2026-11-01" Enter
send f Enter
wait_for f "no answer yet: choose where the fusion was"
send f Escape
wait_for f "Check-in"
send f q
wait_for f "Press Enter to start."
send f q
expect_exit f 0
echo "PASS full screen: start on a new file shows setup first, nothing preselected ($((SECONDS - t0)) s)"
