#!/usr/bin/env bash
# tmux-session.sh: the real-terminal test of issue 2 (no pain score is ever
# lost). It drives the real binary in an 80x24 tmux pane, like a patient at a
# keyboard:
#   session 1: a whole phase 1 session, every prompt answered, quit with q;
#   session 2: a few sets, then SIGKILL during a hold, restart, resume, finish.
# Then it checks the CSV export: every score typed is there exactly once, in
# the order typed, both sessions are completed, no set row is duplicated.
# Usage: scripts/tmux-session.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."   # the repo root: go build and the module live here

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-session

bin="$tmp/spinecoach"
db="$tmp/data/spinecoach.db"   # a fresh data file: the checks count every row
mkdir -p "$tmp/data"
typed="$tmp/typed.txt"         # one line per score typed: session|exercise|side|pain
: >"$typed"

score_i=0      # scores cycle 0..3 across both sessions, so neighbours differ;
               # with check-ins 2 and 3 no pain rule changes the dose (4 would)
set_total=""   # M of "set N of M", read from the first card

# header_set: N and M of the "set N of M" header in SCREEN, into SET_N/SET_M.
header_set() {
	[[ "$SCREEN" =~ set\ ([0-9]+)\ of\ ([0-9]+) ]] || fail "no \"set N of M\" in the header"
	SET_N=${BASH_REMATCH[1]}
	SET_M=${BASH_REMATCH[2]}
}

# checkin NAME SCORE: answers the baseline pain prompt, then "none of
# these" on the warning-signs screen that follows it.
checkin() {
	wait_for "$1" "Check-in"
	send "$1" "$2" Enter
	answer_warnings "$1" n
}

# start_set NAME WANT_N: on an exercise card, checks the header says set
# WANT_N and presses Enter ("I'm in position").
start_set() {
	local name=$1 want=$2
	wait_for "$name" "I'm in position"
	header_set
	[[ -n "$set_total" ]] || set_total=$SET_M
	[[ "$SET_N" == "$want" && "$SET_M" == "$set_total" ]] ||
		fail "$name: the card says set $SET_N of $SET_M, want set $want of $set_total"
	send "$name" Enter
}

# answer_pain NAME SESSION: once the set runs, presses Enter for a counted
# set, then types the next score at the pain prompt and waits for the footer
# that says the write committed. Records what was typed.
answer_pain() {
	local name=$1 sess=$2
	# Holds count down by themselves; counted sets wait for Enter.
	wait_for "$name" "Pain check" "Press Enter when you have finished."
	if [[ "$MATCHED" != "Pain check" ]]; then
		send "$name" Enter
		wait_for "$name" "Pain check"
	fi
	# The title says which set: "Pain check · Leg sweeps, left side".
	local label exercise side=""
	label=$(grep -m1 "Pain check" <<<"$SCREEN" | sed -E 's/^.*Pain check[^A-Za-z]*//; s/ +$//')
	exercise=$label
	if [[ "$label" =~ ^(.*),\ (left|right)\ side$ ]]; then
		exercise=${BASH_REMATCH[1]}
		side=${BASH_REMATCH[2]}
	fi
	local score=$((score_i % 4))
	score_i=$((score_i + 1))
	send "$name" "$score" Enter
	# The label makes the match unique: the previous set's line may still show.
	wait_for "$name" "Saved: pain $score/10 after $label."
	echo "$sess|$exercise|$side|$score" >>"$typed"
}

# run_sets NAME SESSION FIRST [LAST]: sets FIRST..LAST (default: to the end)
# from their cards through their pain prompts.
run_sets() {
	local name=$1 sess=$2 n=$3 last=${4:-}
	while :; do
		start_set "$name" "$n"
		answer_pain "$name" "$sess"
		[[ -z "$last" || "$n" -lt "$last" ]] || return 0
		wait_for "$name" "I'm in position" "Session done"
		[[ "$MATCHED" != "Session done" ]] || break
		n=$((n + 1))
	done
	[[ "$n" == "$set_total" ]] || fail "$name: session done after $n sets, the header said $set_total"
}

# finish_and_quit NAME: from the summary, Enter to home, q to quit, status 0.
finish_and_quit() {
	wait_for "$1" "Session done"
	leave_summary "$1"
	wait_for "$1" "Press Enter to start."
	send "$1" q
	expect_exit "$1" 0
}

# kill_app NAME: SIGKILLs the app in pane NAME (the pane's shell's child,
# checked to be our binary, so nothing else is ever hit).
kill_app() {
	local shell_pid pid
	shell_pid=$(tm display-message -p -t "$1" '#{pane_pid}')
	pid=$(pgrep -P "$shell_pid" | head -n1) || fail "$1: no app process under the pane"
	[[ "$(readlink "/proc/$pid/exe")" == "$bin" ]] || fail "$1: pid $pid is not $bin"
	kill -9 "$pid"
}

export_csv() { "$bin" --db "$db" export --format csv; }

