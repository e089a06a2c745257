# shellcheck shell=bash
# lib.sh: helpers for the real-terminal tests in scripts/. Source it after
# setting TMUX_SOCK (a private tmux socket, so a test never touches the
# user's own tmux server) and, optionally, WAIT_TIMEOUT (seconds).

: "${WAIT_TIMEOUT:=20}"

# SCREEN holds the last pane capture, MATCHED the string wait_for found.
SCREEN=""
MATCHED=""

# fail prints a message (and the last screen, if any) and stops the test.
fail() {
	if [[ -n "$SCREEN" ]]; then
		echo "---- screen ----" >&2
		printf '%s\n' "$SCREEN" >&2
		echo "----------------" >&2
	fi
	echo "FAIL: $*" >&2
	exit 1
}

# tm runs tmux against the private server. -u: the app draws UTF-8.
# -f /dev/null: the user's tmux.conf must not change what we see.
tm() { tmux -u -f /dev/null -S "$TMUX_SOCK" "$@"; }

# capture NAME: the visible pane of session NAME into SCREEN. A session that
# has just ended gives an empty screen rather than an error.
capture() { SCREEN=$(tm capture-pane -p -t "$1" 2>/dev/null || true); }

# send NAME KEYS...: keys as tmux send-keys names them (Enter, y, 3, ...).
send() {
	local name=$1
	shift
	tm send-keys -t "$name" "$@"
}

# wait_for NAME STRING... polls the pane every 0.1 s until one of the fixed
# strings is on screen, and sets MATCHED to it. Fails after WAIT_TIMEOUT s.
wait_for() {
	local name=$1
	shift
	local deadline=$((SECONDS + WAIT_TIMEOUT)) s
	while :; do
		capture "$name"
		for s in "$@"; do
			if [[ "$SCREEN" == *"$s"* ]]; then
				MATCHED=$s
				return 0
			fi
		done
		((SECONDS < deadline)) || fail "timed out after ${WAIT_TIMEOUT}s waiting for: $(printf '"%s" ' "$@")"
		sleep 0.1
	done
}

# wait_for_file FILE: polls until FILE exists and is not empty.
wait_for_file() {
	local deadline=$((SECONDS + WAIT_TIMEOUT))
	until [[ -s "$1" ]]; do
		((SECONDS < deadline)) || fail "timed out after ${WAIT_TIMEOUT}s waiting for file $1"
		sleep 0.1
	done
}

# build_app OUT [GO BUILD FLAGS...] builds the module in the current
# directory into OUT. Others may be mid-edit in the tree, so a failed build
# is retried a few times.
build_app() {
	local out=$1 try
	shift
	for try in 1 2 3; do
		if go build "$@" -o "$out" .; then
			return 0
		fi
		[[ $try == 3 ]] || { echo "build failed (try $try), retrying in 20 s" >&2; sleep 20; }
	done
	fail "go build failed"
}

# joined prints SCREEN with its lines joined and runs of blanks squeezed to
# one, so a sentence the app wrapped at 80 columns matches as one string.
joined() { printf '%s\n' "$SCREEN" | tr -s ' \n' ' '; }

# expect_text WHAT STRING...: fails unless the joined SCREEN holds every
# fixed STRING. WHAT says which screen, for the message.
expect_text() {
	local what=$1 text s
	shift
	text=$(joined)
	for s in "$@"; do
		[[ "$text" == *"$s"* ]] || fail "$what: the screen does not say \"$s\""
	done
}

# reject_text WHAT STRING...: fails if the joined SCREEN holds any STRING.
reject_text() {
	local what=$1 text s
	shift
	text=$(joined)
	for s in "$@"; do
		[[ "$text" != *"$s"* ]] || fail "$what: the screen should not say \"$s\""
	done
}

# expect_line WHAT REGEX: fails unless a line of SCREEN matches the
# extended REGEX (for layout: a card's title line, a summary row).
expect_line() {
	grep -Eq -- "$2" <<<"$SCREEN" || fail "$1: no line of the screen matches /$2/"
}

# answer_warnings NAME KEY: on the warning-signs screen that follows the
# check-in, answers n (none apply) or y (one or more do).
answer_warnings() {
	wait_for "$1" "do any of these apply to you today?"
	send "$1" "$2"
}

# scroll_to_end NAME [KEY]: presses KEY (default j, scroll down) until the
# pane stops changing, and leaves every screen seen, top to bottom, in
# SCROLLED (SCREEN is the last one). A screen that has not changed 0.5 s
# after a key is taken as the end.
scroll_to_end() {
	local name=$1 key=${2:-j} before i n=0
	capture "$name"
	SCROLLED=$SCREEN
	while ((n < 200)); do
		before=$SCREEN
		send "$name" "$key"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			sleep 0.05
			capture "$name"
			[[ "$SCREEN" == "$before" ]] || break
		done
		[[ "$SCREEN" != "$before" ]] || return 0
		SCROLLED+=$'\n'$SCREEN
		n=$((n + 1))
	done
	fail "$name: still scrolling after 200 presses of $key"
}

# to_home NAME: waits for the home screen. On a fresh data file the app
# first offers its setup form; that is skipped with esc (phase 1 then runs,
# and the skip is saved, so later runs go straight home).
to_home() {
	wait_for "$1" "Press Enter to start." "no more exercise today" "esc skip setup"
	if [[ "$MATCHED" == "esc skip setup" ]]; then
		send "$1" Escape
		wait_for "$1" "Press Enter to start." "no more exercise today"
	fi
}

