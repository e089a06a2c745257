#!/usr/bin/env bash
# tmux-hostile.sh: the real-terminal tests of issue 13 (every terminal and
# every file treated as hostile), on the built binary in an 80x24 tmux pane.
#   1. "ctrl+z, then fg": in an interactive bash, the app on its home
#      screen is stopped with ctrl+z: the shell's prompt comes back with the
#      terminal in line mode (icanon, echo), and after fg the app repaints
#      and answers keys; then in a hold, ctrl+z and fg again, and the set's
#      score is saved.
#   2. "SIGTSTP from outside": kill -TSTP stops it the same way; fg brings
#      it back answering keys.
#   3. "The file replaced": while the app runs, another data file is moved
#      onto its path (mv). The next score is not shown as saved, and the
#      footer says it is not; a second spinecoach opens the new file; ctrl+c
#      ends the first with exit 1 and a sentence naming the unsaved score,
#      and the new file holds none of the first one's scores.
# Usage: scripts/tmux-hostile.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-hostile

bin="$tmp/spinecoach"
build_app "$bin"
now=2026-11-22T08:00:00+01:00

# shell NAME: an interactive bash in a new pane, prompt "sh> ", no rc files.
shell() {
	tm new-session -d -s "$1" -x 80 -y 24 "env -i PATH=$(printf '%q' "$PATH") TERM=screen HOME=$(printf '%q' "$tmp") bash --norc --noprofile -i"
	send "$1" "PS1='sh> '" Enter
	send "$1" clear Enter
	wait_for "$1" "sh>"
}

# run_in_shell NAME DB: the app typed at the shell's prompt, as a job. A
# small sh around it writes its exit status: in bash's own list, a stop
# would run the echo at once, with the stop's status.
run_in_shell() {
	rm -f "$tmp/exit.$1"
	local line
	line="$(printf '%q ' env SPINECOACH_NOW=$now "$bin" --db "$2" --speed 60 --no-bell); echo exit=\$? >$(printf '%q' "$tmp/exit.$1")"
	send "$1" "sh -c $(printf '%q' "$line")" Enter
}

# stopped NAME: the shell says the job stopped and gives its prompt back,
# with the terminal in line mode (icanon, echo) as the app left it.
stopped() {
	wait_for "$1" "Stopped"
	reject_text "$1: after the stop" "Press Enter to start." "HOLD"
	rm -f "$tmp/stty.$1"
	send "$1" "stty -a >$(printf '%q' "$tmp/stty.$1")" Enter
	wait_for_file "$tmp/stty.$1"
	grep -qw -- "-icanon" "$tmp/stty.$1" && fail "$1: the terminal was left raw (-icanon) while the app is stopped"
	grep -qw -- "-echo" "$tmp/stty.$1" && fail "$1: the terminal was left without echo while the app is stopped"
	true
}

# ---------------------------------------------------------------- 1. ctrl+z, fg

name=ctrlz
db="$tmp/ctrlz.db"
"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null
shell "$name"
run_in_shell "$name" "$db"
wait_for "$name" "Press Enter to start."
send "$name" C-z
stopped "$name"
send "$name" fg Enter
wait_for "$name" "Press Enter to start."
send "$name" Enter
wait_for "$name" "Check-in"
send "$name" 2 Enter
answer_warnings "$name" n
wait_for "$name" "I'm in position"
send "$name" Enter
wait_for "$name" "HOLD"
send "$name" C-z
stopped "$name"
send "$name" fg Enter
wait_for "$name" "Pain check"
send "$name" 1 Enter
wait_for "$name" "Saved: pain 1/10"
send "$name" C-c
wait_for_file "$tmp/exit.$name"
[[ $(<"$tmp/exit.$name") == "exit=0" ]] || fail "$name: the app ended with $(<"$tmp/exit.$name"), want exit=0"
pains=$("$bin" --db "$db" export | awk -F, 'NR > 1 && $11 != "" {print $11}' | tr '\n' ' ')
[[ $pains == "1 " ]] || fail "$name: export holds pains [$pains], want [1]"
tm kill-session -t "$name"
echo "PASS ctrl+z then fg, on the home screen and in a hold: line mode while stopped, keys answered after, the score saved"

# ---------------------------------------------------------------- 2. SIGTSTP

name=tstp
db="$tmp/tstp.db"
"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null
shell "$name"
run_in_shell "$name" "$db"
wait_for "$name" "Press Enter to start."
pid=$(pgrep -f -- "^$bin --db $db" | head -1)
[[ -n $pid ]] || fail "$name: no spinecoach process to signal"
kill -TSTP "$pid"
stopped "$name"
send "$name" fg Enter
wait_for "$name" "Press Enter to start."
send "$name" Enter
wait_for "$name" "Check-in"
send "$name" C-c
wait_for_file "$tmp/exit.$name"
[[ $(<"$tmp/exit.$name") == "exit=0" ]] || fail "$name: the app ended with $(<"$tmp/exit.$name"), want exit=0"
tm kill-session -t "$name"
echo "PASS SIGTSTP from outside, then fg: line mode while stopped, keys answered after"

# ---------------------------------------------------------------- 3. file replaced

name=replaced
db="$tmp/replaced.db"
other="$tmp/other.db"
"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null
"$bin" --db "$other" setup --surgery-date 2026-11-20 >/dev/null
rm -f "$tmp/exit.$name"
tm new-session -d -s "$name" -x 80 -y 24 \
	"$(printf '%q ' env SPINECOACH_NOW=$now "$bin" --db "$db" --speed 60 --no-bell) 2>$(printf '%q' "$tmp/err.$name"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
score_one_then_hold "$name"
mv "$other" "$db"
wait_for "$name" "Pain check"
send "$name" 2 Enter
wait_for "$name" "NOT saved yet"
reject_text "$name: after the file was replaced" "Saved: pain 2/10"
# A second spinecoach opens the file now at the path: the first one's lock
# is on the old file, which it no longer writes to.
"$bin" --db "$db" export >"$tmp/second.csv" || fail "$name: a second spinecoach cannot read the new file"
send "$name" C-c
expect_exit "$name" 1
err=$(<"$tmp/err.$name")
[[ $err == *"Straight-leg nerve glide, right side (pain 2/10) could not be saved as the program ended"* && $err == *"was replaced by another file while spinecoach ran"* ]] ||
	fail "$name: the app ended saying: $err"
pains=$("$bin" --db "$db" export | awk -F, 'NR > 1 && $11 != "" {print $11}' | tr '\n' ' ')
[[ -z $pains ]] || fail "$name: the new file got pains [$pains] from the old one's session"
echo "PASS the data file replaced while in use: not shown as saved, the footer says so, exit 1 naming the score"
echo "tmux-hostile: 3 scenarios passed"
