#!/usr/bin/env bash
# Times StarCoach's analysis (BenchmarkAnalyze, a 3-minute answer) and
# WebRTC VAD on the very same file, at 16 kHz and at 48 kHz (the app's
# usual rate), in alternating rounds of 20 runs each, so that both see
# the same machine, each pinned to one core (taskset; GOMAXPROCS=1, so
# Go's garbage collector works on that core too), and prints each one's
# median and best round in milliseconds and times real time. WebRTC VAD
# comes from Debian's libwebrtc-audio-processing1, which PulseAudio
# brings in (scripts/install-deps.sh --test); gcc builds the small
# driver. WebRTC VAD takes 48 kHz itself (it resamples to 8 kHz inside).
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

for rate in 16000 48000; do
	for _ in $(seq "$rounds"); do
		(cd audio && BENCH_WAV="$tmp/answer" taskset -c 0 "$tmp/audio.test" -test.run '^$' \
			-test.bench "BenchmarkAnalyze\$/3min_${rate}Hz" -test.benchtime 20x -test.cpu 1) |
			awk -v r="$rate" '/ns\/op/ { printf "starcoach@%d %.3f\n", r, $3 / 1e6 }'
		taskset -c 0 "$tmp/webrtc-vad" "$tmp/answer-$rate.wav" 20 | awk -v r="$rate" '{ print "webrtc-vad@" r, $1 }'
	done
done | sort -k1,1 -k2,2n | awk '
	{ ms[$1, ++n[$1]] = $2 }
	END {
		for (t in n) {
			med = ms[t, int((n[t] + 1) / 2)]; best = ms[t, 1]
			printf "%-17s median %6.2f ms (%5.0fx real time), best %6.2f ms (%5.0fx), %d rounds\n",
				t, med, 180000 / med, best, 180000 / best, n[t]
		}
	}' | sort
