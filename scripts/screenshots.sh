#!/usr/bin/env bash
# Takes the README's screenshots from the real app in a real X window under
# Xvfb, driving it with xdotool as a person would with mouse and keyboard.
#   scripts/screenshots.sh [OUTDIR]     (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
mkdir -p "$out"
scripts/install-deps.sh --screenshots

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/starcoach" ./cmd/starcoach

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

STARCOACH_DATA_DIR="$work/data" "$work/starcoach" >"$work/app.log" 2>&1 &
win=""
for _ in $(seq 100); do
	win=$(xdotool search --name '^StarCoach$' 2>/dev/null | head -1) && [ -n "$win" ] && break
	sleep 0.1
done
[ -n "$win" ] || { echo "screenshots: the app window did not appear" >&2; cat "$work/app.log" >&2; exit 1; }
sleep 1

shot() { sleep 0.7; import -window "$win" "$out/$1.png"; echo "wrote $out/$1.png"; }
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; }

shot question-list
click 150 21                        # the search box
xdotool type --delay 30 "unpopular"
click 150 150                       # the first match
shot study-steps
click 666 200                       # the Action step in the strip
click 430 146                       # the level picker...
click 420 258                       # ...Senior SDE
shot study-action-senior
click 660 264                       # the Quiz section
click 500 345                       # the first option of the first question
shot study-quiz

# History (issue 6): a second app on a data directory seeded, before it
# starts, with a few weeks of practice at four questions of the bank.
go build -o "$work/seed" ./scripts/seed
"$work/seed" -data-dir "$work/history-data" -n 60
xdotool windowunmap "$win"
shots_history() { # theme suffix
	FYNE_THEME=$1 STARCOACH_DATA_DIR="$work/history-data" "$work/starcoach" >>"$work/app-history.log" 2>&1 &
	local pid=$! hwin=""
	for _ in $(seq 100); do
		hwin=$(xdotool search --name '^StarCoach$' 2>/dev/null | grep -vx "$win" | head -1) && [ -n "$hwin" ] && break
		sleep 0.1
	done
	[ -n "$hwin" ] || { echo "screenshots: the History app window did not appear" >&2; cat "$work/app-history.log" >&2; exit 1; }
	sleep 1
	local w=$win; win=$hwin
	click 90 678                        # History
	sleep 1
	shot "history$2"
	if [ -z "$2" ]; then
		click 560 339                   # the fourth attempt: its Action was redone
		sleep 1
		shot attempt-detail
		click 718 26                    # Progress chart
		sleep 1
		xdotool mousemove --window "$win" 673 323   # hover the newest point of the Action chart
		shot chart
	fi
	win=$w
	kill "$pid"; wait "$pid" 2>/dev/null || true
}
shots_history dark ""
shots_history light "-light"
[ -s "$work/app-history.log" ] && { echo "screenshots: the History app printed:" >&2; cat "$work/app-history.log" >&2; }
[ -s "$work/app.log" ] && { echo "screenshots: the app printed:" >&2; cat "$work/app.log" >&2; }
exit 0
