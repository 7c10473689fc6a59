#!/usr/bin/env bash
# Sets up a microphone without a sound card, through the real ALSA stack,
# and prints the environment (KEY=VALUE lines) that selects it:
#
#   scripts/audio-fake-mic.sh file DIR RAW RATE   ALSA's file plugin reads RAW (mono
#                                                  S16_LE at RATE) as the default input,
#                                                  faster than real time, then silence
#   scripts/audio-fake-mic.sh pulse DIR RATE       a private PulseAudio daemon in DIR with
#                                                  a null sink "mic" whose monitor is the
#                                                  default input, paced in real time; feed
#                                                  it with: paplay -d mic speech.wav
#   scripts/audio-fake-mic.sh none DIR             no input device at all
#
# e.g.  env $(scripts/audio-fake-mic.sh pulse /tmp/mic 48000) starcoach record take.wav
# Stop the daemon with: kill "$PULSE_PID" (printed). Needs libasound2-plugins,
# pulseaudio and pulseaudio-utils for pulse. Go tests use audio/internal/audiotest.
set -euo pipefail

mode=${1:?mode: file, pulse or none}
dir=$(realpath -m "${2:?directory}")
mkdir -p "$dir"
conf=$dir/asoundrc

case $mode in
file)
	raw=$(realpath "${3:?raw file}")
	rate=${4:?rate}
	cat >"$conf" <<CONF
pcm.!default { type asym playback.pcm "null" capture.pcm "filemic" }
pcm.filemic {
	type plug
	slave {
		pcm { type file slave.pcm "null" file "/dev/null" infile "$raw" format "raw" }
		format S16_LE
		rate $rate
		channels 1
	}
}
CONF
	;;
none)
	echo 'pcm.!default { type hw card 99 }' >"$conf"
	;;
pulse)
	rate=${3:?rate}
	mkdir -p "$dir/run" "$dir/home"
	chmod 700 "$dir/run"
	echo "autospawn = no" >"$dir/client.conf"
	printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' >"$conf"
	export XDG_RUNTIME_DIR=$dir/run HOME=$dir/home PULSE_CLIENTCONFIG=$dir/client.conf
	export PULSE_SERVER=unix:$dir/run/pulse/native
	# --system=false and no idle exit: a root daemon stays up for the caller.
	pulseaudio -D -n --system=false --exit-idle-time=-1 --log-level=error \
		--load=module-native-protocol-unix \
		--load="module-null-sink sink_name=mic rate=$rate channels=1"
	for _ in $(seq 100); do
		pactl set-default-source mic.monitor 2>/dev/null && break
		sleep 0.05
	done
	pactl set-default-source mic.monitor
	echo "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"
	echo "HOME=$HOME"
	echo "PULSE_CLIENTCONFIG=$PULSE_CLIENTCONFIG"
	echo "PULSE_SERVER=$PULSE_SERVER"
	echo "PULSE_PID=$(cat "$dir/run/pulse/pid")"
	;;
*)
	echo "audio-fake-mic: unknown mode $mode" >&2
	exit 2
	;;
esac
echo "ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$conf"
