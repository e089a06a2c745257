#!/usr/bin/env bash
# crash-test.sh: kill -9 at any moment loses no recorded score (issue 6).
#
# RUNS times (default 50), on ONE shared data file so sessions pile up:
# start `spinecoach start --speed 60 --no-bell` in an 80x24 tmux pane, play
# the patient (check-in 2, no warning signs, phase 1, pain scores cycling
# 0..3 so no pain rule fires), and SIGKILL the app at a random moment:
# half the runs at a random time 0.2 s to MAX_DELAY_MS after the start
# (startup, resume offer, check-in, holds, typing: anywhere), half 0-24 ms
# after the Enter of the run's 1st to 4th score, while its write is in
# flight.
#
# A score counts as confirmed only once the footer said
# "✓ Saved: pain N/10 after <exercise, side>."; one typed but not yet
# confirmed is "in flight": it may or may not be in the file, never lost.
# A restart offers the unfinished session: runs alternate between resuming
# and discarding it.
#
# After every kill: `spinecoach check` passes, and the JSON export holds
# every confirmed score exactly once with its value, and no score that was
# never typed. The end prints runs, kills, scores confirmed, scores found,
# lost (must be 0).
#
# Usage: scripts/crash-test.sh [RUNS]   (env RUNS, SEED to replay a run's
# choices, MAX_DELAY_MS, CRASH_DEBUG=1 to print each screen acted on)
# Needs go, tmux and jq (installed with apt-get when missing).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

for tool in tmux jq; do
	command -v "$tool" >/dev/null || { apt-get update && apt-get install -y "$tool"; }
done

# The caller's environment must not pick another data file or a fake clock.
unset SPINECOACH_DB SPINECOACH_NOW

RUNS=${1:-${RUNS:-50}}
SEED=${SEED:-$((($$ + $(date +%s)) % 32768))}
MAX_DELAY_MS=${MAX_DELAY_MS:-6000}   # a timed kill comes 0.2 s to this after the start
RANDOM=$SEED

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crash-test.XXXXXX")
TMUX_SOCK="$tmp/tmux.sock"
WAIT_TIMEOUT=20
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"

