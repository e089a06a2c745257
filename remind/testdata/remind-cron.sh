#!/bin/sh
# Written by `spinecoach remind on`; `spinecoach remind off` removes it.
# It asks spinecoach whether an exercise session is due and, when it is,
# shows a desktop notification with notify-send. spinecoach itself never
# talks to the desktop: this script does.
bin='/home/pat/bin/spinecoach'
db='/home/pat/.local/share/spinecoach/spinecoach.db'
# After a change of phase, sync says how to replace the crontab line.
"$bin" --db "$db" remind sync
# cron starts jobs without the desktop session's bus address.
: "${DBUS_SESSION_BUS_ADDRESS:=unix:path=/run/user/$(id -u)/bus}"
export DBUS_SESSION_BUS_ADDRESS
# due exits 0 only when a session is due now (see spinecoach --help).
msg=$("$bin" --db "$db" due) || exit 0
if command -v notify-send >/dev/null 2>&1 && notify-send --app-name=spinecoach 'Time for your exercises' "$msg"; then
	exit 0
fi
printf '%s\n' "$msg"
