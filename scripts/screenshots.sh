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
go build -o "$work/seed" ./scripts/seed

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# A paced microphone: a private PulseAudio whose null sink "mic" is the
# default input, reached through ALSA; paplay into it is the candidate.
while IFS= read -r kv; do export "${kv?}"; done < <(scripts/audio-fake-mic.sh pulse "$work/mic" 16000)
trap 'kill $(jobs -p) "$PULSE_PID" 2>/dev/null; rm -rf "$work"' EXIT

# What the candidate says: the seed question's steps, in the project's words.
say() { # name text
	espeak-ng -s 135 -w "$work/$1-raw.wav" "$2"
	sox "$work/$1-raw.wav" -r 16000 -c 1 "$work/$1.wav" pad 0.4 0.6
}
say situation "Our payment notification service, owned by the Platform team, dropped zero point three percent of its webhooks. Customers waited for payment confirmations and finance saw revenue recognition slip. There was no alert, no ticket, and it sat outside my team's area."
say task "This was the Platform team's service, not mine. Nobody had filed a ticket and nobody asked me to look. I decided to find the cause and get it fixed anyway."
say action "I pulled the webhook delivery logs and grouped the failures by time and retry attempt. I traced the drops to a race in the retry logic, where two workers picked up the same delivery and one marked it done without sending it. I reproduced the race on my machine. I wrote a small patch and added a dead letter queue alert. I opened a ready to merge pull request with tests, met their tech lead, showed him the revenue we were losing, and persuaded him to ship it that sprint, although his roadmap was full. I agreed to review their next two releases of the retry code, so the fix would not cost them anything later."
say result "The drop rate went from zero point three percent to zero. Finance estimated about eight thousand dollars a week recovered, and the Platform team adopted my alert for every webhook."
say reflection "I learned to debug races with logs first, and that a missing alert is an organisational gap, not just a code bug."
# The Reflection with the input gain far too high: its loud vowels clip.
sox "$work/reflection.wav" "$work/reflection-loud.wav" gain 24 2>/dev/null
say followup "I would add the alert first next time, before the patch, so the next drop is seen within minutes. And I would have written down the revenue figure for their tech lead before the meeting."

play_step() { paplay -d mic "$work/$1.wav"; }

# app_window WHAT LOG prints the app's window once it is open, or says
# that it did not open, with what the app printed to LOG.
app_window() {
	local id=""
	for _ in $(seq 100); do
		id=$(xdotool search --name '^StarCoach$' 2>/dev/null | head -1) && [ -n "$id" ] && break
		sleep 0.1
	done
	[ -n "$id" ] || { echo "screenshots: the $1 window did not appear" >&2; cat "$2" >&2; return 1; }
	sleep 1
	echo "$id"
}

STARCOACH_DATA_DIR="$work/data" "$work/starcoach" >"$work/app.log" 2>&1 &
app_pid=$!
win=$(app_window app "$work/app.log")

shot() { sleep 0.7; import -window "$win" "$out/$1.png"; echo "wrote $out/$1.png"; }
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; }

shot home-welcome                   # a first run opens on Home
xdotool key ctrl+f                  # the search box
xdotool type --delay 30 "unpopular"
click 100 190                       # the first match
shot study-steps
click 667 125                       # the Action step in the strip
click 430 67                        # the level picker...
click 420 179                       # ...Senior SDE
shot study-action-senior
click 660 224                       # the Quiz section
click 600 302                       # the first option of the first question
shot study-quiz

