#!/usr/bin/env bash
# kill-temps.sh: no writing command leaves a temporary file behind
# (issue 26). For each command that writes a file through a temporary one
# (the first setup, which makes the data file; export, report and remind
# ics to --out; backup; import; remind on):
#
#  1. strace kills it with SIGKILL at its first fsync or fdatasync: the
#     temporary file is there, half made, under a name that says whose it
#     is (".<target>.spinecoach-tmp-<pid>-<random>"), and the target is
#     not (or, for import, is as it was);
#  2. the same command again (for import: `check` first, which must say it
#     removed it) succeeds and leaves only the finished file: no
#     spinecoach-tmp name anywhere in the directories, and a file of the
#     same pattern whose process is still running is never touched;
#  3. the same at SIGTERM instead: exit 143 and no temporary file at once;
#  4. the commands that write the data file in place (setup again,
#     routines import), killed at their first fsync, leave nothing beside
#     it, the file passes check, and they succeed again.
#
# Usage: scripts/kill-temps.sh   (needs go; installs strace)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
export PATH="$PATH:/usr/local/go/bin"
command -v strace >/dev/null || { apt-get update && apt-get install -y strace; }
unset SPINECOACH_DB SPINECOACH_NOW

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kill-temps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin="$tmp/spinecoach"
go build -o "$bin" .
export SPINECOACH_NOW=2026-11-22T20:00:00Z TZ=UTC
export XDG_CONFIG_HOME="$tmp/config"
src="$tmp/src.db" # a history to export, back up and import
go run ./scripts/genhistory -db "$src" -days 60 -end 2026-11-23 >/dev/null
"$bin" --db "$src" export --format json --out "$tmp/history.json"

# temps DIR...: the spinecoach temporary files in DIR, one a line.
temps() { find "$@" -name '*.spinecoach-tmp-*' 2>/dev/null || true; }

# at_first_sync SIGNAL CMD...: runs CMD, sending it SIGNAL at its first
# fsync or fdatasync; a rename or link into place then waits 0.3 s (as
# the sync of a slow disk would make it), so the signal's handler has run
# by then and the test does not race the end of the command. Prints the
# exit status.
at_first_sync() {
	local sig=$1 code=0
	shift
	strace -f -qq -o /dev/null -e trace=fsync,fdatasync,rename,renameat,renameat2,link,linkat \
		-e inject=fsync,fdatasync:signal="$sig":when=1 \
		-e inject=rename,renameat,renameat2,link,linkat:delay_enter=300000 "$@" \
		>"$tmp/out" 2>"$tmp/err" || code=$?
	echo "$code"
}

# one NAME DIR TARGET PREP CMD...: the kill, the run again and the
# SIGTERM for one command writing TARGET in DIR; PREP is run before each
# attempt (it resets what the command must start from).
one() {
	local name=$1 dir=$2 target=$3 prep=$4 code left
	shift 4
	$prep
	code=$(at_first_sync KILL "$@")
	[[ $code == 137 ]] || fail "$name: strace's SIGKILL at the first fsync did not end it (exit $code: $(<"$tmp/err"))"
	left=$(temps "$dir")
	[[ -n $left ]] || fail "$name: a kill at the first fsync left no temporary file: the test killed nothing mid-write"
	if [[ $name != import ]]; then
		[[ ! -e $target ]] || fail "$name: $target exists after a kill before its first fsync"
	fi
	# A file of the same pattern whose process is running (this shell)
	# must be left alone.
	local alive="$dir/.$(basename "$target").spinecoach-tmp-$$-0123456789ab"
	: >"$alive"
	if [[ $name == import ]]; then
		"$bin" --db "$target" check >"$tmp/check.out" || fail "import: check failed after the kill"
		grep -q "Removed 1 unfinished temporary file" "$tmp/check.out" ||
			fail "import: check did not remove the copy the kill left: $(<"$tmp/check.out")"
	fi
	"$@" >"$tmp/out" 2>"$tmp/err" || fail "$name: the same command again failed: $(<"$tmp/err")"
	[[ -s $target ]] || fail "$name: the run after the kill did not write $target"
	left=$(temps "$dir" | grep -v -- "-$$-0123456789ab" || true)
	[[ -z $left ]] || fail "$name: the run after the kill left $left"
	[[ -e $alive ]] || fail "$name: a running process's temporary file was removed"
	rm -f "$alive"
	$prep
	code=$(at_first_sync TERM "$@")
	[[ $code == 143 ]] || fail "$name: SIGTERM at the first fsync gave exit $code, want 143 ($(<"$tmp/err"))"
	left=$(temps "$dir")
	[[ -z $left ]] || fail "$name: SIGTERM left $left"
	grep -q "stopped by terminated; the unfinished file" "$tmp/err" ||
		fail "$name: SIGTERM without a sentence: $(<"$tmp/err")"
	echo "$name: killed at its first fsync, the next run removed its temporary file and wrote $target; SIGTERM: exit 143, nothing left"
}

