package audio

import "math"

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

// extract decimates the input to 8-16 kHz by block averaging (an integer
// factor, so no resampling cost), band-limits it with IIR sections, and
// sums frame energies in the same pass.
func extract(x []float32, rate int) frames {
	d := max(1, rate/8000)
	fs := float64(rate) / float64(d)
	hop := max(1, int(math.Round(fs*frameSec)))
	dv := max(1, int(fs/voiceRate))
	nf := len(x) / d / hop
	f := frames{
		dur:   float64(hop*d) / float64(rate),
		band:  make([]float64, nf),
		low:   make([]float64, nf),
		fric:  make([]float64, nf),
		vsig:  make([]float32, 0, nf*hop/dv+1),
		vrate: fs / float64(dv),
		vhop:  float64(hop) / float64(dv),
	}
	// Fourth-order high-pass: 50 Hz hum ends up 60 dB down, its third
	// harmonic 24 dB down.
	hp1, hp2 := highpass(bandLowHz, fs, 0.5412), highpass(bandLowHz, fs, 1.3066)
	lpb := lowpass(min(bandTopHz, 0.45*fs), fs, math.Sqrt2/2)
	lpl := lowpass(vowelTop, fs, math.Sqrt2/2)
	lpv := lowpass(voiceTop, fs, math.Sqrt2/2)
	hpf := highpass(fricLowHz, fs, math.Sqrt2/2)
	inv := 1 / float64(d)
	var vacc float64
	vk := 0
	p := 0
	for fi := range nf {
		var eb, el, ef float64
		for range hop {
			var s float32
			for _, v := range x[p : p+d] {
				s += clampSample(v)
			}
			p += d
			h := hp2.step(hp1.step(float64(s) * inv))
			b := lpb.step(h)
			l := lpl.step(h)
			r := hpf.step(h)
			eb += b * b
			el += l * l
			ef += r * r
			vacc += lpv.step(h)
			if vk++; vk == dv {
				f.vsig = append(f.vsig, float32(vacc))
				vacc, vk = 0, 0
			}
		}
		f.band[fi] = eb / float64(hop)
		f.low[fi] = el / float64(hop)
		f.fric[fi] = ef / float64(hop)
	}
	return f
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
	var e0 float64
	for _, v := range x[:w] {
		e0 += float64(v) * float64(v)
	}
	// el is the energy of the lagged window, slid one sample per lag.
	var el float64
	for _, v := range x[lmin : lmin+w] {
		el += float64(v) * float64(v)
	}
	best, bestLag := 0.0, 0
	for l := lmin; l <= lmax; l++ {
		r := dot(x[:w], x[l:l+w])
		if den := e0 * el; den > 0 && r > 0 {
			if c := r * r / den; c > best {
				best, bestLag = c, l
			}
		}
		if l < lmax {
			a, b := float64(x[l]), float64(x[l+w])
			el += b*b - a*a
		}
	}
	return math.Sqrt(best), bestLag
}

// dot is the inner product, with four accumulators so that the adds do
// not wait on each other: voicing spends most of its time here.
func dot(a, b []float32) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return float64(s0 + s1 + s2 + s3)
}
