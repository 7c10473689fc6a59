package main

// The fake microphones are PulseAudio's and ALSA's, so these run on Linux.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/audio/wav"
	"starcoach/internal/privatetest"
)

// TestAudioRecordFileMic records espeak-ng speech served by ALSA's file
// plugin (faster than real time) and checks the analysis record prints.
func TestAudioRecordFileMic(t *testing.T) {
	wav, raw := speech(t, cliSpeech, 48000, 500*time.Millisecond)
	src, err := audio.AnalyzeFile(wav)
	if err != nil {
		t.Fatal(err)
	}
	env := fakeMic(t, "file", raw, "48000")
	path := filepath.Join(t.TempDir(), "take.wav")
	secs := int(src.Duration.Seconds()) + 1 // the clip, then silence
	c := childCLI(t, env, "record", "--seconds", fmt.Sprint(secs), "--json", path)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("record: %v\n%s", err, stderr.String())
	}
	var a analysisJSON
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if a.File != path || a.Duration != float64(secs) || len(a.Segments) == 0 {
		t.Errorf("analysis %+v, want %d s with speech in %s", a, secs, path)
	}
	if d := a.Spoken - src.Spoken.Seconds(); d < -0.2 || d > 0.2 {
		t.Errorf("spoken %.3f s, the source clip %.3f s", a.Spoken, src.Spoken.Seconds())
	}
	privatetest.Check(t, path)
	if !strings.Contains(stderr.String(), "48000 Hz") {
		t.Errorf("stderr %q does not say the rate", stderr.String())
	}

	c = childCLI(t, env, "devices")
	out, err = c.Output()
	if err != nil || !regexpMatch(`(?m)^\* default\s+48000 Hz`, string(out)) {
		t.Errorf("devices: %v\n%s", err, out)
	}
}

// TestAudioRecordInterrupt records from a paced microphone (a private
// PulseAudio) until SIGINT: the file must be finished, not cut.
func TestAudioRecordInterrupt(t *testing.T) {
	speechWAV, _ := speech(t, cliSpeech, 44100, 0)
	env := fakeMic(t, "pulse", "44100")
	feed := exec.Command("paplay", "-d", "mic", speechWAV)
	feed.Env = append(os.Environ(), env...)
	if err := feed.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		feed.Process.Kill()
		feed.Wait()
	}()
	path := filepath.Join(t.TempDir(), "take.wav")
	c := childCLI(t, env, "record", path)
	stderr, _ := c.StderrPipe()
	var out bytes.Buffer
	c.Stdout = &out
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "recording to") {
	}
	// PulseAudio takes a second or so to deliver the first samples.
	time.Sleep(4 * time.Second)
	c.Process.Signal(os.Interrupt)
	var rest strings.Builder
	for sc.Scan() {
		rest.WriteString(sc.Text() + "\n")
	}
	if err := c.Wait(); err != nil {
		t.Fatalf("record after SIGINT: %v\n%s", err, rest.String())
	}
	if repaired, err := wav.Repair(path); repaired || err != nil {
		t.Errorf("the interrupted take needed repair (%v, %v)", repaired, err)
	}
	a, err := audio.AnalyzeFile(path)
	// At most the 4 s before SIGINT plus the time a busy machine takes to
	// deliver it; the point is a finished file with the speech in it.
	if err != nil || a.Duration < time.Second || a.Duration > 8*time.Second || len(a.Segments) == 0 {
		t.Errorf("take of %v with %d segments (%v); want 1-8 s of speech", a.Duration, len(a.Segments), err)
	}
	if !strings.Contains(out.String(), "SPOKEN") {
		t.Errorf("no analysis printed:\n%s", out.String())
	}
}

// With no microphone at all, record says so and exits 1.
func TestAudioRecordNoDevice(t *testing.T) {
	c := childCLI(t, fakeMic(t, "none"), "record", "--seconds", "1", filepath.Join(t.TempDir(), "t.wav"))
	out, err := c.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "no audio input device") {
		t.Errorf("exit %v, output %q; want 1 and the reason", err, out)
	}
}

// fakeMic runs scripts/audio-fake-mic.sh and returns the environment it
// prints; a PulseAudio daemon it starts is killed at the test's end.
func fakeMic(t *testing.T, mode string, args ...string) []string {
	t.Helper()
	if _, err := os.Stat("/usr/share/alsa/alsa.conf"); err != nil {
		t.Skip("ALSA configuration not found: install the Debian package libasound2-data")
	}
	if mode == "pulse" {
		need(t, "pulseaudio", "pulseaudio")
		need(t, "pactl", "pulseaudio-utils")
		need(t, "paplay", "pulseaudio-utils")
		if m, _ := filepath.Glob("/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so"); len(m) == 0 {
			t.Skip("ALSA's pulse plugin not found: install the Debian package libasound2-plugins")
		}
	}
	out, err := exec.Command("../../scripts/audio-fake-mic.sh", append([]string{mode, t.TempDir()}, args...)...).Output()
	if err != nil {
		t.Fatalf("audio-fake-mic.sh %s: %v", mode, err)
	}
	env := strings.Fields(string(out))
	for _, kv := range env {
		if pid, ok := strings.CutPrefix(kv, "PULSE_PID="); ok {
			t.Cleanup(func() {
				if n, err := strconv.Atoi(pid); err == nil {
					if p, err := os.FindProcess(n); err == nil {
						p.Kill()
					}
				}
			})
		}
	}
	return env
}
