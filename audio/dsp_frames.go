package audio

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas/gonum"
)

// The analysis works on 10 ms frames of a band-limited copy of the signal.
const (
	frameSec  = 0.010
	bandLowHz = 300  // below: hum, fan rumble, handling noise
	bandTopHz = 3400 // telephone band: where speech energy is, not hiss
	vowelTop  = 900  // first formant region: vowels, for syllable nuclei
	voiceTop  = 1500 // voicing band top: wide enough that noise decorrelates fast
	voiceRate = 4000 // Hz, the voicing signal's rate
	// fricLowHz is where the fricative band starts; it runs to the
	// decimated Nyquist (4-5.5 kHz). An "s" or "f" is strong there and
	// vowels, breath and pink noise are weak.
	fricLowHz = 2000
)

// frames holds per-frame energies and the low-band signal the voicing
// check reads on demand.
type frames struct {
	dur  float64   // seconds per frame
	band []float64 // mean-square energy 300-3400 Hz
	low  []float64 // mean-square energy 300-900 Hz
	fric []float64 // mean-square energy above fricLowHz
	vsig []float32 // 300-1500 Hz signal at vrate
	// vrate is the sample rate of vsig; vhop its samples per frame.
	vrate, vhop float64
}

// extractor decimates the input to 8-16 kHz by block averaging (an
// integer factor, so no resampling cost), band-limits it with IIR
// sections, and sums frame energies in the same pass. It is fed a block at
// a time, so a recording never has to be held whole: what it keeps grows
// by about 18 KB a second of audio (the frame energies and the voicing
// signal), not by the input's own size.
type extractor struct {
	d, hop, dv                   int
	inv                          float64
	hp1, hp2, lpb, lpl, lpv, hpf biquad
	acc                          float32 // the decimation block so far
	accN                         int
	eb, el, ef                   float64 // the frame so far
	hn                           int
	vacc                         float64 // the voicing sample so far
	vk                           int
	f                            frames
	samples                      int64 // fed so far
	clipped                      int64 // of those, at full scale
}

func newExtractor(rate int) *extractor {
	d := max(1, rate/8000)
	fs := float64(rate) / float64(d)
	hop := max(1, int(math.Round(fs*frameSec)))
	dv := max(1, int(fs/voiceRate))
	return &extractor{
		d: d, hop: hop, dv: dv, inv: 1 / float64(d),
		// Fourth-order high-pass: 50 Hz hum ends up 60 dB down, its third
		// harmonic 24 dB down.
		hp1: highpass(bandLowHz, fs, 0.5412), hp2: highpass(bandLowHz, fs, 1.3066),
		lpb: lowpass(min(bandTopHz, 0.45*fs), fs, math.Sqrt2/2),
		lpl: lowpass(vowelTop, fs, math.Sqrt2/2),
		lpv: lowpass(voiceTop, fs, math.Sqrt2/2),
		hpf: highpass(fricLowHz, fs, math.Sqrt2/2),
		f: frames{
			dur:   float64(hop*d) / float64(rate),
			vrate: fs / float64(dv),
			vhop:  float64(hop) / float64(dv),
		},
	}
}

// feed runs a block of samples through the filters.
func (e *extractor) feed(x []float32) {
	e.samples += int64(len(x))
	for e.accN > 0 && len(x) > 0 { // a decimation block begun in the last feed
		e.acc += e.clamp(x[0])
		x = x[1:]
		if e.accN++; e.accN == e.d {
			e.step(e.acc)
			e.acc, e.accN = 0, 0
		}
	}
	whole := len(x) / e.d * e.d
	for p := 0; p < whole; p += e.d {
		var s float32
		for _, v := range x[p : p+e.d] {
			s += e.clamp(v)
		}
		e.step(s)
	}
	for _, v := range x[whole:] {
		e.acc += e.clamp(v)
		e.accN++
	}
}

