#!/usr/bin/env bash
# tmux-trends.sh: the real-terminal test of the trends. It drives the real
# binary in an 80x24 tmux pane on a fresh data file:
#   1. three sessions on three days (SPINECOACH_NOW 20, 21 and 22 November
#      2026, 08:00+01:00), check-ins 2, 3 and 1, a few pain scores each and
#      an 8 that ends each session (so each has a stop to list);
#   2. spinecoach trends --plain on the evening of the 22nd: its verdict,
#      days, exercises and cut-backs against the CSV and JSON exports;
#   3. the same evening, home then t opens the trends screen: the title, the
#      verdict, every row of the exercise table, the adherence grid, the
#      streak and every cut-back are checked against the same exports;
#      1 switches to 7 days; q goes home.
# Usage: scripts/tmux-trends.sh   (from any directory; needs go, installs tmux;
# python3 reads the JSON export's events if present, else grep and sed)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."   # the repo root: go build and the module live here

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-trends

bin="$tmp/spinecoach"
db="$tmp/data/spinecoach.db"
mkdir -p "$tmp/data"
evening=2026-11-22T20:00:00+01:00

# score NAME PAIN: on an exercise card, "I'm in position", lets the holds
# run (or says a counted set is done), then types PAIN at the pain check.
score() {
	local name=$1 pain=$2
	wait_for "$name" "I'm in position"
	send "$name" Enter
	wait_for "$name" "Pain check" "Press Enter when you have finished."
	if [[ "$MATCHED" != "Pain check" ]]; then
		send "$name" Enter
		wait_for "$name" "Pain check"
	fi
	send "$name" "$pain" Enter
}

# session NAME NOW CHECKIN PAIN...: one session on the day of NOW, ended by
# the pain rules at the last score (an 8), then home and quit.
session() {
	local name=$1 now=$2 checkin=$3 pain
	shift 3
	start_app "$name" "$db" "$now"
	to_home "$name"
	send "$name" Enter
	wait_for "$name" "Check-in"
	send "$name" "$checkin" Enter
	answer_warnings "$name" n
	for pain in "$@"; do
		score "$name" "$pain"
	done
	wait_for "$name" "Session stopped" "Session done"
	[[ "$MATCHED" == "Session stopped" ]] || fail "$name: the 8 did not stop the session"
	send "$name" Enter
	wait_for "$name" "no more exercise today"
	send "$name" q
	expect_exit "$name" 0
}

# ---------------------------------------------------------------- facts

# csv_facts: from the CSV export, the figures the trends must show:
#   day|DATE|baseline|highest|sessions     one per day with a scored set
#   ex|NAME|sets|avg rise (%+.1f)|amber or worse
#   mean|M                                  mean of the days' baselines (%.1f)
# A set is amber or worse by the default pain rules: pain above 3 and
# either 5 or more or 2 above the check-in.
csv_facts() {
	! grep -q '"' "$1" || fail "the CSV quotes a field; splitting on commas is unsafe"
	awk -F, '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{
			day = substr($col["started_at"], 1, 10)
			b = $col["baseline_pain"]; p = $col["pain"]; name = $col["exercise"]
			if (!(($col["session_id"]) in seen)) {
				seen[$col["session_id"]] = 1
				bsum[day] += b; bn[day]++; sess[day]++
				if (!(day in order)) { order[day] = ++ndays; days[ndays] = day }
			}
			if ($col["skipped"] == "true" || $col["event"] != "set") next # a check-in or build-up row has no score
			if (!(day in high) || p + 0 > high[day]) high[day] = p + 0
			if (!(name in n)) names[++nnames] = name
			n[name]++; rise[name] += p - b
			if (p > 3 && (p >= 5 || p - b >= 2)) bad[name]++
		}
		END {
			for (i = 1; i <= ndays; i++) {
				d = days[i]
				printf "day|%s|%.1f|%d|%d\n", d, bsum[d] / bn[d], high[d], sess[d]
				m += bsum[d] / bn[d]
			}
			for (i = 1; i <= nnames; i++) {
				x = names[i]
				printf "ex|%s|%d|%+.1f|%d\n", x, n[x], rise[x] / n[x], bad[x]
			}
			printf "mean|%.1f\n", m / ndays
		}' "$1"
}

# reasons JSON: the reason of every event in the JSON export that cut the
# routine back (every rule but green and step-up), newest first.
reasons() {
	if command -v python3 >/dev/null; then
		python3 - "$1" <<-'EOF'
			import json, sys
			events = [e for s in json.load(open(sys.argv[1]))["sessions"] for e in s.get("events") or []]
			events = [e for e in events if e["rule"] not in ("green", "step-up", "none")]
			for e in sorted(events, key=lambda e: (e["session_id"], e["seq"]), reverse=True):
			    print(e["reason"])
		EOF
	else
		sed -nE 's/^ *"reason": "(.*)",?$/\1/p' "$1" | tac
	fi
}