# Step by step at SDE 1: record each step as the candidate speaks it.
click 430 67                        # the level picker...
click 420 101                       # ...SDE 1
xdotool key ctrl+r                  # Rehearse step by step
sleep 1
click 60 290                        # Mic check (3 s), while the candidate speaks
play_step task &
sleep 3.5
shot setup
wait $!
xdotool key Return                  # Start
for step in situation task action result reflection; do
	sleep 0.8
	xdotool key space               # record
	case $step in
	situation) # the first word 2 s after Space: the clock waits for it
		(sleep 2; play_step "$step") &
		sleep 7.5
		shot step-recording
		wait $!
		;;
	reflection) play_step reflection-loud ;;
	*) play_step "$step" ;;
	esac
	sleep 0.3
	xdotool key space               # stop
	sleep 1.5
	[ "$step" = situation ] && { xdotool key 4 2>/dev/null; shot step-result; }
	[ "$step" = reflection ] && shot step-untrusted
	xdotool key Return              # next step, or finish after the last
done
sleep 1.5
shot summary
xdotool key Escape

# Mock interview: one recording; N marks each next step.
xdotool key ctrl+m                  # Mock interview
sleep 1
xdotool key Return
sleep 0.8
xdotool key space
for step in situation task action result reflection; do
	play_step "$step"
	[ "$step" = action ] && shot mock-recording
	[ "$step" = reflection ] || xdotool key n
done
xdotool key space
sleep 2
shot mock-results
# Leaving before the follow-up: History marks the attempt "left" and keeps
# it out of the statistics.
xdotool key Escape
sleep 1
xdotool key ctrl+h
sleep 1
shot history-left

# The mock again on a small laptop's screen, from History: its first
# second (the clock waits for a word), the Task under way, the results.
xdotool windowsize "$win" 800 600
sleep 1
xdotool key ctrl+m
sleep 1
xdotool key Return
sleep 0.8
xdotool key space
shot mock-first-second-800x600
for step in situation task action result reflection; do
	if [ "$step" = task ]; then
		play_step task &
		sleep 4
		shot mock-recording-800x600
		wait $!
	else
		play_step "$step"
	fi
	[ "$step" = reflection ] || xdotool key n
done
xdotool key space
sleep 2
xdotool key 4 3                     # the keys rate the Situation, then the Task
shot mock-results-800x600
xdotool key Return                  # the follow-up question
sleep 1
shot followup-800x600
xdotool key Escape                  # left before answering it
sleep 1
# Step by step at 800x600: the start screen, and the Situation's result.
xdotool key ctrl+r
sleep 1
shot setup-800x600
xdotool key Return
sleep 0.8
xdotool key space
play_step situation
sleep 0.3
xdotool key space
sleep 1.5
shot step-result-800x600
xdotool key Escape
sleep 1
xdotool windowsize "$win" 1024 700

# Home, My stories and History: a second app on a data directory seeded,
# before it starts, with a few weeks of practice at four questions of the
# bank, a month-old attempt at each other one, three stories and an
# interview two weeks away.
"$work/seed" -data-dir "$work/history-data" -n 60
# One app at a time: two instances would share (and race on) Fyne's
# preferences file.
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
shots_history() { # theme suffix
	FYNE_THEME=$1 STARCOACH_DATA_DIR="$work/history-data" "$work/starcoach" >>"$work/app-history.log" 2>&1 &
	local pid=$! hwin
	hwin=$(app_window "History app" "$work/app-history.log") || exit 1
	local w=$win; win=$hwin
	if [ -z "$2" ]; then
		shot home                       # the app opens on Home
		xdotool key ctrl+2              # My stories
		sleep 1
		shot stories
	fi
	xdotool key ctrl+h                  # History
	sleep 1
	shot "history$2"
	if [ -z "$2" ]; then
		click 504 339                   # the fourth attempt: an answer of an interview loop
		sleep 1
		shot attempt-detail
		click 720 22                    # Progress chart
		sleep 1
		xdotool mousemove --window "$win" 644 310   # hover the newest point of the Action chart
		shot chart
	else
		# A small laptop's screen: Home, My stories and History at 800x600.
		xdotool windowsize "$win" 800 600
		sleep 1
		xdotool key ctrl+1
		sleep 1
		shot home-800x600
		xdotool key ctrl+2
		sleep 1
		shot stories-800x600
		xdotool key ctrl+h
		sleep 1
		shot history-800x600
	fi
	win=$w
	kill "$pid"; wait "$pid" 2>/dev/null || true
}
shots_history dark ""
shots_history light "-light"

