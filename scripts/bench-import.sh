#!/usr/bin/env bash
# bench-import.sh: what an import costs, beside an export of the same
# history, for 1, 3 and 10 years made up by scripts/genhistory (six
# sessions a day, ten sets each: 219,000 sets in ten years).
#
# For each history: the JSON export of it (its time and peak RSS: the
# reference), the import of that export into a new data file, and the same
# import again into the file that now holds it all (every record already
# there: nothing written, everything compared). Peak RSS is GNU time's %M
# (the process's high-water resident size, the memory map of the data
# file included). The bar: the ten-year import under 64 MiB.
#
# Usage: scripts/bench-import.sh [YEARS...]   (default: 1 3 10; needs go and GNU time)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

[[ -x /usr/bin/time ]] || { echo "bench-import: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 1; }
years=("$@")
((${#years[@]})) || years=(1 3 10)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin="$tmp/spinecoach"
go build -o "$bin" .
go build -o "$tmp/genhistory" ./scripts/genhistory

# measure OUT CMD...: runs CMD under GNU time; OUT gets "seconds kilobytes".
measure() {
	local out=$1
	shift
	/usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null
	tail -1 "$out" >"$out.last" && mv "$out.last" "$out"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

fail=0
printf '| history | export JSON | export: time, peak RSS | import into a new file: time, peak RSS | import again (all known): time, peak RSS |\n'
printf '|---|---|---|---|---|\n'
for y in "${years[@]}"; do
	db="$tmp/$y.db" json="$tmp/$y.json" fresh="$tmp/$y-fresh.db"
	"$tmp/genhistory" -db "$db" -years "$y" -end 2026-11-20
	measure "$tmp/export" "$bin" --db "$db" export --format json --out "$json"
	measure "$tmp/import" "$bin" --db "$fresh" import "$json"
	measure "$tmp/again" "$bin" --db "$fresh" import "$json"
	"$bin" --db "$fresh" check >/dev/null || { echo "bench-import: the imported $y-year file does not check" >&2; fail=1; }
	read -r et ek <"$tmp/export"
	read -r it ik <"$tmp/import"
	read -r at ak <"$tmp/again"
	size=$(stat -c %s "$json")
	sets=$((y * 365 * 60))
	printf '| %d year%s (%d sets) | %s MiB | %s s, %s MiB | %s s, %s MiB | %s s, %s MiB |\n' \
		"$y" "$([[ $y == 1 ]] || echo s)" "$sets" "$(mib $((size / 1024)))" \
		"$et" "$(mib "$ek")" "$it" "$(mib "$ik")" "$at" "$(mib "$ak")"
	if ((y == 10 && (ik > 65536 || ak > 65536))); then
		echo "bench-import: the ten-year import peaked over 64 MiB" >&2
		fail=1
	fi
	rm -f "$db" "$json" "$fresh"
done
exit $fail
