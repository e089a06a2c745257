#!/usr/bin/env bash
# bench.sh: the performance figures of the README, each measured beside its
# reference in the same run, because the machines are shared and noisy.
#
#   startup     exec to the first complete frame in tmux at 80x24, with
#               both cores kept busy by two CPU hogs the script starts and
#               stops: the spinecoach home screen on a 10-year data file,
#               the setup screen with no data file, and scripts/bare (a
#               bare Bubble Tea v1 deadline countdown line), in rotating
#               order, ROUNDS rounds (15) after one warm-up each; and the
#               CPU each had used (all threads, /proc/PID/task/*/schedstat)
#               when its first frame came, read by the stamper as the
#               frame's last bytes reach it (a poll would read it up to
#               10 ms later, with what follows the frame), less what the
#               pane's shell had used before it exec'd the program (the
#               same task)
#   due         `spinecoach due` on the 10-year file beside a 1-week one,
#               5 s after the hogs stop, 4 x ROUNDS pairs in ABBA order
#               (scripts/pairs): wall time and CPU (user + system, from
#               wait4), each pair's ratio
#   home+trends BenchmarkHomeAndTrendsRounds: open, home and 90-day trends
#               on 10 years beside 1 week and 3 months (the shortest
#               history that fills every window), ROUNDS rotating rounds
#   import      the JSON export of the 10-year file beside the import of
#               that export into a new file (time; peak RSS by GNU time),
#               alternated, ROUNDS rounds (IMPORT_ROUNDS with --quick)
#   idle        a 60 s window inside a 90 s hold, spinecoach and bare
#               counting down at the same time, median of 3: CPU (utime +
#               stime of /proc/PID/stat), wake-ups (context switches of
#               every thread), bytes and frames written to the terminal;
#               then the latency of a key (space: PAUSED on screen), beside
#               the same key echoed by a plain cat (tmux's own floor)
#   memory      peak RSS (VmHWM) on the home screen and in the hold
#   hold        how late a 30 s hold ends on the real clock, median of 5,
#               spinecoach's timer beside bubbles' timer component (two go
#               test benchmarks run at the same time, during the idle part)
#   writes      p50/p99 of recording a set (a synced transaction) over 1000
#               sets, each beside a bare bbolt transaction on the same disk
#
# Every ratio is the median of the rounds' own ratios (each round's two
# figures measured back to back), with the 25th-75th percentiles of
# those ratios as its spread.
#   drawing     View() of every screen at 200x60 against the 1 ms bar
#
# How a frame is timed: the program starts in a pane held at a gate (a FIFO)
# until `tmux pipe-pane` feeds the pane's output to a small perl stamper,
# which keeps the raw bytes and, for every read, the wall-clock time and the
# byte count so far. The gate opens; bash notes $EPOCHREALTIME and execs the
# program. The first complete frame is the burst of output (reads less than
# 3 ms apart) in which the screen's last text (home: "Press Enter to
# start."; bare: "s left") arrives. Polling capture-pane would only see the
# screen every few milliseconds.
#
# Usage: scripts/bench.sh [--long] [--sweep] [--quick] [--rounds N] [--bin PATH]
#   --long    also time 5-minute holds (5 of each, in parallel: ~26 minutes more)
#   --sweep   also run the bare program at 30, 20 and 10 frames per second
#             (tea.WithFPS) beside the default 60: what the renderer's frame
#             rate costs while nothing moves, and what it adds to startup
#   --quick   only the rows of issue 24 (startup, due, home+trends,
#             import, writes), 3 import rounds: a trial of the script
#   --rounds N  rounds of the interleaved rows (default 15)
#   --bin PATH  measure this spinecoach binary instead of building the tree
#             (a variant, an older release); the Go benchmarks still come
#             from the tree
# Needs go, tmux, perl and GNU time. Takes about 12 minutes without --long.
set -euo pipefail
export LC_ALL=C # a dot in $EPOCHREALTIME and in printf

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

long=0 sweep=0 quick=0 rounds=15 given_bin=""
while (($#)); do
	arg=$1
	shift
	case $arg in
	--long) long=1 ;;
	--sweep) sweep=1 ;;
	--quick) quick=1 ;;
	--rounds)
		rounds=${1:?--rounds needs a number}
		[[ $rounds =~ ^[1-9][0-9]*$ ]] || {
			echo "bench.sh: --rounds needs a whole number, got $rounds" >&2
			exit 2
		}
		shift
		;;
	--bin)
		given_bin=$(realpath "${1:?--bin needs a path}")
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "bench.sh: unknown argument $arg (see --help)" >&2
		exit 2
		;;
	esac
done
for tool in go tmux perl /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "bench.sh: needs $tool" >&2
		exit 2
	}