# SOFT_FAILS counts the checks that failed through soft_fail.
SOFT_FAILS=0

# soft_fail MESSAGE: like fail (the screen, then FAIL: MESSAGE on stderr),
# but the test carries on, so one known bug does not hide the checks after
# it. The test must end with a non-zero status when SOFT_FAILS > 0.
soft_fail() {
	if [[ -n "$SCREEN" ]]; then
		echo "---- screen ----" >&2
		printf '%s\n' "$SCREEN" >&2
		echo "----------------" >&2
	fi
	echo "FAIL: $*" >&2
	SOFT_FAILS=$((SOFT_FAILS + 1))
}

# key_times NAME KEY N: presses KEY N times (BSpace to erase a field).
key_times() {
	local i keys=()
	for ((i = 0; i < $3; i++)); do keys+=("$2"); done
	send "$1" "${keys[@]}"
}

# now_ms: the wall clock in milliseconds (bash 5's EPOCHREALTIME).
now_ms() {
	local us=${EPOCHREALTIME//[.,]/}
	echo $((us / 1000))
}

# pane_app_pid NAME BIN: the pid of BIN running in pane NAME (a child of
# the pane's shell, checked to be BIN so nothing else is ever hit), or
# nothing when it is not running.
pane_app_pid() {
	local shell_pid pid
	shell_pid=$(tm display-message -p -t "$1" '#{pane_pid}' 2>/dev/null) || return 0
	for pid in $(pgrep -P "$shell_pid" 2>/dev/null); do
		if [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$2" ]]; then
			echo "$pid"
			return 0
		fi
	done
}

# begin_test NAME: the common start of a terminal test: tmux installed,
# the caller's data file and clock settings cleared, a temp dir $tmp with
# a private tmux socket, and a trap that ends every pane (so every app
# started) and removes $tmp on exit.
begin_test() {
	command -v tmux >/dev/null || { apt-get update && apt-get install -y tmux; }
	unset SPINECOACH_DB SPINECOACH_NOW
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	TMUX_SOCK="$tmp/tmux.sock"
	trap 'tm kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
}

# score_one_then_hold NAME: from the home screen, start the session (check-in
# 2, no warning sign), score the first set 1, wait for "Saved", and start
# the next set's hold.
score_one_then_hold() {
	local name=$1
	wait_for "$name" "Press Enter to start."
	send "$name" Enter
	wait_for "$name" "Check-in"
	send "$name" 2 Enter
	wait_for "$name" "do any of these apply"
	send "$name" n
	wait_for "$name" "I'm in position"
	send "$name" Enter
	wait_for "$name" "Pain check"
	send "$name" 1 Enter
	wait_for "$name" "Saved: pain 1/10"
	send "$name" Enter
	wait_for "$name" "HOLD"
}

# resume_at_set_2_then_leave NAME: on a start with a session left open,
# resume it, see it go on at set 2, leave it kept, and quit.
resume_at_set_2_then_leave() {
	local name=$1
	wait_for "$name" "An unfinished session from"
	send "$name" Enter
	wait_for "$name" "Unfinished session"
	send "$name" y
	wait_for "$name" "set 2 of"
	send "$name" q
	wait_for "$name" "Leave the session now?"
	send "$name" y
	wait_for "$name" "Session kept"
	send "$name" q
}

# start_app NAME DB [NOW]: runs $bin on data file DB at --speed 60 without
# the bell in a new 80x24 pane, its clock starting at NOW if given; its exit
# status lands in $tmp/exit.NAME (the pane closes when the app ends). NOW
# goes on the command line: a tmux server keeps the environment it started
# with.
start_app() {
	local name=$1 db=$2 now=${3:-}
	local cmd=("$bin" --db "$db" --speed 60 --no-bell)
	[[ -n $now ]] && cmd=(env SPINECOACH_NOW="$now" "${cmd[@]}")
	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' "${cmd[@]}"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
}

# run_app NAME DB NOW ARGS...: like start_app, with ARGS after the global
# flags (a command such as start) and the clock at 20 times real speed.
run_app() {
	local name=$1 db=$2 now=$3
	shift 3
	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' env SPINECOACH_NOW="$now" "$bin" --db "$db" --speed 20 --no-bell "$@"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
}

# keep_server: one idle session that keeps the tmux server up between
# apps: when the last session ends the server exits, and a new-session
# racing that exit fails with "server exited unexpectedly".
keep_server() { tm new-session -d -s keep -x 80 -y 24 "sleep 3600"; }

# expect_exit NAME CODE: waits for the app in pane NAME to end with CODE.
expect_exit() {
	wait_for_file "$tmp/exit.$1"
	local code
	code=$(<"$tmp/exit.$1")
	[[ "$code" == "$2" ]] || fail "$1: the app exited with status $code, want $2"
}

# leave_summary NAME: Enter on a session's summary; when the weekly
# review follows it (the first session ever on a new file, then once a
# week), skips it with s, so the home screen follows as before.
leave_summary() {
	send "$1" Enter
	wait_for "$1" "Weekly review" "Press Enter to start." "no more exercise today" "Stopped for today" "session done today" "sessions done today"
	if [[ "$MATCHED" == "Weekly review" ]]; then
		send "$1" s
		wait_for "$1" "Review skipped"
	fi
}
