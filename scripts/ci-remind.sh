#!/usr/bin/env bash
# ci-remind.sh: checks what `spinecoach remind` writes with independent
# tools, on the built binary, in a temporary XDG_CONFIG_HOME:
#   1. remind on --via systemd --no-enable in phase 1 writes a timer and a
#      service that `systemd-analyze verify` accepts, whose OnCalendar
#      values `systemd-analyze calendar` reads as every 2 hours from 09:00;
#      nothing is enabled (no systemd user manager is needed or touched);
#   2. the script the timer runs, with stand-ins for notify-send and
#      systemctl on PATH: due now gives one notification with due's line;
#      not due gives none; after the phase changes, `remind sync` rewrites
#      the timer to once a day (verified again) and the script reloads it;
#   3. remind ics: Debian's python3-icalendar parses it; every event has a
#      daily RRULE, a VALARM and a floating DTSTART; every line ends CRLF
#      and is at most 75 octets;
#   4. remind on --via cron prints a crontab line; remind off removes every
#      file remind on wrote.
# Usage: scripts/ci-remind.sh   (installs systemd and python3-icalendar
# with apt-get when they are missing)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The system python: python3-icalendar is installed for it, not for a
# python an environment manager may put first on PATH.
py=/usr/bin/python3
if ! command -v systemd-analyze >/dev/null || ! "$py" -c 'import icalendar' 2>/dev/null; then
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends systemd python3 python3-icalendar
fi

unset SPINECOACH_DB SPINECOACH_NOW
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ci-remind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
bin="$tmp/bin/spinecoach"
db="$tmp/data/spinecoach.db"
mkdir -p "$tmp/bin" "$tmp/data" "$tmp/stubs"
go build -o "$bin" .
units="$XDG_CONFIG_HOME/systemd/user"
timer="$units/spinecoach-remind.timer"
service="$units/spinecoach-remind.service"
script="$XDG_CONFIG_HOME/spinecoach/remind.sh"
state="$XDG_CONFIG_HOME/spinecoach/remind.json"

sc() { "$bin" --db "$db" "$@"; }
# at NOW CMD...: runs spinecoach with its clock at NOW.
at() {
	local now=$1
	shift
	SPINECOACH_NOW=$now "$bin" --db "$db" "$@"
}

phase1=2026-11-22T07:00:00+01:00 # surgery on the 20th: day 2, phase 1
at "$phase1" setup --surgery-date 2026-11-20 >/dev/null

echo "== remind on (systemd, not enabled), phase 1"
out=$(at "$phase1" remind on --via systemd --no-enable --at 09:00)
echo "$out"
[[ "$out" == *"not enabled"* ]] || fail "remind on --no-enable does not say it enabled nothing"
for f in "$timer" "$service" "$script" "$state"; do
	[[ -f "$f" ]] || fail "remind on did not write $f"
done
[[ ! -e "$units/timers.target.wants" ]] || fail "remind on --no-enable enabled the timer"

# verify_units: systemd-analyze verify on both units; any message fails.
verify_units() {
	local msgs
	# --man=no: the units name no man pages to look up.
	msgs=$(systemd-analyze verify --man=no "$timer" "$service" 2>&1) || fail "systemd-analyze verify failed: $msgs"
	[[ -z "$msgs" ]] || fail "systemd-analyze verify complained: $msgs"
	echo "systemd-analyze verify: both units accepted"
}

# calendar_of: every OnCalendar value of the timer, checked with
# systemd-analyze calendar; prints the normalized forms.
calendar_of() {
	local value out n=0
	while IFS= read -r value; do
		out=$(systemd-analyze calendar --iterations=1 "$value" 2>&1) || fail "systemd-analyze calendar rejects $value: $out"
		grep -q "Next elapse:" <<<"$out" || fail "systemd-analyze calendar gives no next elapse for $value: $out"
		sed -n 's/^ *Normalized form: //p' <<<"$out"
		n=$((n + 1))
	done < <(sed -n 's/^OnCalendar=//p' "$timer")
	((n > 0)) || fail "the timer has no OnCalendar"
}