# An interview loop of three questions at SDE 1, on the seeded history
# with its two loops: the plan, a follow-up, a break, the results and
# the comparison with the newer seeded loop. Each answer is the same
# 1:45 of speech, on target for SDE 1 (1:30-2:00).
shots_loop() {
	STARCOACH_DATA_DIR="$work/history-data" "$work/starcoach" >>"$work/app-loop.log" 2>&1 &
	local pid=$! lwin
	lwin=$(app_window "loop's app" "$work/app-loop.log") || exit 1
	local w=$win; win=$lwin
	xdotool key ctrl+l                  # Interview loop
	sleep 1
	click 150 125; sleep 0.5; click 150 160   # Questions: 3
	click 340 125; sleep 0.5; click 340 160   # Level: SDE 1
	sleep 0.5
	shot loop-plan
	xdotool key Return                  # Start the loop
	for q in 1 2 3; do
		sleep 1
		xdotool key space
		for step in situation task action result reflection; do
			play_step "$step"
			[ "$step" = reflection ] || xdotool key n
		done
		xdotool key space
		sleep 2
		xdotool key Return              # the follow-up question
		sleep 1
		xdotool key space
		play_step followup
		xdotool key space
		sleep 1.5
		[ "$q" = 1 ] && shot loop-followup
		xdotool key Return              # the next question, or the results
		sleep 1.5
		[ "$q" = 1 ] && shot loop-break
		[ "$q" = 3 ] || xdotool key space   # press on
	done
	sleep 1
	shot loop-results
	click 230 678                       # Compare with an earlier loop...
	sleep 0.7
	xdotool key Down Return             # ...the newer seeded one
	sleep 1.5
	shot loop-compare
	win=$w
	kill "$pid"; wait "$pid" 2>/dev/null || true
}
shots_loop
[ -s "$work/app-loop.log" ] && { echo "screenshots: the loop's app printed:" >&2; cat "$work/app-loop.log" >&2; }

# Two of the newer questions in Study mode at Senior level: the level comes
# from an earlier version's Fyne preferences file, which the app brings into
# its database at start (HOME is the microphone's private one).
shots_study() {
	local prefs="$HOME/.config/fyne/io.github.starcoach"
	mkdir -p "$prefs"
	echo '{"level":"senior"}' >"$prefs/preferences.json"
	STARCOACH_DATA_DIR="$work/study-data" "$work/starcoach" >>"$work/app-study.log" 2>&1 &
	local pid=$! swin
	swin=$(app_window "Study app" "$work/app-study.log") || exit 1
	local w=$win; win=$swin
	for q in "hard technical:study-hard-technical-decision" "wider impact:study-wider-impact"; do
		xdotool key ctrl+f              # the search box
		xdotool key ctrl+a
		xdotool type --delay 30 "${q%%:*}"
		click 100 190                   # the first match
		shot "${q#*:}"
	done
	# The Action of "ambiguous requirements", whose highlighted phrases
	# once wrapped a letter a line at 1024 wide; and at 800x600.
	xdotool key ctrl+f
	xdotool key ctrl+a
	xdotool type --delay 30 "ambiguous"
	click 100 190
	xdotool key Right Right          # the Action
	shot study-ambiguity-action
	xdotool windowsize "$win" 800 600
	sleep 1
	shot study-ambiguity-action-800x600
	win=$w
	kill "$pid"; wait "$pid" 2>/dev/null || true
}
shots_study
[ -s "$work/app-study.log" ] && { echo "screenshots: the Study app printed:" >&2; cat "$work/app-study.log" >&2; }
[ -s "$work/app-history.log" ] && { echo "screenshots: the History app printed:" >&2; cat "$work/app-history.log" >&2; }
[ -s "$work/app.log" ] && { echo "screenshots: the app printed:" >&2; cat "$work/app.log" >&2; }
exit 0