out="$tmp/out.d"
mkdir -p "$out"
fresh_out() { rm -rf "$out" && mkdir -p "$out"; }
fresh_db() { rm -rf "$tmp/new" && mkdir -p "$tmp/new"; }
copy_db() { fresh_db && cp "$src" "$tmp/new/data.db" && "$bin" --db "$tmp/new/data.db" setup --surgery-date 2026-09-01 >/dev/null; }
empty_db() { fresh_db && "$bin" --db "$tmp/new/data.db" setup --surgery-date 2026-09-01 >/dev/null; }
fresh_config() { rm -rf "$XDG_CONFIG_HOME"; }

one setup "$tmp/new" "$tmp/new/data.db" fresh_db "$bin" --db "$tmp/new/data.db" setup --surgery-date 2026-09-01
one export "$out" "$out/export.csv" fresh_out "$bin" --db "$src" export --out "$out/export.csv"
one report "$out" "$out/report.html" fresh_out "$bin" --db "$src" report --out "$out/report.html"
one backup "$out" "$out/backup.db" fresh_out "$bin" --db "$src" backup "$out/backup.db"
one "remind ics" "$out" "$out/remind.ics" fresh_out "$bin" --db "$src" remind ics --out "$out/remind.ics"
one import "$tmp/new" "$tmp/new/data.db" empty_db "$bin" --db "$tmp/new/data.db" import "$tmp/history.json"
one "remind on" "$XDG_CONFIG_HOME" "$XDG_CONFIG_HOME/systemd/user/spinecoach-remind.timer" fresh_config \
	"$bin" --db "$src" remind on --via systemd --no-enable
# The commands that write the data file in place (bbolt's own commit, no
# temporary file): killed at the first fsync, they leave none, the file
# passes check, and the command again succeeds.
in_place() {
	local name=$1 code left
	shift
	copy_db
	code=$(at_first_sync KILL "$@")
	[[ $code == 137 ]] || fail "$name: the kill at the first fsync did not end it (exit $code)"
	left=$(temps "$tmp/new")
	[[ -z $left ]] || fail "$name: a kill left $left"
	"$bin" --db "$tmp/new/data.db" check >/dev/null || fail "$name: check fails after the kill"
	"$@" >"$tmp/out" 2>"$tmp/err" || fail "$name: the same command again failed: $(<"$tmp/err")"
	echo "$name: killed at its first fsync, nothing left beside the file, which passes check; the run again succeeded"
}
in_place "setup (again)" "$bin" --db "$tmp/new/data.db" setup --surgery-date 2026-08-01 --cleared-phase 1
in_place "routines import" "$bin" --db "$tmp/new/data.db" routines import assets/routines/phase1.toml

"$bin" --db "$src" remind off >/dev/null
left=$(find "$XDG_CONFIG_HOME" -type f)
[[ -z $left ]] || fail "remind off left $left"
# remind off after a remind on killed half-way: its temporary file goes too.
fresh_config
code=$(at_first_sync KILL "$bin" --db "$src" remind on --via systemd --no-enable)
[[ $code == 137 && -n $(temps "$XDG_CONFIG_HOME") ]] || fail "remind on: the kill left no temporary file (exit $code)"
"$bin" --db "$src" remind off >"$tmp/off.out" || fail "remind off failed: $(<"$tmp/off.out")"
left=$(find "$XDG_CONFIG_HOME" -type f)
[[ -z $left ]] || fail "remind off after a killed remind on left $left"
echo "remind off after a killed remind on: $(<"$tmp/off.out")"
echo "PASS: kill-temps"