# Control: the same checks refuse a broken pair of units.
mkdir -p "$tmp/bad"
printf '[Service]\nType=oneshot\nExecStart=sh x\nBogus=1\n' >"$tmp/bad/spinecoach-remind.service"
printf '[Timer]\nOnCalendar=*-*-* 25:00:00\n' >"$tmp/bad/spinecoach-remind.timer"
! systemd-analyze verify --man=no "$tmp/bad/spinecoach-remind.timer" "$tmp/bad/spinecoach-remind.service" >/dev/null 2>&1 ||
	fail "control: systemd-analyze verify accepts broken units"
! systemd-analyze calendar '*-*-* 25:00:00' >/dev/null 2>&1 || fail "control: systemd-analyze calendar accepts hour 25"

verify_units
norm=$(calendar_of)
echo "OnCalendar, normalized: $norm"
[[ "$norm" == "*-*-* 09,11,13,15,17,19,21:00:00" ]] || fail "phase 1 should be reminded every 2 hours from 09:00 to 21:00, got $norm"

echo "== the script the timer runs, with stand-ins for notify-send and systemctl"
cat >"$tmp/stubs/notify-send" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$tmp/notified"
EOF
cat >"$tmp/stubs/systemctl" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$tmp/systemctl"
EOF
chmod +x "$tmp/stubs/notify-send" "$tmp/stubs/systemctl"
run_script() { SPINECOACH_NOW=$1 PATH="$tmp/stubs:$PATH" /bin/sh "$script"; }

run_script 2026-11-22T08:00:00+01:00
[[ ! -e "$tmp/notified" ]] || fail "notified before 09:00: $(cat "$tmp/notified")"
run_script 2026-11-22T09:00:00+01:00
[[ "$(cat "$tmp/notified")" == "--app-name=spinecoach Time for your exercises Due now: no session done yet today. (Day 2 after surgery · Nerve glides and pulls)" ]] ||
	fail "the notification at 09:00 was: $(cat "$tmp/notified")"
[[ ! -e "$tmp/systemctl" ]] || fail "the script ran systemctl with the phase unchanged: $(cat "$tmp/systemctl")"

phase2=2026-11-28T09:00:00+01:00 # week 1: phase 2, the routine and stretch breaks
out=$(at "$phase2" remind status)
[[ "$out" == *"Your phase is now 2: the schedule becomes the routine at 09:00, stretch breaks every 2 hours to 19:00"* ]] || fail "remind status does not see the new phase: $out"
rm -f "$tmp/notified"
run_script "$phase2"
[[ "$(cat "$tmp/systemctl")" == "--user daemon-reload" ]] || fail "after the phase changed the script ran: $(cat "$tmp/systemctl" 2>/dev/null)"
[[ "$(cat "$tmp/notified")" == *"Due now: today's routine is not done yet. (Week 1 after surgery · Static stabilization)" ]] ||
	fail "the notification in phase 2 was: $(cat "$tmp/notified")"
verify_units
norm=$(calendar_of)
echo "OnCalendar after the phase changed, normalized: $norm"
[[ "$norm" == "*-*-* 09,11,13,15,17,19:00:00" ]] || fail "phase 2 should be reminded at 09:00 for the routine and every 2 hours after for 5 stretch breaks, got $norm"
[[ -z "$(at "$phase2" remind sync)" ]] || fail "a second sync rewrote the timer again"

echo "== remind ics, parsed by python3-icalendar"
ics="$tmp/routine.ics"
at "$phase1" remind ics --at 08:00 --out "$ics"
"$py" - "$ics" <<'EOF'
import sys, datetime
import icalendar

raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"END:VCALENDAR\r\n"), "does not end with END:VCALENDAR CRLF"
for i, line in enumerate(raw.split(b"\r\n")[:-1]):
    assert b"\n" not in line and b"\r" not in line, f"line {i + 1} is not ended by CRLF"
    assert len(line) <= 75, f"line {i + 1} is {len(line)} octets"
