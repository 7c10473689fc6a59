package audio

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"starcoach/audio/wav"
)

// A clip shared at telephone quality sounds like the original in the
// speech band: LibriVox 0870 recorded at 16 kHz, and resampled by sox to
// 48 kHz and 44.1 kHz, comes out 8 kHz μ-law of the clip's length to the
// sample, and its level in 300-3400 Hz, frame by frame over the speech
// (sox band-passes both), is the original clip's within 1 dB at the
// median and 3 dB at the 90th percentile.
func TestClipForSharingKeepsTheSpeech(t *testing.T) {
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox missing: install sox (scripts/install-deps.sh --test)")
	}
	src := filepath.Join(librivoxDir, "sense_and_sensibility_01_austen_64kb-0870.wav")
	orig, err := AnalyzeFile(src)
	if err != nil {
		t.Skip(missingData)
	}
	start, end := 100*time.Millisecond, orig.Duration-200*time.Millisecond
	want, floor := bandLevels(t, src)
	want = want[10:] // from the clip's start
	for _, rate := range []string{"16000", "48000", "44100"} {
		path := src
		if rate != "16000" {
			path = filepath.Join(t.TempDir(), "x.wav")
			if b, err := exec.Command("sox", src, "-r", rate, path).CombinedOutput(); err != nil {
				t.Fatalf("sox: %v: %s", err, b)
			}
		}
		b, err := ClipForSharing(path, start, end)
		if err != nil {
			t.Fatal(err)
		}
		x, r, err := wav.Decode(bytes.NewReader(b))
		if err != nil || r != TelephoneRate {
			t.Fatalf("%s Hz: %v, rate %d", rate, err, r)
		}
		if n := SampleRate(TelephoneRate).N(end - start); math.Abs(float64(int64(len(x))-n)) > 1 {
			t.Errorf("%s Hz: %d samples, want %d", rate, len(x), n)
		}
		shared := filepath.Join(t.TempDir(), "shared.wav")
		if err := os.WriteFile(shared, b, 0o600); err != nil {
			t.Fatal(err)
		}
		got, _ := bandLevels(t, shared)
		var diffs []float64
		for i := range min(len(got), len(want)) {
			if want[i] > floor+15 { // speech
				diffs = append(diffs, math.Abs(got[i]-want[i]))
			}
		}
		m, p90 := edgeStats(diffs)
		t.Logf("%s Hz: %d bytes for %v; speech-band level within %.2f dB at the median, %.2f dB at the 90th percentile, over %d frames", rate, len(b), end-start, m, p90, len(diffs))
		if m > 1 || p90 > 3 {
			t.Errorf("%s Hz: speech-band level off by %.2f dB at the median, %.2f at the 90th percentile; want 1 and 3", rate, m, p90)
		}
	}
}

// The low-pass keeps the voice and stops what would fold back: a 1 kHz
// tone at 48 kHz comes through within 0.5 dB, a 6 kHz one (which would
// alias to 2 kHz) 35 dB down or more.
func TestClipForSharingFilters(t *testing.T) {
	for _, c := range []struct {
		hz         float64
		minDB, max float64
	}{{1000, -0.5, 0.5}, {6000, -200, -35}} {
		x := make([]float32, 48000)
		for i := range x {
			x[i] = float32(0.5 * math.Sin(2*math.Pi*c.hz*float64(i)/48000))
		}
		path := filepath.Join(t.TempDir(), "tone.wav")
		if err := writeTestWAV(path, x, 48000); err != nil {
			t.Fatal(err)
		}
		b, err := ClipForSharing(path, 0, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		y, _, err := wav.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		got := 20 * math.Log10(rms(y[800:])/rms(x))
		if got < c.minDB || got > c.max {
			t.Errorf("%.0f Hz: %.1f dB through, want %.1f to %.1f", c.hz, got, c.minDB, c.max)
		}
	}
}
