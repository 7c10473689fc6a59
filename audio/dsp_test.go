package audio

import (
	"math"
	"testing"
)

// The extractor's bands are the Butterworth filters they are meant to be:
// a sine at 16 or 48 kHz comes out of each band at the level the design
// says (bilinear-warped Butterworth at 8 kHz, after averaging 2 or 6
// samples), within 0.1 dB, down to 70 dB under: 50 Hz hum is 62 dB under
// in the band.
func TestBandsHaveTheirResponse(t *testing.T) {
	const fs = 8000
	butter := func(f, fc float64, order int, high bool) float64 {
		r := math.Tan(math.Pi*f/fs) / math.Tan(math.Pi*fc/fs)
		if high {
			r = 1 / r
		}
		return 1 / (1 + math.Pow(r, float64(2*order)))
	}
	for _, rate := range []float64{16000, 48000} {
		d := rate / fs
		for _, f := range []float64{50, 150, 500, 1000, 3000} {
			x := make([]float32, int(rate))
			for i := range x {
				x[i] = float32(0.5 * math.Sin(2*math.Pi*f*float64(i)/rate))
			}
			e := extract(x, int(rate))
			last := len(e.f.band) - 1 // the filters have long settled by then
			// The average of d samples, a comb: sin(πfd/rate) / (d sin(πf/rate)).
			box := math.Pow(math.Sin(math.Pi*f*d/rate)/(d*math.Sin(math.Pi*f/rate)), 2)
			hp := butter(f, bandLowHz, 4, true) * box
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"band", e.f.band[last], hp * butter(f, bandTopHz, 2, false)},
				{"vowel", e.f.low[last], hp * butter(f, vowelTop, 2, false)},
				{"fricative", e.f.fric[last], hp * butter(f, fricLowHz, 2, true)},
			} {
				got, want := dB(c.got/0.125), dB(c.want) // a 0.5 sine's mean square
				if want > -70 && math.Abs(got-want) > 0.1 {
					t.Errorf("%.0f Hz input, %s band at %.0f Hz: %.1f dB, want %.1f dB", rate, c.name, f, got, want)
				}
			}
		}
	}
}
