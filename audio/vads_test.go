package audio

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// webrtcStartup is the frames of WebRTC VAD's decisions not counted: it
// calls its first 7 frames speech whatever they hold while its noise
// model starts, and 10 (100 ms) leave a margin. Every recording here
// begins with more than that of room before any word.
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

// sileroVAD returns a function that runs Silero VAD (scripts/silero,
// installed into build/silero by scripts/install-deps.sh --test) over
// recordings, all in one run of node: for each, the speech segments it
// found. It skips the test where node or the package is missing.
func sileroVAD(t *testing.T) func(xs [][]float32, rate int) [][]Span {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node missing: install nodejs (scripts/install-deps.sh --test)")
	}
	modules, err := filepath.Abs("../build/silero/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "@ricky0123", "vad-node")); err != nil {
		t.Skip("Silero VAD missing: run scripts/install-deps.sh --test")
	}
	dir := t.TempDir()
	return func(xs [][]float32, rate int) [][]Span {
		t.Helper()
		args := []string{"../scripts/silero/silero-vad.js"}
		for i, x := range xs {
			path := filepath.Join(dir, fmt.Sprintf("%d.wav", i))
			if err := writeTestWAV(path, x, rate); err != nil {
				t.Fatal(err)
			}
			args = append(args, path)
		}
		cmd := exec.Command(node, args...)
		cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("silero-vad: %v", err)
		}
		var all [][]Span
		for _, line := range strings.Split(string(out), "\n") {
			if !strings.HasPrefix(line, "[[") && line != "[]" {
				continue // the package's own chatter
			}
			var segs [][2]float64
			if err := json.Unmarshal([]byte(line), &segs); err != nil {
				t.Fatalf("silero-vad: %q: %v", line, err)
			}
			spans := make([]Span, len(segs))
			for i, s := range segs {
				spans[i] = Span{time.Duration(s[0] * float64(time.Second)), time.Duration(s[1] * float64(time.Second))}
			}
			all = append(all, spans)
		}
		if len(all) != len(xs) {
			t.Fatalf("silero-vad: %d results for %d recordings", len(all), len(xs))
		}
		return all
	}
}
