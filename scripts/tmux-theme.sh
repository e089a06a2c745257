#!/usr/bin/env bash
# tmux-theme.sh: the palette chosen inside tmux, where termenv asks the
# terminal nothing, through the real binary in an 80x24 pane:
#   1. The outer terminal is light (tmux answers the colour query with a
#      white background): the light palette.
#   2. COLORFGBG=0;15 on a dark pane: the light palette (the variable wins).
#   3. A dark pane, nothing said: the dark palette.
#   4. --theme dark on the light pane: dark, and remembered: the next run
#      without the flag is dark too.
# The palette is read from the title's colour in capture-pane -e: the
# light Accent is 256-colour 25 (true colour 9;105;218), the dark one 117
# (121;192;255). tui/contrast_test.go checks both palettes' contrast on
# the backgrounds decided here.
# The app runs without CI in its environment, as a patient's would: with
# CI set, termenv takes the terminal for a pipe and draws no colour.
# Usage: scripts/tmux-theme.sh   (from any directory; needs go, installs tmux)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
begin_test tmux-theme

bin="$tmp/spinecoach"
build_app "$bin"
keep_server
db="$tmp/a.db"
SPINECOACH_NOW=2026-11-22T08:00:00+01:00 "$bin" --db "$db" setup --surgery-date 2026-11-01 >/dev/null

# palette NAME WHAT [ENV...] [-- FLAGS...]: runs the home screen in a new
# pane with ENV, waits for it, and sets PALETTE to light or dark from the
# title's colour; the app is then quit.
palette() {
	local name=$1 what=$2 envs=() flags=() title
	shift 2
	while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
	(($#)) && shift && flags=("$@")
	rm -f "$tmp/exit.$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"$(printf '%q ' env -u CI SPINECOACH_NOW=2026-11-22T08:00:00+01:00 "${envs[@]}" "$bin" --db "$db" --no-bell "${flags[@]}"); echo \$? >$(printf '%q' "$tmp/exit.$name")"
	wait_for "$name" "Press Enter to start."
	title=$(tm capture-pane -e -p -t "$name" | head -1)
	case $title in
	*"38;5;25m"* | *"38;2;9;105;218m"*) PALETTE=light ;;
	*"38;5;117m"* | *"38;2;121;192;255m"*) PALETTE=dark ;;
	*) fail "$what: the title's colour is neither palette's accent: $(cat -v <<<"$title")" ;;
	esac
	send "$name" q
	expect_exit "$name" 0
}

tm set -g window-style bg=#ffffff
palette light "outer terminal light"
[[ $PALETTE == light ]] || fail "inside tmux on a light terminal the app chose the $PALETTE palette"
echo "PASS outer terminal light (tmux relays its white): light palette"

tm set -g window-style bg=#000000
palette fgbg "COLORFGBG=0;15" COLORFGBG='0;15'
[[ $PALETTE == light ]] || fail "COLORFGBG=0;15 inside tmux: the $PALETTE palette"
echo "PASS COLORFGBG=0;15 inside tmux: light palette"

palette dark "outer terminal dark"
[[ $PALETTE == dark ]] || fail "inside tmux on a dark terminal the app chose the $PALETTE palette"
echo "PASS outer terminal dark: dark palette"

tm set -g window-style bg=#ffffff
palette flag "--theme dark" -- --theme dark
[[ $PALETTE == dark ]] || fail "--theme dark on a light terminal: the $PALETTE palette"
palette kept "--theme dark remembered"
[[ $PALETTE == dark ]] || fail "--theme dark was not remembered: the next run chose the $PALETTE palette"
echo "PASS --theme dark beats a light terminal, and is remembered for the next run"