done
import_rounds=$rounds
((quick)) && import_rounds=3
unset SPINECOACH_DB SPINECOACH_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench.XXXXXX")
TMUX_SOCK="$tmp/tmux.sock"
WAIT_TIMEOUT=30
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
jobs_started=() # background benchmarks, ended by pid if we stop early
cleanup() {
	local pid
	for pid in "${jobs_started[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	tm kill-server 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# Where the write benchmark syncs: beside the data, never tmpfs.
writes_dir=$tmp
if [[ $(stat -f -c %T "$tmp") == tmpfs ]]; then
	writes_dir=$(mktemp -d "$PWD/.bench-writes.XXXXXX")
	trap 'cleanup; rm -rf "$writes_dir"' EXIT
fi

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# ---- tools: the stamper and the frame arithmetic ---------------------------

stamp=$tmp/stamp.pl
cat >"$stamp" <<'PERL'
# stamp RAW STAMPS PID: copies standard input to RAW and, after every
# read, appends "EPOCH-SECONDS BYTES-SO-FAR CPU-NS" to STAMPS, CPU-NS being
# what every thread of process PID (the pane's program) has used so far:
# the CPU when a frame came, read as it comes, not when a poll finds it.
use strict; use warnings; use IO::Handle; use Time::HiRes qw(time);
open my $raw, '>', $ARGV[0] or die "$ARGV[0]: $!"; binmode $raw; $raw->autoflush(1);
open my $st, '>', $ARGV[1] or die "$ARGV[1]: $!"; $st->autoflush(1);
my $pid = $ARGV[2];
sub cpu_ns {
	my $ns = 0;
	opendir my $d, "/proc/$pid/task" or return 0;
	for my $task (grep { /^\d+$/ } readdir $d) {
		open my $f, '<', "/proc/$pid/task/$task/schedstat" or next;
		my $line = <$f>;
		$ns += (split ' ', $line)[0] if defined $line;
	}
	return $ns;
}
binmode STDIN;
my ($n, $buf) = (0, '');
while (my $r = sysread(STDIN, $buf, 65536)) {
	my $t = time;
	my $cpu = cpu_ns();
	print $raw $buf;
	$n += $r;
	printf $st "%.6f %d %d\n", $t, $n, $cpu;
}
PERL

frames=$tmp/frames.pl
cat >"$frames" <<'PERL'
# frames.pl first T0 RAW STAMPS MARKER: milliseconds from the instant in
#   file T0 to the end of the burst of output (reads < 3 ms apart) holding
#   the first MARKER, and the program's CPU then (ms, all threads).
# frames.pl at RAW STAMPS OFFSET MARKER: the time the first MARKER after
#   byte OFFSET arrived.
# frames.pl count STAMPS FROM TO: the reads that arrived between two times.
use strict; use warnings;
my $cmd = shift;
sub stamps { open my $f, '<', $_[0] or die "$_[0]: $!"; my @s = map { [split] } <$f>; return @s }
sub slurp { local $/; open my $f, '<:raw', $_[0] or die "$_[0]: $!"; my $d = <$f>; return defined $d ? $d : '' }
sub arrival { # index of the read holding byte $end
	my ($s, $end) = @_;
	for my $i (0 .. $#$s) { return $i if $s->[$i][1] >= $end }
	die "byte $end never arrived\n";
}
if ($cmd eq 'first') {
	my ($t0f, $raw, $st, $marker) = @ARGV;
	my $t0 = slurp($t0f); $t0 =~ s/,/./; $t0 += 0;
	my $pos = index(slurp($raw), $marker);
	die "\"$marker\" never came\n" if $pos < 0;
	my @s = stamps($st);
	my $i = arrival(\@s, $pos + length $marker);
	$i++ while $i < $#s && $s[$i + 1][0] - $s[$i][0] < 0.003;
	printf "%.2f %.3f\n", ($s[$i][0] - $t0) * 1000, $s[$i][2] / 1e6;
} elsif ($cmd eq 'at') {
	my ($raw, $st, $off, $marker) = @ARGV;
	my $pos = index(slurp($raw), $marker, $off);
	die "\"$marker\" never came after byte $off\n" if $pos < 0;
	my @s = stamps($st);
	printf "%.6f\n", $s[arrival(\@s, $pos + length $marker)][0];
} elsif ($cmd eq 'count') {
	my ($st, $from, $to) = @ARGV;
	print scalar(grep { $_->[0] > $from && $_->[0] <= $to } stamps($st)), "\n";
} else { die "frames.pl: unknown command $cmd\n" }
PERL

# median N...: the middle value (of an odd count; the upper middle else).
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int(NR / 2) + 1]}'; }
# ratio A B: A/B to two places (three below 0.1).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b <= 0) print "-"; else if (a / b < 0.1) printf "%.3fx", a / b; else printf "%.2fx", a / b}'; }
# paired "A..." "B...": the median of the ratios A[i]/B[i] of rounds
# measured back to back, with their 25th-75th percentiles:
# "1.12x (1.05-1.20)".
paired() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, " "); split(b, y, " ")
		for (i = 1; i <= n; i++) r[i] = y[i] > 0 ? x[i] / y[i] : 0
		for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { t = r[j]; r[j] = r[j - 1]; r[j - 1] = t }
		p25 = r[int((n - 1) * 0.25 + 0.5) + 1]; p50 = r[int((n - 1) * 0.5 + 0.5) + 1]; p75 = r[int((n - 1) * 0.75 + 0.5) + 1]
		printf "%.2fx (%.2f-%.2f)", p50, p25, p75
	}'
}
# calc EXPR: awk arithmetic.
calc() { awk "BEGIN {printf $1}"; }