# session_ids: the distinct session ids in the export, one a line.
session_ids() {
	export_csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "session_id") c = i; next } { print $c }' | sort -u
}

# ---------------------------------------------------------------- run

started=$SECONDS
build_app "$bin"

# Session 1: everything answered, then a clean quit.
start_app s1 "$db"
to_home s1   # the first run offers setup: skipped, so phase 1 runs
send s1 Enter
checkin s1 2
run_sets s1 1 1
finish_and_quit s1
s1_id=$(session_ids)
[[ $(wc -l <<<"$s1_id") == 1 && -n "$s1_id" ]] || fail "after session 1 the export has sessions: $s1_id"

# Session 2: three sets, then SIGKILL while a hold runs.
start_app s2 "$db"
to_home s2
send s2 Enter
checkin s2 3
run_sets s2 2 1 3
start_set s2 4
wait_for s2 "HOLD "   # set 4 (Quadriceps pull, right) is held: kill mid-hold
kill_app s2
echo "session 2: SIGKILL during \"$(grep -m1 -o 'HOLD .*' <<<"$SCREEN")\" of set 4"
expect_exit s2 137    # 128 + SIGKILL: the app had no chance to clean up

# Restart: the unfinished session must be offered and resume at set 4.
recorded=$(grep -c '^2|' "$typed" || true)
start_app s3 "$db"
wait_for s3 "An unfinished session from"
[[ "$SCREEN" == *"($recorded sets recorded)"* ]] || fail "home does not say ($recorded sets recorded)"
send s3 Enter
wait_for s3 "Unfinished session"
send s3 y
run_sets s3 2 $((recorded + 1))   # start_set checks the header: set recorded+1
finish_and_quit s3

# ---------------------------------------------------------------- checks

SCREEN=""   # from here on a failure is about the data, not the screen
csv="$tmp/export.csv"
export_csv >"$csv"

# The column numbers come from the header, and the fields are split on bare
# commas: check that no field is quoted and every row has the header's width.
! grep -q '"' "$csv" || fail "the CSV quotes a field; splitting on commas is unsafe"
awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' "$csv" || fail "CSV rows differ in field count"
for c in session_id exercise_id exercise side set pain baseline_pain status; do
	head -n1 "$csv" | tr ',' '\n' | grep -qx "$c" || fail "CSV header has no $c column"
done

# rows: one line per CSV row, session|exercise_id|exercise|side|set|pain|
# baseline|status, with the session id turned into 1 or 2 (the order the
# sessions were run; the export's own order follows the --speed clock).
rows="$tmp/rows.txt"
awk -F, -v OFS='|' -v s1="$s1_id" '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{
		id = $col["session_id"]
		print (id == s1 ? 1 : id), $col["exercise_id"], $col["exercise"], $col["side"],
			$col["set"], $col["pain"], $col["baseline_pain"], $col["status"]
	}' "$csv" >"$rows"

ids=$(cut -d'|' -f1 "$rows" | sort -u)
[[ $(wc -l <<<"$ids") == 2 ]] || fail "the export has sessions: $(echo $ids), want 2"
s2_id=$(grep -vx 1 <<<"$ids")
sed -i "s/^$s2_id|/2|/" "$rows"

for s in 1 2; do
	n=$(grep -c "^$s|" "$rows" || true)
	[[ "$n" == "$set_total" ]] || fail "session $s has $n rows, want $set_total"
	bad=$(awk -F'|' -v s="$s" '$1 == s && $8 != "completed"' "$rows")
	[[ -z "$bad" ]] || fail "session $s has rows not completed: $bad"
done
base=$(awk -F'|' '{ print $1 ":" $7 }' "$rows" | sort -u | tr '\n' ' ')
[[ "$base" == "1:2 2:3 " ]] || fail "baseline pain per session is $base, want 1:2 2:3"

dups=$(cut -d'|' -f1,2,4,5 "$rows" | sort | uniq -d)
[[ -z "$dups" ]] || fail "duplicated set rows (session|exercise_id|side|set): $dups"

# Every score typed, once, in the order typed, per session.
in_export="$tmp/in-export.txt"
awk -F'|' -v OFS='|' '$6 != "" { print $1, $3, $4, $6 }' "$rows" >"$in_export"
for s in 1 2; do
	if ! diff <(grep "^$s|" "$typed") <(grep "^$s|" "$in_export") >"$tmp/diff"; then
		cat "$tmp/diff" >&2
		fail "session $s: the pain scores in the export differ from those typed (< typed, > export)"
	fi
done
n_typed=$(wc -l <"$typed")
n_export=$(wc -l <"$in_export")
lost=$(grep -cvxFf "$in_export" "$typed" || true)
[[ "$lost" == 0 && "$n_typed" == "$n_export" ]] || fail "$n_typed typed, $n_export in export, $lost lost"

echo "tmux-session: 2 sessions, $n_typed scores typed, $n_export in export, $lost lost ($((SECONDS - started)) s)"
