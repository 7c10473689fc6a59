# Sourced by the scripts that build for Windows on Linux: Go's
# cross-compiling environment, with mingw-w64 for cgo and PortAudio for
# Windows from build/windows (scripts/install-deps.sh --windows). Expects
# $root, the repository's root.
pa=$root/build/windows/portaudio
export GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
	PKG_CONFIG_LIBDIR=$pa/pkgconfig PKG_CONFIG_PATH=
