#!/usr/bin/env bash
# tmux-panic.sh: what a panic leaves behind. The binary is built with
# -tags crashtest, which panics on F5 (in Update), F6 (in a command), F7
# (in View) and F8 (in a goroutine of ours). For each in turn it starts a
# session in an 80x24 tmux pane, scores one set, starts the next hold and
# presses the key. Then: the program exited 1 with one sentence on stderr
# and no stack trace, the terminal is back (cooked, echo on, main screen,
# cursor shown), the trace is in a crash file beside the data file,
# spinecoach check passes, the score is in the export, and the next start
# resumes the session.
# Usage: scripts/tmux-panic.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-panic

bin="$tmp/spinecoach-crashtest"
build_app "$bin" -tags crashtest

# run_in_pane NAME DB: the app in a pane of its own; when it ends, its exit
# status, stderr and the terminal's state are kept, and the pane stays
# open (a shell sleeping) so its screen can be read.
run_in_pane() {
	local name=$1 db=$2 q
	q() { printf '%q' "$1"; }
	rm -f "$tmp/exit.$name" "$tmp/stty.$name" "$tmp/err.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' "$bin" --db "$db" --speed 10 --no-bell)2>$(q "$tmp/err.$name"); echo \$? >$(q "$tmp/exit.$name"); stty -a >$(q "$tmp/stty.$name"); echo SHELL-IS-BACK; sleep 120"
}

for key in F5 F6 F7 F8; do
	name="panic$key"
	dir="$tmp/$key"
	mkdir -p "$dir"
	db="$dir/spinecoach.db"
	"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null
	run_in_pane "$name" "$db"
	score_one_then_hold "$name"
	send "$name" "$key"
	wait_for_file "$tmp/exit.$name"
	wait_for "$name" "SHELL-IS-BACK"

	code=$(<"$tmp/exit.$name")
	[[ $code == 1 ]] || fail "$key: exit status $code, want 1"
	grep -qw -- "-icanon" "$tmp/stty.$name" && fail "$key: the terminal was left in raw mode (-icanon)"
	grep -qw -- "-echo" "$tmp/stty.$name" && fail "$key: the terminal was left without echo"
	state=$(tm display-message -p -t "$name" '#{alternate_on} #{cursor_flag}')
	[[ $state == "0 1" ]] || fail "$key: alternate screen and cursor shown are [$state], want [0 1]"
	capture "$name"
	[[ $SCREEN == *"goroutine "* || $SCREEN == *"panic("* ]] && fail "$key: a stack trace is on the screen:
$SCREEN"
	err=$(<"$tmp/err.$name")
	lines=$(printf '%s\n' "$err" | grep -c .)
	[[ $lines == 1 ]] || fail "$key: stderr has $lines lines, want one sentence:
$err"
	[[ $err == "spinecoach: an unexpected error stopped the coach (crash test:"* ]] || fail "$key: stderr says: $err"
	[[ $err == *"an unfinished session resumes when you start spinecoach again"* ]] || fail "$key: the report does not say how to go on: $err"
	report=$(ls "$dir"/spinecoach-crash-*.txt 2>/dev/null | head -1)
	[[ -n $report ]] || fail "$key: no crash file beside the data file"
	[[ $err == *"$report"* ]] || fail "$key: the sentence does not name the crash file $report: $err"
	grep -q "^goroutine " "$report" || fail "$key: the crash file has no stack trace"
	[[ $(stat -c %a "$report") == 600 ]] || fail "$key: the crash file is readable by others"

	"$bin" --db "$db" check >/dev/null || fail "$key: spinecoach check failed after the panic"
	pains=$("$bin" --db "$db" export | awk -F, 'NR > 1 && $11 != "" {print $11}' | tr '\n' ' ')
	[[ $pains == "1 " ]] || fail "$key: export holds pains [$pains], want [1]"
	tm kill-session -t "$name" 2>/dev/null || true

	run_in_pane "$name" "$db"
	resume_at_set_2_then_leave "$name"
	wait_for_file "$tmp/exit.$name"
	tm kill-session -t "$name" 2>/dev/null || true
	echo "PASS $key: exit 1 with one sentence, terminal restored, trace in $(basename "$report"), file checks, score kept, resumed"
done
echo "tmux-panic: 4 panics passed"