cal = icalendar.Calendar.from_ical(raw)
events = cal.walk("VEVENT")
assert len(events) == 7, f"{len(events)} events, want 7 (every 2 hours from 08:00 to 20:00)"
starts = []
for ev in events:
    start = ev.decoded("DTSTART")
    assert isinstance(start, datetime.datetime) and start.tzinfo is None, f"DTSTART {start!r} is not floating local time"
    starts.append(start.strftime("%H:%M"))
    rule = ev["RRULE"]
    assert rule["FREQ"] == ["DAILY"], rule
    until = rule["UNTIL"][0]
    assert until.tzinfo is None and until.date() == datetime.date(2026, 11, 26), f"UNTIL {until!r}: phase 1 ends the day before phase 2 opens"
    alarms = ev.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY", "no display alarm"
    assert ev.decoded("DURATION") >= datetime.timedelta(minutes=10)
    assert "Nerve glides and pulls" in str(ev["SUMMARY"])
assert starts == ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00"], starts
print(f"python3-icalendar {icalendar.__version__}: {len(events)} daily events with alarms, floating times {', '.join(starts)}; CRLF lines of at most 75 octets")
EOF

echo "== remind ics in phase 2: the morning routine and 5 stretch breaks"
ics2="$tmp/phase2.ics"
at "$phase2" remind ics --at 08:00 --out "$ics2"
"$py" - "$ics2" <<'EOF'
import sys, datetime
import icalendar

raw = open(sys.argv[1], "rb").read()
for i, line in enumerate(raw.split(b"\r\n")[:-1]):
    assert b"\n" not in line and b"\r" not in line, f"line {i + 1} is not ended by CRLF"
    assert len(line) <= 75, f"line {i + 1} is {len(line)} octets"
cal = icalendar.Calendar.from_ical(raw)
events = cal.walk("VEVENT")
got = [(ev.decoded("DTSTART").strftime("%H:%M"), str(ev["SUMMARY"])) for ev in events]
want = [("08:00", "Exercises: Static stabilization")] + [(f"{h:02d}:00", "Stretch break: Static stabilization") for h in (10, 12, 14, 16, 18)]
assert got == want, got
for ev in events:
    assert ev["RRULE"]["FREQ"] == ["DAILY"], ev["RRULE"]
    assert ev.decoded("DTSTART").tzinfo is None, "DTSTART is not floating local time"
    assert len(ev.walk("VALARM")) == 1, "no alarm"
    assert ev.decoded("DURATION") >= datetime.timedelta(minutes=10)
breaks = [ev for ev in events if str(ev["SUMMARY"]).startswith("Stretch break")]
assert all("Hamstring stretch on your back, Wall calf stretch" in str(ev["DESCRIPTION"]) for ev in breaks), "a stretch break does not name its stretches"
print(f"python3-icalendar {icalendar.__version__}: phase 2 holds the routine at 08:00 and stretch breaks at {', '.join(s for s, _ in got[1:])}")
EOF

echo "== remind off removes every file"
out=$(sc remind off)
echo "$out"
for f in "$timer" "$service" "$script" "$state"; do
	[[ ! -e "$f" ]] || fail "remind off left $f"
done

echo "== cron, where systemd is absent"
out=$(at "$phase2" remind on --via cron --at 18:30) # phase 2: the routine at 18:30, a stretch break at 20:30
line=$(grep -E '^30 18,20 \* \* \* /bin/sh ' <<<"$out") || fail "remind on --via cron printed no crontab line: $out"
echo "crontab line: $line"
[[ -f "$script" && ! -e "$timer" ]] || fail "remind on --via cron should write the script and no units"
out=$(sc remind off)
[[ "$out" == *"crontab"* && ! -e "$script" && ! -e "$state" ]] || fail "remind off after cron: $out"

echo "PASS: ci-remind"