// fullScale is the level counted as clipping: the loudest 16-bit sample
// (32767/32768) and beyond. A recording that clips is loud where the
// converter gave out, and its sound no longer says how it was spoken.
const fullScale = 1 - 1.0/32768

// clamp keeps a sample within [-1, 1], takes NaN for silence and counts
// the samples at full scale. A float WAV may hold anything: one NaN or
// Inf, or a value near 1e38 whose square overflows, would poison every
// filter after it.
func (e *extractor) clamp(v float32) float32 {
	if v > -fullScale && v < fullScale {
		return v
	}
	if v != v { // NaN
		return 0
	}
	e.clipped++
	return max(-1, min(1, v))
}

// step takes one decimated sample (the sum of a block of d).
func (e *extractor) step(s float32) {
	h := e.hp2.step(e.hp1.step(float64(s) * e.inv))
	b := e.lpb.step(h)
	l := e.lpl.step(h)
	r := e.hpf.step(h)
	e.eb += b * b
	e.el += l * l
	e.ef += r * r
	e.vacc += e.lpv.step(h)
	if e.vk++; e.vk == e.dv {
		e.f.vsig = append(e.f.vsig, float32(e.vacc))
		e.vacc, e.vk = 0, 0
	}
	if e.hn++; e.hn == e.hop {
		n := float64(e.hop)
		e.f.band = append(e.f.band, e.eb/n)
		e.f.low = append(e.f.low, e.el/n)
		e.f.fric = append(e.f.fric, e.ef/n)
		e.eb, e.el, e.ef, e.hn = 0, 0, 0, 0
	}
}

// reserve makes room for samples more input, when its length is known,
// so the frames grow without copying.
func (e *extractor) reserve(samples int64) {
	nf := int(samples) / e.d / e.hop
	e.f.band = slices.Grow(e.f.band, nf)
	e.f.low = slices.Grow(e.f.low, nf)
	e.f.fric = slices.Grow(e.f.fric, nf)
	e.f.vsig = slices.Grow(e.f.vsig, int(samples)/e.d/e.dv+1)
}

// extract runs a whole recording through an extractor.
func extract(x []float32, rate int) *extractor {
	e := newExtractor(rate)
	e.reserve(int64(len(x)))
	e.feed(x)
	return e
}

// voicing is the peak normalised autocorrelation of the voicing band
// around frame i, over pitch periods of 70-400 Hz in a 40 ms window, and
// the lag of that peak: near 1 for vowels, low for noise, breath and
// clicks.
func (f *frames) voicing(i int) (corr float64, lag int) {
	lmin := int(f.vrate / 400)
	lmax := int(math.Ceil(f.vrate / 70))
	w := int(0.040 * f.vrate)
	c := int((float64(i) + 0.5) * f.vhop)
	start := c - (w+lmax)/2
	if start < 0 || start+w+lmax > len(f.vsig) {
		return 0, 0
	}
	x := f.vsig[start : start+w+lmax]
	e0 := dot(x[:w], x[:w])
	// el is the energy of the lagged window, slid one sample per lag.
	el := dot(x[lmin:lmin+w], x[lmin:lmin+w])
	// The best r²/(e0·el) is kept as a fraction and compared by cross
	// multiplying: no division per lag.
	bestNum, bestDen, bestLag := 0.0, 1.0, 0
	for l := lmin; l <= lmax; l++ {
		r := dot(x[:w], x[l:l+w])
		if den := e0 * el; den > 0 && r > 0 && r*r*bestDen > bestNum*den {
			bestNum, bestDen, bestLag = r*r, den, l
		}
		if l < lmax {
			a, b := float64(x[l]), float64(x[l+w])
			el += b*b - a*a
		}
	}
	return math.Sqrt(bestNum / bestDen), bestLag
}

// dot is the inner product; voicing spends most of its time here, so it
// is gonum's SIMD kernel.
func dot(a, b []float32) float64 {
	return float64(blas.Sdot(len(a), a, 1, b[:len(a)], 1))
}

var blas gonum.Implementation