cleanup() {
	tm kill-server 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

bin="$tmp/spinecoach"
db="$tmp/data/spinecoach.db"   # shared by every run
mkdir -p "$tmp/data"
ledger="$tmp/ledger.txt"       # session_id|exercise|side|pain|confirmed or inflight
: >"$ledger"

score_i=0   # scores cycle 0..3 across all runs, so neighbours differ
kills=0
offers=0    # unfinished sessions offered: odd ones resumed, even ones discarded
resumed=0
discarded=0

export_json() {
	if [[ -e "$db" ]]; then
		"$bin" --db "$db" export --format json
	else
		echo '{"sessions": []}'   # before the first run has made it
	fi
}

# Byte order for sort and comm: the lists they compare must agree.
csort() { LC_ALL=C sort "$@"; }
ccomm() { LC_ALL=C comm "$@"; }

# session_ids: the ids in the export, one a line (time-sortable).
session_ids() { export_json | jq -r '.sessions[].id' | csort; }

# open_session: the id of the session in progress, if any.
open_session() { export_json | jq -r '[.sessions[] | select(.status == "in_progress") | .id] | last // empty'; }

# exported_scores: every scored set in the file, session_id|exercise|side|pain.
exported_scores() {
	export_json | jq -r '.sessions[] | .id as $s | .sets[] | select(.skipped | not) | "\($s)|\(.exercise)|\(.side)|\(.pain)"' | csort
}

# verify RUN: the file checks sound and holds every confirmed score once
# with its value, and nothing that was never typed. Sets FOUND and LOST.
verify() {
	local run=$1 out
	SCREEN=""
	out=$("$bin" --db "$db" check 2>&1) || fail "run $run: spinecoach check failed: $out"
	local scores="$tmp/scores.txt"
	exported_scores >"$scores"   # sorted
	FOUND=$(wc -l <"$scores")
	local dups missing phantom
	dups=$(cut -d'|' -f1-3 "$scores" | uniq -d)
	[[ -z "$dups" ]] || fail "run $run: a set is in the export more than once: $dups"
	missing=$({ grep '|confirmed$' "$ledger" || true; } | cut -d'|' -f1-4 | csort -u | ccomm -23 - "$scores")
	LOST=0
	if [[ -n "$missing" ]]; then
		LOST=$(wc -l <<<"$missing")
		echo "LOST after run $run (session_id|exercise|side|pain confirmed on screen, not in the export):" >&2
		sed 's/^/    /' <<<"$missing" >&2
	fi
	phantom=$(cut -d'|' -f1-4 "$ledger" | csort -u | ccomm -13 - "$scores")
	[[ -z "$phantom" ]] || fail "run $run: the export has scores nobody typed: $phantom"
	((LOST == 0)) || fail "run $run: $LOST confirmed scores lost"
}

# one_run R: start the app, play until the kill, kill it, resolve which
# session each typed score belongs to.
one_run() {
	local r=$1 name="r$1"
	local before open_id
	before=$(session_ids)
	open_id=$(open_session)

	local mode=time deadline after_score=0 start
	start=$(now_ms)
	deadline=$((start + 200 + RANDOM % (MAX_DELAY_MS - 200)))
	if ((RANDOM % 2)); then
		mode=score
		after_score=$((1 + RANDOM % 4))
		deadline=$((start + 8000))   # in case the session gives fewer scores
	fi

	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' "$bin" --db "$db" --speed 60 --no-bell start); echo \$? >$(printf '%q' "$tmp/exit.$name")"

	# slot: which session the scores go to: R (resumed), N1, N2... (new).
	local slot="" new_slots=0 typed=0 acted="" pending="" label now idle_since=$start pid=""
	local run_scores="$tmp/run.txt"
	: >"$run_scores"
	while :; do
		now=$(now_ms)
		if ((now >= deadline)); then
			break
		fi
		capture "$name"
		[[ ! -s "$tmp/exit.$name" ]] || fail "$name: the app ended by itself (status $(<"$tmp/exit.$name"))"
		[[ -n "$pid" ]] || pid=$(pane_app_pid "$name" "$bin")   # ready for an instant kill

		# A pending score is confirmed once the footer says so.
		if [[ -n "$pending" ]]; then
			local p_slot p_label p_score
			IFS='|' read -r p_slot p_label p_score <<<"$pending"
			if [[ "$SCREEN" == *"✓ Saved: pain $p_score/10 after $p_label."* ]]; then
				sed -i '$ s/|inflight$/|confirmed/' "$run_scores"
				pending=""
			fi
		fi
		[[ "$SCREEN" != *"NOT saved yet"* ]] || echo "$name: the footer says a score is not saved yet (a retry runs)" >&2

		# Act once per screen: wait for the last trigger to go first.
		if [[ -n "$acted" && "$SCREEN" == *"$acted"* ]]; then
			((now - idle_since < 15000)) || fail "$name: stuck on \"$acted\" for 15 s"
			sleep 0.03
			continue
		fi
		acted=""
		idle_since=$now
		if [[ -n "${CRASH_DEBUG:-}" ]]; then
			echo "---- $name at $((now - start)) ms" >&2
			printf '%s\n' "$SCREEN" >&2
		fi
		case "$SCREEN" in
		*"Unfinished session"*)
			offers=$((offers + 1))
			if ((offers % 2)); then
				send "$name" y
				slot=R
				resumed=$((resumed + 1))
			else
				send "$name" n
				discarded=$((discarded + 1))
			fi
			acted="Unfinished session"
			;;
		*"Check-in"*)
			# The session is stored at this Enter, before the warning signs.
			send "$name" 2 Enter
			new_slots=$((new_slots + 1))
			slot="N$new_slots"
			acted="Check-in"
			;;
		*"do any of these apply to you today?"*)
			# After a check-in, or resuming a session with no set done yet.
			send "$name" n
			acted="do any of these apply to you today?"
			;;
		*"Pain check"*)
			if [[ -n "$pending" ]]; then
				sleep 0.03   # the previous score is not confirmed yet
				continue
			fi
			# The title says which set: "Pain check · Leg sweeps, left side".
			label=$(grep -m1 "Pain check" <<<"$SCREEN" | sed -E 's/^.*Pain check[^A-Za-z]*//; s/ +$//')
			local exercise=$label side="" score=$((score_i % 4))
			if [[ "$label" =~ ^(.*),\ (left|right)\ side$ ]]; then
				exercise=${BASH_REMATCH[1]}
				side=${BASH_REMATCH[2]}
			fi
			[[ -n "$slot" ]] || fail "$name: a pain prompt outside any session"
			score_i=$((score_i + 1))
			send "$name" "$score" Enter
			echo "$slot|$exercise|$side|$score|inflight" >>"$run_scores"
			pending="$slot|$label|$score"
			typed=$((typed + 1))
			if [[ $mode == score && $typed == "$after_score" ]]; then
				# Kill 0-24 ms after the Enter: the write is in flight.
				local d=$((RANDOM % 25))
				((d == 0)) || sleep "0.$(printf %03d "$d")"
				break
			fi
			acted="Pain check"
			;;
		*"I'm in position"*)
			send "$name" Enter
			acted="I'm in position"
			;;
		*"Press Enter when you have finished."*)
			send "$name" Enter
			acted="Press Enter when you have finished."
			;;
		*"Before its time"*)
			# Phase 1 may repeat every 2 hours: a run minutes after the last
			# session asks first, and the patient says yes. The title, not
			# the question: its times ("due tomorrow at 00:13") move where
			# "Start anyway? y/n" wraps.
			send "$name" y
			acted="Before its time"
			;;
		*"Weekly review"*)
			send "$name" s # the review that follows a first session: not what this test is about
			acted="Weekly review"
			;;
		*"Session done"*)
			[[ -z "$pending" ]] || fail "$name: the session ended before the last score was confirmed"
			send "$name" Enter
			slot=""
			acted="Session done"
			;;
		*"esc skip setup"*)
			# start on a new file asks setup first: skipped, phase 1 runs
			send "$name" Escape
			acted="esc skip setup"
			;;
		*"Press Enter to start."* | *"An unfinished session from"*)
			send "$name" Enter
			acted="Press Enter to start."
			[[ "$SCREEN" != *"An unfinished session from"* ]] || acted="An unfinished session from"
			;;
		*)
			((now - idle_since < 15000)) || fail "$name: no screen recognised for 15 s"
			;;
		esac
		sleep 0.03
	done

	[[ -n "$pid" ]] || pid=$(pane_app_pid "$name" "$bin")
	[[ -n "$pid" && "$(readlink "/proc/$pid/exe")" == "$bin" ]] || fail "$name: the app is not running at the kill"
	kill -9 "$pid"
	kills=$((kills + 1))
	wait_for_file "$tmp/exit.$name"
	[[ "$(<"$tmp/exit.$name")" == 137 ]] || fail "$name: the app ended with $(<"$tmp/exit.$name"), want 137 (SIGKILL)"
	tm kill-session -t "$name" 2>/dev/null || true

	# Resolve the slots: R is the session offered at the start; Nk is the
	# k-th session this run created (ids sort by start time). A slot whose
	# session never reached the file can hold no confirmed score.
	local -a new_ids
	mapfile -t new_ids < <(ccomm -13 <(printf '%s\n' "$before") <(session_ids) | sed '/^$/d')
	((${#new_ids[@]} <= new_slots)) || fail "$name: ${#new_ids[@]} new sessions in the file, $new_slots begun"
	local s_slot exercise side score state sid
	while IFS='|' read -r s_slot exercise side score state; do
		case "$s_slot" in
		R) sid=$open_id ;;
		N*) sid=${new_ids[$((${s_slot#N} - 1))]:-} ;;
		esac
		if [[ -z "$sid" ]]; then
			[[ "$state" != confirmed ]] || fail "$name: a confirmed score of session $s_slot, which is not in the file"
			continue
		fi
		echo "$sid|$exercise|$side|$score|$state" >>"$ledger"
	done <"$run_scores"
	RUN_TYPED=$typed
	RUN_CONFIRMED=$(grep -c '|confirmed$' "$run_scores" || true)
}

# ---------------------------------------------------------------- run

started=$SECONDS
build_app "$bin"
echo "crash-test: $RUNS runs on one data file, seed $SEED"

for ((r = 1; r <= RUNS; r++)); do
	one_run "$r"
	verify "$r"
	printf 'run %2d: %d typed, %d confirmed; file: %d scores, check passed\n' "$r" "$RUN_TYPED" "$RUN_CONFIRMED" "$FOUND"
done

confirmed=$(grep -c '|confirmed$' "$ledger" || true)
inflight=$(grep -c '|inflight$' "$ledger" || true)
inflight_found=0
while IFS='|' read -r sid exercise side pain state; do
	[[ "$state" == inflight ]] || continue
	if grep -qxF "$sid|$exercise|$side|$pain" "$tmp/scores.txt"; then
		inflight_found=$((inflight_found + 1))
	fi
done <"$ledger"
sessions=$(session_ids | wc -l)

echo "crash-test: runs $RUNS, kills $kills, sessions $sessions (offered again $offers: $resumed resumed, $discarded discarded)"
echo "crash-test: scores confirmed $confirmed, scores found $FOUND, in flight $inflight ($inflight_found of them saved), lost $LOST ($((SECONDS - started)) s)"
((LOST == 0 && confirmed > 0 && kills == RUNS)) || fail "lost $LOST, confirmed $confirmed, kills $kills"
# Scores must be typed in most runs: runs that never reach a pain prompt
# (a question the script does not answer) would prove nothing.
((confirmed + inflight >= RUNS / 2)) || fail "only $((confirmed + inflight)) scores typed in $RUNS runs: the runs stop short of the pain prompts"
