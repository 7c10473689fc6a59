package audio

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// webrtcVAD builds scripts/webrtc-vad-bench.c against Debian's
// libwebrtc-audio-processing (PulseAudio brings it in) and returns a
// function that runs WebRTC VAD, mode 3, over a recording: its decision
// for each 10 ms frame. It skips the test where the library or gcc is
// missing.
func webrtcVAD(t *testing.T) func(x []float32, rate int) []bool {
	t.Helper()
	out, err := exec.Command("/sbin/ldconfig", "-p").Output()
	if err != nil {
		t.Skipf("ldconfig: %v", err)
	}
	lib := ""
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "libwebrtc_audio_processing.so.1 ") {
			lib = strings.TrimSpace(l[strings.LastIndex(l, " "):])
			break
		}
	}
	if lib == "" {
		t.Skip("libwebrtc-audio-processing1 missing (scripts/install-deps.sh --test)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "webrtc-vad")
	if b, err := exec.Command("gcc", "-O2", "-o", bin, "../scripts/webrtc-vad-bench.c", lib).CombinedOutput(); err != nil {
		t.Skipf("cannot build the WebRTC VAD driver: %v: %s", err, b)
	}
	return func(x []float32, rate int) []bool {
		t.Helper()
		path := filepath.Join(dir, "in.wav")
		if err := writeTestWAV(path, x, rate); err != nil {
			t.Fatal(err)
		}
		b, err := exec.Command(bin, path, "frames").Output()
		if err != nil {
			t.Fatalf("webrtc-vad: %v", err)
		}
		line := strings.TrimSpace(string(b))
		flags := make([]bool, len(line))
		for i, c := range line {
			flags[i] = c == '1'
		}
		return flags
	}
}

// webrtcStartup is how long WebRTC VAD calls every frame speech, whatever
// it holds, while its noise model starts: its first 7 frames. Every
// recording here begins with more than that of room before any word, so
// those frames are not counted against it.
const webrtcStartup = 10

// webrtcEdges is where WebRTC VAD's speech begins and ends, in seconds:
// its first and last frame called speech after its start-up.
func webrtcEdges(flags []bool) (on, off float64, ok bool) {
	first, last := -1, -1
	for i, f := range flags {
		if f && i >= webrtcStartup {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return float64(first) / 100, float64(last+1) / 100, first >= 0
}
