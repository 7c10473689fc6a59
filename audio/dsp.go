package audio

import "math"

// section is a second-order IIR filter, a Butterworth-Q low- or
// high-pass from the RBJ audio EQ cookbook, run in direct form I. Both
// kinds have the numerator g·(1, ±2, 1), so sections fed one signal share
// its last two samples and multiply only by the gain and the two feedback
// terms. The analysis band-limits with a few of these instead of an FFT:
// a handful of multiply-adds per sample is what keeps it thousands of
// times faster than real time.
type section struct{ g, a1, a2 float64 }

// Butterworth-Q sections: q = 1/sqrt2 is one second-order Butterworth;
// 0.5412 and 1.3066 cascade into a fourth-order one.
func lowpass(fc, fs, q float64) section  { return rbj(fc, fs, q, -1) }
func highpass(fc, fs, q float64) section { return rbj(fc, fs, q, 1) }

func rbj(fc, fs, q, sign float64) section {
	w := 2 * math.Pi * fc / fs
	alpha := math.Sin(w) / (2 * q)
	c := math.Cos(w)
	a0 := 1 + alpha
	return section{g: (1 + sign*c) / 2 / a0, a1: -2 * c / a0, a2: (1 - alpha) / a0}
}

// out is the section's next output for the numerator sum u (the input
// and its last two samples, weighted 1, ±2, 1), given its last two
// outputs y1 and y2.
func (s section) out(u, y1, y2 float64) float64 { return s.g*u - s.a2*y2 - s.a1*y1 }

// The loops here and in extractor.highpass run sections two at a time,
// with every coefficient and past sample in a local. A section's output
// waits on its last one (a multiply and a subtraction), so one section
// alone leaves the processor idle most of the time; two side by side fill
// it, and more, or state kept in a struct, spill out of its registers
// onto that wait.

// lowPair runs x through the low-passes p and q side by side and returns
// the energy (sum of squares) of each output.
func lowPair(p, q section, st *[6]float64, x []float64) (ep, eq float64) {
	x1, x2, y1, y2, z1, z2 := st[0], st[1], st[2], st[3], st[4], st[5]
	for _, s := range x {
		lo := s + 2*x1 + x2
		y := p.out(lo, y1, y2)
		z := q.out(lo, z1, z2)
		x1, x2, y1, y2, z1, z2 = s, x1, y, y1, z, z1
		ep += y * y
		eq += z * z
	}
	*st = [6]float64{x1, x2, y1, y2, z1, z2}
	return ep, eq
}

// lowHigh runs x through the low-pass p, whose output it writes to out,
// and the high-pass q, whose energy it returns.
func lowHigh(p, q section, st *[6]float64, x, out []float64) (eq float64) {
	x1, x2, y1, y2, z1, z2 := st[0], st[1], st[2], st[3], st[4], st[5]
	out = out[:len(x)]
	for n, s := range x {
		y := p.out(s+2*x1+x2, y1, y2)
		z := q.out(s-2*x1+x2, z1, z2)
		x1, x2, y1, y2, z1, z2 = s, x1, y, y1, z, z1
		out[n] = y
		eq += z * z
	}
	*st = [6]float64{x1, x2, y1, y2, z1, z2}
	return eq
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
