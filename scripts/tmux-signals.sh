#!/usr/bin/env bash
# tmux-signals.sh: what a signal during a hold leaves behind. For SIGHUP,
# SIGTERM and SIGINT in turn, it starts a session in an 80x24 tmux pane,
# scores one set, starts the next, and sends the signal while the hold
# runs. Then: the program exited 0, the terminal is back in cooked mode
# with echo (not left raw), spinecoach check passes, the score is in the
# export, and the next start offers the session and resumes it at set 2.
# Usage: scripts/tmux-signals.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-signals

bin="$tmp/spinecoach"
build_app "$bin"

# run_in_pane NAME DB: the app in a pane of its own; when it ends, its exit
# status and the terminal's state are written for the checks.
run_in_pane() {
	local name=$1 db=$2
	rm -f "$tmp/exit.$name" "$tmp/stty.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' "$bin" --db "$db" --speed 10 --no-bell); echo \$? >$(printf '%q' "$tmp/exit.$name"); stty -a >$(printf '%q' "$tmp/stty.$name")"
}

for sig in HUP TERM INT; do
	name="sig$sig"
	db="$tmp/$sig.db"
	"$bin" --db "$db" setup --surgery-date 2026-11-20 >/dev/null
	run_in_pane "$name" "$db"
	score_one_then_hold "$name"
	pid=$(pgrep -f -- "^$bin --db $db" | head -1) # the app, not the shell around it
	[[ -n $pid ]] || fail "$sig: no spinecoach process to signal"
	kill -"$sig" "$pid"
	wait_for_file "$tmp/exit.$name"
	wait_for_file "$tmp/stty.$name"
	code=$(<"$tmp/exit.$name")
	[[ $code == 0 ]] || fail "$sig: exit status $code, want 0"
	grep -qw -- "-icanon" "$tmp/stty.$name" && fail "$sig: the terminal was left in raw mode (-icanon)"
	grep -qw -- "-echo" "$tmp/stty.$name" && fail "$sig: the terminal was left without echo"
	"$bin" --db "$db" check >/dev/null || fail "$sig: spinecoach check failed after the signal"
	pains=$("$bin" --db "$db" export | awk -F, 'NR > 1 && $11 != "" {print $11}' | tr '\n' ' ')
	[[ $pains == "1 " ]] || fail "$sig: export holds pains [$pains], want [1]"
	tm kill-session -t "$name" 2>/dev/null || true

	run_in_pane "$name" "$db"
	resume_at_set_2_then_leave "$name"
	wait_for_file "$tmp/exit.$name"
	tm kill-session -t "$name" 2>/dev/null || true
	echo "PASS SIG$sig during a hold: exit 0, terminal restored, file checks, score kept, resumed at set 2"
done
echo "tmux-signals: 3 signals passed"
