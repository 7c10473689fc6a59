#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages StarCoach needs, skipping those present.
#   scripts/install-deps.sh          build and run: PortAudio, OpenGL, X11
#   scripts/install-deps.sh --test   also what the tests use: Xvfb, speech,
#                                    a private PulseAudio as a paced microphone
#   scripts/install-deps.sh --screenshots   Xvfb, xdotool, ImageMagick, speech
#                                    and a PulseAudio to feed it to the app
set -euo pipefail

pkgs=(portaudio19-dev libgl1-mesa-dev xorg-dev pkg-config)
if [[ "${1:-}" == "--test" ]]; then
	pkgs+=(xvfb espeak-ng sox pocketsphinx-testdata
		pulseaudio pulseaudio-utils libasound2-plugins alsa-utils strace tar)
elif [[ "${1:-}" == "--screenshots" ]]; then
	pkgs+=(xvfb x11-utils xdotool imagemagick espeak-ng sox libasound2-plugins pulseaudio pulseaudio-utils)
fi

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
	echo "install-deps: these packages are missing and there is no apt-get: ${missing[*]}" >&2
	exit 1
fi
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
