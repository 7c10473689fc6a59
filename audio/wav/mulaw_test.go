package wav

import (
	"bytes"
	"math"
	"os/exec"
	"path/filepath"
	"testing"
)

// μ-law as sox writes it, from real speech: StarCoach's encoder gives the
// same byte as sox -e mu-law (without dither) or the next one, for at
// most one sample in ten, and its file decodes through the reader, which
// also reads sox's, to within μ-law's step.
func TestMuLawMatchesSox(t *testing.T) {
	src, ref, rate := soxSpeech(t)
	out := filepath.Join(t.TempDir(), "mulaw.wav")
	if b, err := exec.Command("sox", "-D", src, "-e", "mu-law", out).CombinedOutput(); err != nil {
		t.Fatalf("sox: %v: %s", err, b)
	}
	theirs, r, err := Read(out)
	if err != nil || r != rate || len(theirs) != len(ref) {
		t.Fatalf("sox's μ-law: rate %d, %d samples, %v; want %d, %d", r, len(theirs), err, rate, len(ref))
	}
	mine := MuLawHeader(rate, len(ref))
	for _, v := range ref {
		mine = append(mine, MuLaw(v))
	}
	got, r, err := Decode(bytes.NewReader(mine))
	if err != nil || r != rate || len(got) != len(ref) {
		t.Fatalf("StarCoach's μ-law: rate %d, %d samples, %v", r, len(got), err)
	}
	// sox drops the two lowest bits first, so a sample on a step's edge
	// may fall one code apart; never more.
	differ := 0
	for i := range ref {
		if got[i] != theirs[i] {
			differ++
			if mine[58+i]-MuLaw(theirs[i]) != 1 && MuLaw(theirs[i])-mine[58+i] != 1 {
				t.Fatalf("sample %d: code %#x, sox %#x", i, mine[58+i], MuLaw(theirs[i]))
			}
		}
		// A 14-bit magnitude in 4 mantissa bits: within 1/32 of the sample
		// and 1/4000 of full scale.
		if d := math.Abs(float64(got[i] - ref[i])); d > math.Abs(float64(ref[i]))/32+1.0/4000 {
			t.Fatalf("sample %d: %v decoded as %v", i, ref[i], got[i])
		}
	}
	if differ > len(ref)/10 {
		t.Errorf("%d of %d samples differ from sox's μ-law", differ, len(ref))
	}
}

// The encoder's corners: silence, the extremes, and beyond them.
func TestMuLawCorners(t *testing.T) {
	for _, c := range []struct {
		v    float32
		want byte
	}{{0, 0xff}, {1, 0x80}, {-1, 0x00}, {2, 0x80}, {-7, 0x00}, {float32(math.NaN()), 0xff}} {
		if got := MuLaw(c.v); got != c.want {
			t.Errorf("MuLaw(%v) = %#x, want %#x", c.v, got, c.want)
		}
	}
}
