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

# build_app OUT builds the module in the current directory into OUT. Others
# may be mid-edit in the tree, so a failed build is retried a few times.
build_app() {
	local out=$1 try
	for try in 1 2 3; do
		if go build -o "$out" .; then
			return 0
		fi
		[[ $try == 3 ]] || { echo "build failed (try $try), retrying in 20 s" >&2; sleep 20; }
	done
	fail "go build failed"
}
