package audio

import "math"

// biquad is a second-order IIR section (transposed direct form II). The
// analysis band-limits with a few of these instead of an FFT: a handful
// of multiply-adds per sample is what keeps it thousands of times faster
// than real time.
type biquad struct {
	b0, b1, b2, a1, a2 float64
	z1, z2             float64
}

func (q *biquad) step(x float64) float64 {
	y := q.b0*x + q.z1
	q.z1 = q.b1*x - q.a1*y + q.z2
	q.z2 = q.b2*x - q.a2*y
	return y
}

// Butterworth-Q sections from the RBJ audio EQ cookbook. q = 1/sqrt2 is
// one second-order Butterworth; 0.5412 and 1.3066 cascade into a
// fourth-order one.
func lowpass(fc, fs, q float64) biquad {
	w := 2 * math.Pi * fc / fs
	alpha := math.Sin(w) / (2 * q)
	c := math.Cos(w)
	a0 := 1 + alpha
	return biquad{
		b0: (1 - c) / 2 / a0, b1: (1 - c) / a0, b2: (1 - c) / 2 / a0,
		a1: -2 * c / a0, a2: (1 - alpha) / a0,
	}
}

func highpass(fc, fs, q float64) biquad {
	w := 2 * math.Pi * fc / fs
	alpha := math.Sin(w) / (2 * q)
	c := math.Cos(w)
	a0 := 1 + alpha
	return biquad{
		b0: (1 + c) / 2 / a0, b1: -(1 + c) / a0, b2: (1 + c) / 2 / a0,
		a1: -2 * c / a0, a2: (1 - alpha) / a0,
	}
}

// dB converts a mean-square energy to decibels relative to full scale,
// with a floor so that digital silence stays finite.
func dB(e float64) float64 {
	return 10 * math.Log10(e+1e-14)
}

// hist is a fixed-resolution histogram of decibel values, for percentiles
// in O(n) without sorting or allocating.
type hist struct {
	n    int
	bins [histBins]int32
}

const (
	histMin  = -140.0
	histStep = 0.25
	histBins = 600 // -140 .. +10 dB
)

func (h *hist) add(v float64) {
	i := int((v - histMin) / histStep)
	i = min(max(i, 0), histBins-1)
	h.bins[i]++
	h.n++
}

// quantile returns the value below which the fraction p of the added
// values lies, to the bin resolution.
func (h *hist) quantile(p float64) float64 {
	if h.n == 0 {
		return histMin
	}
	want := int32(p * float64(h.n))
	var acc int32
	for i, c := range h.bins {
		acc += c
		if acc > want {
			return histMin + (float64(i)+0.5)*histStep
		}
	}
	return histMin + histBins*histStep
}