# ---- panes -----------------------------------------------------------------

# launch NAME CMD...: CMD in a new 80x24 pane NAME, held at a gate until the
# pane's output goes to the stamper ($tmp/NAME.raw, $tmp/NAME.stamps); the
# exec instant lands in $tmp/NAME.t0.
launch() {
	local name=$1 gate=$tmp/$1.gate inner
	shift
	rm -f "$tmp/$name".{t0,cpu0,raw,stamps}
	mkfifo "$gate"
	# The shell's own CPU before the exec (its start-up, reading the gate)
	# is noted too, and taken off the program's: the task is the same one.
	inner="read -r _ <$(printf %q "$gate"); read -r cpu _ </proc/self/schedstat; echo \$cpu >$(printf %q "$tmp/$name.cpu0"); echo \$EPOCHREALTIME >$(printf %q "$tmp/$name.t0"); exec $(printf '%q ' "$@")"
	tm new-session -d -s "$name" -x 80 -y 24 "exec bash -c $(printf %q "$inner")"
	tm pipe-pane -t "$name" -O "exec perl $(printf %q "$stamp") $(printf %q "$tmp/$name.raw") $(printf %q "$tmp/$name.stamps") $(pid_of "$name")"
	local deadline=$((SECONDS + 10))
	until [[ -e $tmp/$name.stamps ]]; do
		((SECONDS < deadline)) || fail "$name: the output pipe did not start"
		sleep 0.01
	done
	echo >"$gate"
	rm -f "$gate"
}

# pid_of NAME: the program in pane NAME (bash exec'd into it).
pid_of() { tm display-message -p -t "$1" '#{pane_pid}'; }

# wait_raw NAME TEXT: polls the pane's raw output until TEXT is in it.
wait_raw() {
	local deadline=$((SECONDS + WAIT_TIMEOUT))
	until grep -qF -- "$2" "$tmp/$1.raw" 2>/dev/null; do
		((SECONDS < deadline)) || fail "$1: \"$2\" never came"
		sleep 0.01
	done
}

# finish NAME KEY...: sends the keys that end the program, waits for it to
# go, closes the pane.
finish() {
	local name=$1 pid deadline=$((SECONDS + 10))
	shift
	pid=$(pid_of "$name" 2>/dev/null) || return 0
	send "$name" "$@" 2>/dev/null || true
	while [[ -e /proc/$pid ]]; do
		if ((SECONDS >= deadline)); then
			tm kill-session -t "$name" 2>/dev/null || true
			break
		fi
		sleep 0.02
	done
	tm kill-session -t "$name" 2>/dev/null || true
}

hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # comm has no spaces here
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {n += $2} END {print n}'; }
out_bytes() { stat -c %s "$tmp/$1.raw"; }
hz=$(getconf CLK_TCK)

# ---- build -----------------------------------------------------------------

log "building"
bin=$tmp/spinecoach bare=$tmp/bare
if [[ -n $given_bin ]]; then
	bin=$given_bin
else
	build_app "$bin"
fi
go build -o "$bare" ./scripts/bare
# Both programs run as installed copies. A binary straight from the linker
# (written through a memory map) starts measurably slower than the same
# bytes written by cp, as an install or a package writes them: 2.08x
# against 1.74x the bare program's CPU to the first frame, the same
# spinecoach in one interleaved run of 30 rounds. The bare program's 4 MB
# show no difference, spinecoach's 12 MB do.
for b in "$bin" "$bare"; do
	cp "$b" "$tmp/installed" && mv "$tmp/installed" "$tmp/$(basename "$b").copy"
done
bin=$tmp/$(basename "$bin").copy bare=$tmp/bare.copy
go build -o "$tmp/genhistory" ./scripts/genhistory
go build -o "$tmp/pairs" ./scripts/pairs
go test -c -o "$tmp/tui.test" ./tui
go test -c -o "$tmp/store.test" ./store

log "writing 10 years of history"
db=$tmp/10y.db
start=$EPOCHREALTIME
"$tmp/genhistory" -db "$db" -years 10
gen_s=$(calc "\"%.1f\", $EPOCHREALTIME - $start")
db_mb=$(calc "\"%.0f\", $(stat -c %s "$db") / 1048576")

rx=$tmp/hold90.toml
cat >"$rx" <<'TOML'
id = "bench"
name = "Bench hold"
phase = 1

