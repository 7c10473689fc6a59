#!/usr/bin/env bash
# Cross-builds StarCoach for Windows x64 on Linux, as `fyne package` does on
# Windows (the icon and FyneApp.toml's metadata embedded, a GUI-subsystem
# exe), and zips it with PortAudio's DLL and a README:
#   scripts/build-windows.sh     ->  dist/StarCoach-windows-amd64.zip
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/install-deps.sh --windows
pa=$root/build/windows/portaudio

# The fyne tool is built for this machine before the cross-compiling
# environment is set.
GOBIN=$root/build/bin go install fyne.io/tools/cmd/fyne@v1.7.4

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
(
	. scripts/windows-env.sh
	make -s exe FYNE="$root/build/bin/fyne"
)
mkdir "$stage/StarCoach"
mv cmd/starcoach/StarCoach.exe "$stage/StarCoach/"
cp "$pa/bin/portaudio_x64.dll" "$stage/StarCoach/"
# PortAudio's licence, as its header states it, goes into the README.
sed -n '/Copyright (c) 1999-2002/,/license above/p' "$pa/include/portaudio.h" |
	sed 's#^ \*/\{0,1\} \{0,1\}##; s#^/\*##' > "$stage/licence.txt"
grep -q "Permission is hereby granted" "$stage/licence.txt" ||
	{ echo "build-windows: PortAudio's licence not found in portaudio.h" >&2; exit 1; }
cat assets/windows/README.txt "$stage/licence.txt" | sed 's/$/\r/' > "$stage/StarCoach/README.txt"
mkdir -p dist
rm -f dist/StarCoach-windows-amd64.zip
(cd "$stage" && zip -q -X -r "$root/dist/StarCoach-windows-amd64.zip" StarCoach)
ls -l dist/StarCoach-windows-amd64.zip
