#!/usr/bin/env bash
# Tests the Windows build under Wine, as far as a machine without Windows
# can: every package's tests, built for Windows; then
# the packaged exe itself: its commands, an analysis against the Linux
# build's, a backup and restore, one app per data directory, and its
# window drawing Home under Xvfb.
#   scripts/wine-smoke.sh [ZIP] [SHOT.png]
# ZIP defaults to dist/StarCoach-windows-amd64.zip; SHOT, when given, keeps
# the screenshot of Home drawn by the Windows build. UNIT=0 skips the unit
# tests (when only the exe changed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
zip=$(realpath "${1:-dist/StarCoach-windows-amd64.zip}")
keep=${2:-}
work=$(mktemp -d)
cleanup() {
	kill $(jobs -p) 2>/dev/null || true
	WINEPREFIX=$work/prefix wineserver -k 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "wine-smoke: $*" >&2; exit 1; }

# A display from the start: Wine's desktop process, started with the
# prefix's first program, draws every later window on the display it found
# then (started without one, the app fails to make a window at all).
# Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
for _ in $(seq 100); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || fail "Xvfb did not start"
export DISPLAY=:$(cat "$work/display")

# A throwaway Wine prefix, quiet, without the Mono and Gecko installers.
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1
# Go 1.24+ needs bcryptprimitives.dll's ProcessPrng, which Wine 8.0 lacks:
# a stand-in built here from source, for this prefix only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c -ladvapi32

# Every package's tests, built for Windows (cgo with mingw-w64, PortAudio's
# DLL on Wine's PATH). -tags wine brings in internal/winetest (Go's
# RemoveAll under Wine 8.0), whose go:linkname needs -checklinkname=0.
if [[ ${UNIT:-1} != 0 ]]; then
	echo "wine-smoke: every package's tests, built for Windows" >&2
	(
		. scripts/windows-env.sh
		WINEPATH=$(winepath -w "$pa/bin") go test -exec wine -tags wine -ldflags=-checklinkname=0 -timeout 30m ./...
	)
fi

# The packaged exe.
unzip -q "$zip" -d "$work"
exe=$work/StarCoach/StarCoach.exe
[[ -f $work/StarCoach/portaudio_x64.dll && -f $work/StarCoach/README.txt ]] ||
	fail "the zip lacks portaudio_x64.dll or README.txt"
win() { wine "$exe" "$@"; }
winpath() { winepath -w "$1" 2>/dev/null; }
data=$work/data
mkdir "$data"
wdata=$(winpath "$data")

echo "wine-smoke: commands" >&2
win --data-dir "$wdata" questions > "$work/questions.txt" || fail "questions failed"
grep -q "conflict" "$work/questions.txt" || fail "questions listed no question: $(head -3 "$work/questions.txt")"
win --data-dir "$wdata" plan --json > "$work/plan.json" || fail "plan --json failed"
jq -e 'length > 10' "$work/plan.json" >/dev/null || fail "plan --json is not the plan: $(head -c 300 "$work/plan.json")"
win help backup | grep -q "archive" || fail "help backup printed nothing"

# The same analysis as the Linux build's, within 10 ms on every figure.
go build -o "$work/starcoach" ./cmd/starcoach
speech=/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav
"$work/starcoach" analyze --json "$speech" | jq -S 'del(.file)' > "$work/linux.json"
win analyze --json "$(winpath "$speech")" | tr -d '\r' | jq -S 'del(.file)' > "$work/windows.json"
jq -n --slurpfile l "$work/linux.json" --slurpfile w "$work/windows.json" -e '
	[paths(numbers) as $p | ($l[0] | getpath($p)) - ($w[0] | getpath($p)) | fabs]
	| max <= 0.01' >/dev/null ||
	fail "analyze differs from the Linux build's: $(diff "$work/linux.json" "$work/windows.json")"

# A history to show and back up: a few weeks of practice, each take with
# a real recording (the seeder writes rows only).
go run ./scripts/seed -data-dir "$data" -n 12 >/dev/null
{ "$work/starcoach" --data-dir "$data" check || true; } |
	sed -n 's#^missing: .* names \(recordings/[^,]*\), which is not there$#\1#p' |
	while read -r rel; do
		mkdir -p "$data/$(dirname "$rel")"
		cp "$speech" "$data/$rel"
	done
"$work/starcoach" --data-dir "$data" backup "$work/linux-backup.tar" >/dev/null

echo "wine-smoke: the window, and a second app refused" >&2
win --data-dir "$wdata" >"$work/app.log" 2>&1 &
app=$!
id=$(timeout 120 xdotool search --sync --onlyvisible --name '^StarCoach$' | head -1) ||
	fail "no window within 120 s: $(cat "$work/app.log")"
# The window is mapped before Fyne has drawn into it; Home is drawn when
# two screenshots a second apart are the same and hold text (antialiased
# text has hundreds of colours; an empty window a few).
prev= drawn=false
for _ in $(seq 60); do
	sleep 1
	import -window "$id" "$work/home.png"
	sum=$(md5sum < "$work/home.png")
	if [[ $sum == "$prev" ]] && (($(identify -format %k "$work/home.png") > 200)); then
		drawn=true
		break
	fi
	prev=$sum
done
$drawn || fail "the window drew nothing steady within 60 s: $(cat "$work/app.log")"
eval "$(xdotool getwindowgeometry --shell "$id")"
# Home opens at its remembered size, 1024x700 the first time; the window
# that says "StarCoach cannot start" is 640x320.
((WIDTH >= 1000 && HEIGHT >= 680)) || fail "the window is ${WIDTH}x$HEIGHT, not Home: $(cat "$work/app.log")"
[[ -z $keep ]] || cp "$work/home.png" "$keep"

win --data-dir "$wdata" > "$work/second.log" 2>&1 ||
	fail "a second app on the same data directory failed: $(cat "$work/second.log")"
grep -q "StarCoach is running with this data directory" "$work/second.log" ||
	fail "a second app on the same data directory: $(cat "$work/second.log")"
win --data-dir "$wdata" restore --replace "$(winpath "$work/linux-backup.tar")" > "$work/restore-running.log" 2>&1 &&
	fail "restore ran while the app was open"
grep -q "close it first" "$work/restore-running.log" || fail "restore while open: $(cat "$work/restore-running.log")"
wineserver -k # the app, as a Windows shutdown would end it
wait "$app" 2>/dev/null || true

echo "wine-smoke: backup and restore" >&2
"$work/starcoach" --data-dir "$data" history --json | jq -S . > "$work/history-linux.json"
win --data-dir "$wdata" backup "$(winpath "$work/backup.tar")" >/dev/null || fail "backup failed"
win --data-dir "$(winpath "$work/restored")" restore "$(winpath "$work/backup.tar")" >/dev/null || fail "restore failed"
win --data-dir "$(winpath "$work/restored")" history --json | tr -d '\r' | jq -S . > "$work/history-restored.json"
cmp -s "$work/history-linux.json" "$work/history-restored.json" ||
	fail "the restored history differs: $(diff "$work/history-linux.json" "$work/history-restored.json" | head)"
diff -r "$data/recordings" "$work/restored/recordings" >/dev/null ||
	fail "the restored recordings differ from the backed-up ones"
"$work/starcoach" --data-dir "$work/restored" check > "$work/check.txt" ||
	fail "the restored data directory fails check: $(head -3 "$work/check.txt")"
echo "wine-smoke: passed" >&2