[[exercise]]
id = "long-hold"
name = "Long hold"
position = "Lie on your back."
cues = ["Breathe."]
reps = 1
hold_s = 90
TOML

load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- startup ---------------------------------------------------------------

# hogs_start / hogs_stop: two busy loops, one per core, so the start-up
# rows are measured as on a busy machine.
hogs=()
hogs_start() {
	local i
	for i in 1 2; do
		(while :; do :; done) &
		hogs+=($!)
		jobs_started+=($!)
	done
}
hogs_stop() {
	local pid
	for pid in "${hogs[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	hogs=()
}


# first_frame NAME MARKER: waits for MARKER; prints "ms cpu-ms kB" of the
# program in pane NAME at its first complete frame (the CPU as the stamper
# read the frame's last bytes).
first_frame() {
	local name=$1 marker=$2 pid cpu ms kb
	pid=$(pid_of "$name")
	wait_raw "$name" "$marker"
	sleep 0.05
	read -r ms cpu < <(perl "$frames" first "$tmp/$name.t0" "$tmp/$name.raw" "$tmp/$name.stamps" "$marker")
	cpu=$(calc "\"%.2f\", $cpu - $(cat "$tmp/$name.cpu0") / 1e6")
	kb=$(hwm_kb "$pid")
	echo "$ms $cpu $kb"
}

# start_sc / start_setup / start_bare NAME: one startup; prints
# "ms cpu-ms kB [bytes-after]".
start_sc() {
	local name=$1 res after
	launch "$name" "$bin" --db "$db"
	res=$(first_frame "$name" "Press Enter to start.")
	# Nothing changes on the home screen, so nothing more may be drawn.
	after=$(out_bytes "$name")
	sleep 1
	after=$(($(out_bytes "$name") - after))
	finish "$name" q
	echo "$res $after"
}
start_setup() {
	local name=$1 res
	rm -f "$tmp/none.db"
	launch "$name" "$bin" --db "$tmp/none.db"
	res=$(first_frame "$name" "all keys")
	finish "$name" C-c
	rm -f "$tmp/none.db"
	echo "$res"
}
start_bare() {
	local name=$1 fps=${2:-0} res
	launch "$name" "$bare" -fps "$fps" 30s
	res=$(first_frame "$name" "s left")
	finish "$name" q
	echo "$res"
}

log "startup: warm-up"
start_sc warm >/dev/null
start_setup warm >/dev/null
start_bare warm >/dev/null
sc_start=() bare_start=() setup_start=() sc_cpu0=() bare_cpu0=() setup_cpu0=()
sc_home_kb=() home_redraw=() sweep_start=()
hogs_start
log "startup: two CPU hogs running (pids ${hogs[*]})"
orders=("sc setup bare" "bare sc setup" "setup bare sc")
for ((round = 1; round <= rounds; round++)); do
	log "startup: round $round of $rounds"
	for who in ${orders[round % 3]}; do
		case $who in
		sc)
			read -r ms cpu kb after <<<"$(start_sc "s$round")"
			sc_start+=("$ms") sc_cpu0+=("$cpu") sc_home_kb+=("$kb") home_redraw+=("$after")
			;;
		setup)
			read -r ms cpu kb <<<"$(start_setup "u$round")"
			setup_start+=("$ms") setup_cpu0+=("$cpu")
			;;
		bare)
			read -r ms cpu kb <<<"$(start_bare "b$round")"
			bare_start+=("$ms") bare_cpu0+=("$cpu") bare_kb=$kb
			;;
		esac
	done
	if ((sweep)); then
		for fps in 30 20 10; do
			read -r ms cpu kb <<<"$(start_bare "f$fps-$round" "$fps")"
			sweep_start+=("$fps:$ms")
		done
	fi
done
hogs_stop

# ---- due: 10 years beside 1 week --------------------------------------------

# The due rows do not start right after the hogs stop (the scheduler and
# the caches take a moment to settle: 15 pairs that did gave 0.91x-1.74x
# for the same CPU), and they are many and short: 4 pairs per round of
# the other rows, in ABBA order so that neither file always goes first,
# each pair's ratio taken. scripts/pairs runs them: wall time, and the
# child's user + system CPU from wait4, to the microsecond.
due_rounds=$((rounds * 4))
log "due: settling 5 s, then $due_rounds pairs, 10 years beside 1 week"
week_db=$tmp/1w.db
"$tmp/genhistory" -db "$week_db" -days 7
sync
sleep 5
"$tmp/pairs" -n 3 -ok 0,4,5 -- "$bin" --db "$db" due -- "$bin" --db "$week_db" due >/dev/null # warm-up
"$tmp/pairs" -n "$due_rounds" -ok 0,4,5 -- "$bin" --db "$db" due -- "$bin" --db "$week_db" due >"$tmp/due.out" ||
	fail "due failed"