# ---------------------------------------------------------------- run

started=$SECONDS
build_app "$bin"

# ------------------------------------------- 1. three days of sessions
session d1 2026-11-20T08:00:00+01:00 2 3 2 4 3 8
session d2 2026-11-21T08:00:00+01:00 3 3 4 8
session d3 2026-11-22T08:00:00+01:00 1 1 2 2 1 8
echo "PASS three sessions recorded ($((SECONDS - started)) s)"

SCREEN=""
csv="$tmp/export.csv"
json="$tmp/export.json"
"$bin" --db "$db" export --format csv >"$csv"
"$bin" --db "$db" export --format json >"$json"
facts=$(csv_facts "$csv")
mapfile -t cuts < <(reasons "$json")
[[ $(grep -c '^day|' <<<"$facts") == 3 ]] || fail "the CSV has not 3 days of sets: $facts"
((${#cuts[@]} >= 3)) || fail "the JSON export has ${#cuts[@]} cut-backs, want at least the 3 stops"
mean=$(sed -n 's/^mean|//p' <<<"$facts")

# ------------------------------------------- 2. trends --plain
SCREEN=""
plain=$(SPINECOACH_NOW=$evening "$bin" --db "$db" trends --plain)
SCREEN=$plain
expect_text "trends --plain" "Pain trends, last 90 days (" "to 22 November 2026)" \
	"Baseline pain over the last 14 days: $mean;" "3 sessions on 3 of the 90 days. Streak: 3 days in a row."
while IFS='|' read -r _ day b high n; do
	s="$day: before $b, highest after $high, 1 session"
	((n == 1)) || s="$day: before $b, highest after $high, $n sessions"
	expect_line "trends --plain: $day" "^  $s\$"
done < <(grep '^day|' <<<"$facts")
while IFS='|' read -r _ name n rise bad; do
	s="$name: $n sets, average rise $rise over the check-in"
	if ((bad >= 2 && 3 * bad >= n)); then s+="; often amber or red ($bad of $n sets)"; fi
	expect_text "trends --plain" "$s."
done < <(grep '^ex|' <<<"$facts")
for c in "${cuts[@]:0:8}"; do
	expect_text "trends --plain" "$c"
done
echo "PASS trends --plain: days, exercises and cut-backs as exported"

# ------------------------------------------- 3. the trends screen
t0=$SECONDS
start_app tr "$db" "$evening"
to_home tr
send tr t
wait_for tr "Pain trends · last 90 days"
expect_text "trends" "Pain trends · last 90 days · 3 sessions on 3 days" \
	"Baseline pain over the last 14 days: $mean; the 14 days before have too few check-ins to compare" \
	"before sessions" "highest after a set"
scroll_to_end tr
SCREEN=$SCROLLED
expect_text "trends (scrolled)" "Streak: 3 days in a row." "Recent cut-backs"
# Every exercise's row: name, sets, average rise, and the flag exactly when
# the CSV says it often went amber or red (at least 2, and a third).
while IFS='|' read -r _ name n rise bad; do
	re="^ *(▲ )?${name} +${n} +${rise//+/\\+}"
	if ((bad >= 2 && 3 * bad >= n)); then
		re+=" +often amber or red \\($bad of $n\\) *\$"
	else
		re+=" *\$"
	fi
	expect_line "trends: the row of $name" "$re"
done < <(grep '^ex|' <<<"$facts")
# This week's column of the grid: nothing Monday to Thursday, one session
# each on Friday, Saturday and Sunday.
for d in Mon Tue Wed Thu; do expect_line "trends: the grid" "^ *$d( ·){12} *\$"; done
for d in Fri Sat Sun; do expect_line "trends: the grid" "^ *$d( ·){11} 1 *\$"; done
text=$(joined)
for c in "${cuts[@]:0:8}"; do
	[[ "$text" == *"$c"* ]] || fail "trends: the cut-back \"$c\" is not listed"
done
send tr 1
wait_for tr "Pain trends · last 7 days · 3 sessions on 3 days"
send tr q
wait_for tr "Press Enter to start." "no more exercise today"
send tr q
expect_exit tr 0
echo "PASS trends screen: title, verdict ($mean), $(grep -c '^ex|' <<<"$facts") exercise rows, grid, streak, ${#cuts[@]} cut-backs as exported; 1 -> 7 days ($((SECONDS - t0)) s)"

echo "tmux-trends: passed ($((SECONDS - started)) s)"
