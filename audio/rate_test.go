package audio

import (
	"math/big"
	"testing"
	"time"
)

func TestSampleRate(t *testing.T) {
	tests := []struct {
		name string
		rate SampleRate
		n    int64         // frames
		d    time.Duration // D(n)
		back int64         // N(d): n, unless d was truncated
	}{
		{"nothing", 48000, 0, 0, 0},
		{"one frame at 8 kHz", 8000, 1, 125 * time.Microsecond, 1},
		{"one frame at 44.1 kHz, truncated", 44100, 1, 22675, 0},
		{"a recorder block at 44.1 kHz", 44100, 882, 20 * time.Millisecond, 882},
		{"a level reading at 48 kHz", 48000, 4800, 100 * time.Millisecond, 4800},
		{"a second at 96 kHz", 96000, 96000, time.Second, 96000},
		{"a 15-minute take at 96 kHz", 96000, 86_400_000, 15 * time.Minute, 86_400_000},
		{"a 15-minute take at 44.1 kHz", 44100, 39_690_000, 15 * time.Minute, 39_690_000},
		// n * time.Second overflows an int64 here.
		{"100 hours at 96 kHz", 96000, 34_560_000_000, 100 * time.Hour, 34_560_000_000},
	}
	for _, tt := range tests {
		if got := tt.rate.D(tt.n); got != tt.d {
			t.Errorf("%s: SampleRate(%d).D(%d) = %v, want %v", tt.name, tt.rate, tt.n, got, tt.d)
		}
		if got := tt.rate.N(tt.d); got != tt.back {
			t.Errorf("%s: SampleRate(%d).N(%v) = %d, want %d", tt.name, tt.rate, tt.d, got, tt.back)
		}
	}
}

// TestSampleRateTruncates checks D and N against exact arithmetic: at
// every frame of a second (N a nanosecond after it starts), a few frames
// and nanoseconds either side of whole seconds up to a day, and the
// negatives of those.
func TestSampleRateTruncates(t *testing.T) {
	// div is a*b/c, truncated toward zero, without overflow.
	div := func(a, b, c int64) int64 {
		var x big.Int
		return x.Quo(x.Mul(big.NewInt(a), big.NewInt(b)), big.NewInt(c)).Int64()
	}
	check := func(rate SampleRate, n int64, d time.Duration) {
		if got, want := rate.D(n), time.Duration(div(n, int64(time.Second), int64(rate))); got != want {
			t.Errorf("SampleRate(%d).D(%d) = %d ns, want %d", rate, n, got, want)
		}
		if got, want := rate.N(d), div(int64(d), int64(rate), int64(time.Second)); got != want {
			t.Errorf("SampleRate(%d).N(%d ns) = %d, want %d", rate, d, got, want)
		}
	}
	for _, rate := range []SampleRate{8000, 44100, 48000, 96000} {
		r := int64(rate)
		for n := range r {
			check(rate, n, rate.D(n)+1)
		}
		for _, secs := range []int64{0, 1, 15 * 60, 24 * 3600} {
			for k := int64(-3); k <= 3; k++ {
				n, d := secs*r+k, time.Duration(secs)*time.Second+time.Duration(k)
				check(rate, n, d)
				check(rate, -n, -d)
			}
		}
	}
}