due_10y=() due_1w=() due_cpu_10y=() due_cpu_1w=()
while read -r ms10 cpu10 ms1 cpu1; do
	due_10y+=("$ms10") due_1w+=("$ms1") due_cpu_10y+=("$cpu10") due_cpu_1w+=("$cpu1")
done <"$tmp/due.out"

# ---- hold accuracy, in the background --------------------------------------
# (Not with --quick, down to the end of the idle rounds.)
if ((!quick)); then

# hold_job NAME BENCH HOLD: 5 holds of the benchmark, one per go test run.
hold_job() {
	(
		cd tui
		status=0
		"$tmp/tui.test" -test.run '^$' -test.bench "^$2\$" -test.benchtime 1x -test.count 5 -hold "$3" || status=$?
		echo "exit status $status"
	) >"$tmp/$1.out" 2>&1 &
	jobs_started+=($!)
}
# hold_late NAME: "median max" ms late of the runs in its output (5
# unless one was lost: then the count follows, and the output goes to
# standard error).
hold_late() {
	local v
	mapfile -t v < <(awk '{for (i = 2; i <= NF; i++) if ($i == "ms-late-median") print $(i - 1)}' "$tmp/$1.out")
	((${#v[@]} > 0)) || {
		cat "$tmp/$1.out" >&2
		fail "$1: no hold finished"
	}
	calc "\"%.2f %.2f\", $(median "${v[@]}"), $(printf '%s\n' "${v[@]}" | sort -g | tail -1)"
	if ((${#v[@]} != 5)); then
		printf ' (%d of 5 runs)' "${#v[@]}"
		{
			echo "$1: only ${#v[@]} of 5 holds finished:"
			cat "$tmp/$1.out"
		} >&2
	fi
}
log "hold accuracy: 5 holds of 30 s on each timer, in the background"
hold_job hold30 BenchmarkHoldAccuracy 30s
hold_job tick30 BenchmarkHoldAccuracyTickTimer 30s

# ---- idle: 60 s inside a 90 s hold -----------------------------------------

# sample NAME: "cpu-ticks switches bytes time" of pane NAME's program now.
sample() {
	local pid
	pid=$(pid_of "$1")
	echo "$(cpu_ticks "$pid") $(switches "$pid") $(out_bytes "$1") $EPOCHREALTIME"
}
# key_ms NAME KEY MARKER: ms from sending KEY to MARKER arriving after it.
key_ms() {
	local off t arrived
	off=$(out_bytes "$1")
	t=$EPOCHREALTIME
	send "$1" "$2"
	local deadline=$((SECONDS + 5))
	until arrived=$(perl "$frames" at "$tmp/$1.raw" "$tmp/$1.stamps" "$off" "$3" 2>/dev/null); do
		((SECONDS < deadline)) || fail "$1: \"$3\" did not follow the key"
		sleep 0.01
	done
	calc "\"%.1f\", ($arrived - $t) * 1000"
}

sc_cpu=() bare_cpu=() sc_wake=() bare_wake=() sc_bps=() bare_bps=() sc_fps=() bare_fps=()
sc_hold_kb=() key_sc=() key_cat=() sweep_cpu=() sweep_wake=()
window=60
for round in 1 2 3; do
	log "idle: round $round of 3 (about 75 s)"
	cp "$db" "$tmp/hold.db"
	launch i-sc "$bin" --db "$tmp/hold.db" --routine-file "$rx" --speed 1 start
	wait_for i-sc "Check-in"
	send i-sc 0 Enter
	wait_for i-sc "do any of these apply"
	send i-sc n
	wait_for i-sc "I'm in position"
	send i-sc Enter
	wait_for i-sc "HOLD"
	launch i-bare "$bare" 90s
	launch i-cat cat
	names=(i-sc i-bare)
	if ((sweep)); then
		for fps in 30 20 10; do
			launch "i-f$fps" "$bare" -fps "$fps" 90s
			names+=("i-f$fps")
		done
	fi
	sleep 2
	declare -A before=()
	for n in "${names[@]}"; do before[$n]=$(sample "$n"); done
	sleep "$window"
	for n in "${names[@]}"; do
		read -r c0 w0 b0 t0 <<<"${before[$n]}"
		read -r c1 w1 b1 t1 <<<"$(sample "$n")"
		secs=$(calc "\"%.3f\", $t1 - $t0")
		cpu=$(calc "\"%.3f\", ($c1 - $c0) / $hz / $secs * 100")
		wake=$(calc "\"%.1f\", ($w1 - $w0) / $secs")
		bps=$(calc "\"%.1f\", ($b1 - $b0) / $secs")
		fr=$(calc "\"%.2f\", $(perl "$frames" count "$tmp/$n.stamps" "$t0" "$t1") / $secs")
		case $n in
		i-sc) sc_cpu+=("$cpu") sc_wake+=("$wake") sc_bps+=("$bps") sc_fps+=("$fr") sc_hold_kb+=("$(hwm_kb "$(pid_of i-sc)")") ;;
		i-bare) bare_cpu+=("$cpu") bare_wake+=("$wake") bare_bps+=("$bps") bare_fps+=("$fr") ;;
		*) sweep_cpu+=("${n#i-f}:$cpu") sweep_wake+=("${n#i-f}:$wake") ;;
		esac
	done
	for _ in 1 2 3; do
		ms=$(key_ms i-sc Space PAUSED)
		key_sc+=("$ms")
		send i-sc Space # resume
		ms=$(key_ms i-cat x x)
		key_cat+=("$ms")
		sleep 0.3
	done
	finish i-sc C-c
	for n in "${names[@]:1}" i-cat; do finish "$n" C-c; done
done

log "hold accuracy: waiting for the background holds"
wait "${jobs_started[@]}" || true # a hold over the bar fails its benchmark; the figure says so
jobs_started=()
res=$(hold_late hold30)
read -r hold_med hold_max hold_note <<<"$res"
res=$(hold_late tick30)
read -r tick_med tick_max tick_note <<<"$res"

fi # not quick

# ---- writes and drawing ----------------------------------------------------

log "writes: 1000 synced sets beside 1000 bare bbolt transactions"
(cd store && "$tmp/store.test" -test.run '^$' -test.bench '^BenchmarkRecordSetLatency$' -test.benchtime 1x \
	-latency-dir "$writes_dir") >"$tmp/writes.out" 2>&1 || {
	cat "$tmp/writes.out" >&2
	fail "the write benchmark failed"
}
metric() { awk -v m="$2" '{for (i = 2; i <= NF; i++) if ($i == m) printf "%.2f\n", $(i - 1)}' "$1" | tail -1; }
w_p50=$(metric "$tmp/writes.out" p50-ms) w_p99=$(metric "$tmp/writes.out" p99-ms)
f_p50=$(metric "$tmp/writes.out" floor-p50-ms) f_p99=$(metric "$tmp/writes.out" floor-p99-ms)

# ---- home and trends: 10 years beside 1 week (Go benchmark) ---------------

log "home+trends: $rounds rounds of open, home and trends, 10 years beside 1 week"
(cd store && "$tmp/store.test" -test.run '^$' -test.bench '^BenchmarkHomeAndTrendsRounds$' -test.benchtime 1x \
	-rounds "$rounds") >"$tmp/home.out" 2>&1 || {
	cat "$tmp/home.out" >&2
	fail "the home and trends benchmark failed"
}
ht_p50=$(metric "$tmp/home.out" x10years-p50) ht_p25=$(metric "$tmp/home.out" x10years-p25) ht_p75=$(metric "$tmp/home.out" x10years-p75)
ht_week=$(metric "$tmp/home.out" 1week-ms) ht_years=$(metric "$tmp/home.out" 10years-ms)
ht_months=$(metric "$tmp/home.out" 3months-ms)
htm_p50=$(metric "$tmp/home.out" x3months-p50) htm_p25=$(metric "$tmp/home.out" x3months-p25) htm_p75=$(metric "$tmp/home.out" x3months-p75)

# ---- import beside export ----------------------------------------------------

# timed OUT CMD...: runs CMD under GNU time; OUT gets "seconds kilobytes"
# (seconds from $EPOCHREALTIME, GNU time's own being in hundredths).
timed() {
	local out=$1 t0
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%M" -o "$out.kb" "$@" >/dev/null
	echo "$(calc "\"%.3f\", $EPOCHREALTIME - $t0") $(tail -1 "$out.kb")" >"$out"
}
log "import: $import_rounds rounds of the 10-year export beside its import into a new file"
json=$tmp/10y.json
exp_s=() imp_s=() imp_kb=()
for ((round = 1; round <= import_rounds; round++)); do
	rm -f "$tmp/imported.db"
	if ((round % 2)); then
		rm -f "$json" # export never overwrites
		timed "$tmp/exp" "$bin" --db "$db" export --format json --out "$json"
		timed "$tmp/imp" "$bin" --db "$tmp/imported.db" import "$json"
	else
		[[ -s $json ]] || fail "no export to import"
		timed "$tmp/imp" "$bin" --db "$tmp/imported.db" import "$json"
		rm -f "$json"
		timed "$tmp/exp" "$bin" --db "$db" export --format json --out "$json"
	fi
	read -r t _ <"$tmp/exp"
	exp_s+=("$t")
	read -r t kb <"$tmp/imp"
	imp_s+=("$t") imp_kb+=("$kb")
done
"$bin" --db "$tmp/imported.db" check >/dev/null || fail "the imported file does not check"
json_mb=$(calc "\"%.1f\", $(stat -c %s "$json") / 1048576")
rm -f "$tmp/imported.db" "$json"

if ((!quick)); then
log "drawing: View() of every screen at 200x60"
(cd tui && "$tmp/tui.test" -test.run '^$' -test.bench '^BenchmarkView$' -test.benchtime 2000x) >"$tmp/view.out" 2>&1 || true
# Every screen's time: from its result line, or from the error of one over
# the bar (a failed sub-benchmark prints no result line).
views=$(awk '
	/^BenchmarkView\/[a-z-]+-[0-9]+ / {n = $1; sub(/^BenchmarkView\//, "", n); sub(/-[0-9]+$/, "", n); printf "%s %.0f µs; ", n, $3 / 1000}
	/ takes .* to draw, over 1 ms/ {
		for (i = 1; i <= NF; i++) if ($i == "takes") { n = $(i - 1); d = $(i + 1) }
		us = d + 0; if (d ~ /ms$/) us *= 1000; else if (d ~ /[^µ]s$/ && d !~ /ns$/) us *= 1e6
		printf "%s %.0f µs (OVER); ", n, us
	}' "$tmp/view.out")
# A benchmark that could not reach its screens says so in the row.
[[ -n $views ]] || views="FAILED: $(grep -m1 -E '_test.go:[0-9]+:' "$tmp/view.out" | sed 's/^ *//')"

fi # not quick

if ((long)); then
	log "hold accuracy: 5 holds of 5 minutes on each timer (about 26 minutes)"
	hold_job hold5m BenchmarkHoldAccuracy 5m
	hold_job tick5m BenchmarkHoldAccuracyTickTimer 5m
	wait "${jobs_started[@]}" || true
	jobs_started=()
	res=$(hold_late hold5m)
	read -r hold5_med hold5_max hold5_note <<<"$res"
	res=$(hold_late tick5m)
	read -r tick5_med tick5_max tick5_note <<<"$res"
fi

# ---- the table -------------------------------------------------------------

m() { median "$@"; }
mb() { calc "\"%.1f\", $1 / 1024"; }
s_start=$(m "${sc_start[@]}") b_start=$(m "${bare_start[@]}") u_start=$(m "${setup_start[@]}")
s_cpu0=$(m "${sc_cpu0[@]}") b_cpu0=$(m "${bare_cpu0[@]}") u_cpu0=$(m "${setup_cpu0[@]}")
d_10y=$(m "${due_10y[@]}") d_1w=$(m "${due_1w[@]}")
dc_10y=$(m "${due_cpu_10y[@]}") dc_1w=$(m "${due_cpu_1w[@]}")
e_s=$(m "${exp_s[@]}") i_s=$(m "${imp_s[@]}")
i_kb=$(printf '%s\n' "${imp_kb[@]}" | sort -n | tail -1)
home_kb=$(printf '%s\n' "${sc_home_kb[@]}" | sort -n | tail -1)

echo
echo "spinecoach bench, $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(go version | cut -d' ' -f3), $(tmux -V)"
echo "data: 10 years, 6 sessions a day, 10 sets each ($((3650 * 60)) sets, $db_mb MiB, written in $gen_s s by scripts/genhistory)"
echo "ratios: the median of each round's own ratio (its two figures measured back to back), with the 25th-75th percentiles of those ratios"
echo
printf '| %s | %s | %s | %s | %s |\n' "figure" "spinecoach" "reference, same run" "ratio (p25-p75)" "goal"
printf '|%s|%s|%s|%s|%s|\n' "---" "---" "---" "---" "---"
printf '| %s | %s | %s | %s | %s |\n' \
	"first complete home frame, 10-year file, both cores busy ($rounds rounds)" "$s_start ms" "$b_start ms (bare)" "$(paired "${sc_start[*]}" "${bare_start[*]}")" "<= 1.2x" \
	"CPU to the first frame, all threads (same rounds)" "$s_cpu0 ms" "$b_cpu0 ms (bare)" "$(paired "${sc_cpu0[*]}" "${bare_cpu0[*]}")" "<= 1.3x" \
	"first frame with no data file: the setup screen (same rounds)" "$u_start ms, $u_cpu0 ms CPU" "$b_start ms (bare)" "$(paired "${setup_start[*]}" "${bare_start[*]}")" "<= 1.3x" \
	"\`due\`, 10-year file ($due_rounds pairs, ABBA, 5 s after the hogs)" "$d_10y ms" "$d_1w ms (1-week file)" "$(paired "${due_10y[*]}" "${due_1w[*]}")" "<= 1.1x" \
	"\`due\`: its CPU, user + system (same pairs)" "$dc_10y ms" "$dc_1w ms (1-week file)" "$(paired "${due_cpu_10y[*]}" "${due_cpu_1w[*]}")" "<= 1.1x" \
	"open + home + 90-day trends, 10 years (Go benchmark, $rounds rounds of 15)" "$ht_years ms" "$ht_week ms (1 week)" "$(calc "\"%.2fx (%.2f-%.2f)\", $ht_p50, $ht_p25, $ht_p75")" "<= 1.5x" \
	"the same rounds against 3 months, the shortest history that fills every window" "$ht_years ms" "$ht_months ms (3 months)" "$(calc "\"%.2fx (%.2f-%.2f)\", $htm_p50, $htm_p25, $htm_p75")" "" \
	"import of the 10-year JSON export ($json_mb MiB; $import_rounds rounds)" "$i_s s, peak RSS $(mb "$i_kb") MiB" "$e_s s (the export)" "$(paired "${imp_s[*]}" "${exp_s[*]}")" "<= 1.5x, < 64 MiB" \
	"record a set, synced, 1000 sets: p50; p99" "$w_p50 ms; $w_p99 ms" "$f_p50 ms; $f_p99 ms (bare bbolt write, fdatasync)" "$(ratio "$w_p50" "$f_p50")" "<= 1.3x" \
	"redrawn on the home screen in 1 s after its first frame" "$(m "${home_redraw[@]}") B" "" "" "0" \
	"peak RSS (VmHWM) on the home screen, 10-year file" "$(mb "$home_kb") MiB" "$(mb "$bare_kb") MiB (bare)" "" "< 20 MB"
if ((!quick)); then
	s_cpu=$(m "${sc_cpu[@]}") b_cpu=$(m "${bare_cpu[@]}")
	s_wake=$(m "${sc_wake[@]}") b_wake=$(m "${bare_wake[@]}")
	s_bps=$(m "${sc_bps[@]}") b_bps=$(m "${bare_bps[@]}")
	s_fps=$(m "${sc_fps[@]}") b_fps=$(m "${bare_fps[@]}")
	k_sc=$(m "${key_sc[@]}") k_cat=$(m "${key_cat[@]}")
	hold_kb=$(printf '%s\n' "${sc_hold_kb[@]}" | sort -n | tail -1)
	printf '| %s | %s | %s | %s | %s |\n' \
		"30 s hold ends late (median of 5; max)" "$hold_med ms; $hold_max ms${hold_note:+ $hold_note}" "$tick_med ms; $tick_max ms (bubbles timer)${tick_note:+ $tick_note}" "$(ratio "$hold_med" "$tick_med")" "<= 15 ms"
	if ((long)); then
		printf '| %s | %s | %s | %s | %s |\n' \
			"5 min hold ends late (median of 5; max)" "$hold5_med ms; $hold5_max ms${hold5_note:+ $hold5_note}" "$tick5_med ms; $tick5_max ms (bubbles timer)${tick5_note:+ $tick5_note}" "$(ratio "$hold5_med" "$tick5_med")" "<= 15 ms"
	fi
	printf '| %s | %s | %s | %s | %s |\n' \
		"CPU during a hold, 60 s (median of 3)" "$s_cpu % of a core" "$b_cpu % (bare)" "$(ratio "$s_cpu" "$b_cpu")" "<= 0.5 %" \
		"wake-ups: context switches, all threads" "$s_wake /s" "$b_wake /s (bare)" "$(ratio "$s_wake" "$b_wake")" "" \
		"written to the terminal" "$s_bps B/s, $s_fps writes/s" "$b_bps B/s, $b_fps writes/s (bare)" "$(ratio "$s_bps" "$b_bps")" "" \
		"key to frame: space to PAUSED (median of 9)" "$k_sc ms" "$k_cat ms (cat echo)" "$(ratio "$k_sc" "$k_cat")" "" \
		"peak RSS (VmHWM) in a hold, 10-year file" "$(mb "$hold_kb") MiB" "$(mb "$bare_kb") MiB (bare)" "$(ratio "$hold_kb" "$bare_kb")" "< 20 MB" \
		"View() at 200x60" "${views%; }" "" "" "< 1 ms each"
fi
if ((sweep)); then
	echo
	echo "bare program by frame rate (tea.WithFPS), medians:"
	printf '| %s | %s | %s | %s |\n' "fps" "startup ms" "CPU % in countdown" "wake-ups /s"
	printf '|%s|%s|%s|%s|\n' "---" "---" "---" "---"
	printf '| %s | %s | %s | %s |\n' 60 "$b_start" "$b_cpu" "$b_wake"
	for fps in 30 20 10; do
		pick() { local p; for p; do [[ $p == "$fps:"* ]] && echo "${p#*:}"; done; }
		# shellcheck disable=SC2046
		printf '| %s | %s | %s | %s |\n' "$fps" "$(m $(pick "${sweep_start[@]}"))" "$(m $(pick "${sweep_cpu[@]}"))" "$(m $(pick "${sweep_wake[@]}"))"
	done
fi
echo
echo "raw: startup ms sc ${sc_start[*]} | setup ${setup_start[*]} | bare ${bare_start[*]}"
echo "raw: startup CPU ms sc ${sc_cpu0[*]} | setup ${setup_cpu0[*]} | bare ${bare_cpu0[*]}"
echo "raw: due ms 10y ${due_10y[*]} | 1w ${due_1w[*]}"
echo "raw: due CPU ms 10y ${due_cpu_10y[*]} | 1w ${due_cpu_1w[*]}"
echo "raw: import s ${imp_s[*]} | export s ${exp_s[*]}"
