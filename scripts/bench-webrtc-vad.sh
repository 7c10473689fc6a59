#!/usr/bin/env bash
# Times StarCoach's analysis (BenchmarkAnalyze, 3-minute answer at 16 kHz)
# and WebRTC VAD on the very same file, in alternating rounds of 20 runs
# each, so that both see the same machine, each pinned to one core
# (taskset; GOMAXPROCS=1, so Go's garbage collector works on that core
# too), and prints each one's median
# and best round in milliseconds and times real time. WebRTC VAD comes
# from Debian's libwebrtc-audio-processing1, which PulseAudio brings in
# (scripts/install-deps.sh --test); gcc builds the small driver.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ldconfig is in /sbin, off a user's PATH; awk reads all its output, so
# that ldconfig never dies of a closed pipe.
lib=$("${LDCONFIG:-/sbin/ldconfig}" -p | awk '/libwebrtc_audio_processing\.so\.1 / && !f { print $NF; f = 1 }')
[ -n "$lib" ] || { echo "bench-webrtc-vad: libwebrtc-audio-processing1 is not installed" >&2; exit 1; }
gcc -O2 -o "$tmp/webrtc-vad" scripts/webrtc-vad-bench.c "$lib"
go test -c -o "$tmp/audio.test" ./audio

for _ in $(seq "$rounds"); do
	(cd audio && BENCH_WAV="$tmp/answer.wav" taskset -c 0 "$tmp/audio.test" -test.run '^$' \
		-test.bench 'BenchmarkAnalyze$/3min_16000Hz' -test.benchtime 20x -test.cpu 1) |
		awk '/ns\/op/ { printf "starcoach %.3f\n", $3 / 1e6 }'
	taskset -c 0 "$tmp/webrtc-vad" "$tmp/answer.wav" 20 | awk '{ print "webrtc-vad", $1 }'
done | sort -k1,1 -k2,2n | awk '
	{ ms[$1, ++n[$1]] = $2 }
	END {
		for (t in n) {
			med = ms[t, int((n[t] + 1) / 2)]; best = ms[t, 1]
			printf "%-10s median %6.2f ms (%5.0fx real time), best %6.2f ms (%5.0fx), %d rounds\n",
				t, med, 180000 / med, best, 180000 / best, n[t]
		}
	}'
