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
// sections, and sums frame energies. It is fed a block at a time, so a
// recording never has to be held whole: what it keeps grows by about
// 18 KB a second of audio (the frame energies and the voicing signal),
// not by the input's own size.
type extractor struct {
	d, hop, dv int
	inv        float64
	// hp1 and hp2 make the high-pass every band starts from; lpb and lpl
	// give the band and vowel energies, lpv the voicing signal, hpf the
	// fricative energy.
	hp1, hp2, lpb, lpl, lpv, hpf section
	hp, low, split               [6]float64 // their last samples, per filter loop
	// pend is a decimation block begun, not yet whole. The last few
	// samples of a recording (fewer than d) never make one: they are
	// neither measured nor looked at for clipping.
	pend       []float32
	h, vout    []float64 // a frame's high-passed samples; lpv's output
	eb, el, ef float64   // the frame so far
	hn         int
	vacc       float64 // the voicing sample so far
	vk         int
	f          frames
	samples    int64 // fed so far
	clipped    int64 // of those, at full scale
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
		lpb:  lowpass(min(bandTopHz, 0.45*fs), fs, math.Sqrt2/2),
		lpl:  lowpass(vowelTop, fs, math.Sqrt2/2),
		lpv:  lowpass(voiceTop, fs, math.Sqrt2/2),
		hpf:  highpass(fricLowHz, fs, math.Sqrt2/2),
		pend: make([]float32, 0, d),
		h:    make([]float64, hop), vout: make([]float64, hop),
		f: frames{
			dur:   float64(hop*d) / float64(rate),
			vrate: fs / float64(dv),
			vhop:  float64(hop) / float64(dv),
		},
	}
}

// feed takes the next block of samples.
func (e *extractor) feed(x []float32) {
	e.samples += int64(len(x))
	if len(e.pend) > 0 { // complete the decimation block begun last time
		k := min(e.d-len(e.pend), len(x))
		e.pend, x = append(e.pend, x[:k]...), x[k:]
		if len(e.pend) < e.d {
			return
		}
		e.filter(e.pend)
		e.pend = e.pend[:0]
	}
	whole := len(x) / e.d * e.d
	e.filter(x[:whole])
	e.pend = append(e.pend, x[whole:]...)
}

// filter runs whole decimation blocks through the sections, a frame's
// worth at most at a time, ending frames and voicing samples as they
// fill.
func (e *extractor) filter(x []float32) {
	for len(x) > 0 {
		h := e.h[:min(len(x)/e.d, e.hop-e.hn)]
		e.highpass(x[:len(h)*e.d], h)
		x = x[len(h)*e.d:]
		b, l := lowPair(e.lpb, e.lpl, &e.low, h)
		f := lowHigh(e.lpv, e.hpf, &e.split, h, e.vout)
		e.eb, e.el, e.ef = e.eb+b, e.el+l, e.ef+f
		vacc, vk := e.vacc, e.vk
		for _, v := range e.vout[:len(h)] {
			vacc += v
			if vk++; vk == e.dv {
				e.f.vsig = append(e.f.vsig, float32(vacc))
				vacc, vk = 0, 0
			}
		}
		e.vacc, e.vk = vacc, vk
		if e.hn += len(h); e.hn == e.hop {
			n := float64(e.hop)
			e.f.band = append(e.f.band, e.eb/n)
			e.f.low = append(e.f.low, e.el/n)
			e.f.fric = append(e.f.fric, e.ef/n)
			e.eb, e.el, e.ef, e.hn = 0, 0, 0, 0
		}
	}
}

// highpass averages each block of d samples of x and runs the averages
// through hp1 and hp2 into h. It is the filters' cascade loop with the
// decimation in it: a section waits on its last output, and the
// decimation fills that wait.
func (e *extractor) highpass(x []float32, h []float64) {
	p, q, d := e.hp1, e.hp2, e.d
	p.g *= e.inv // the averaging's 1/d, taken with the gain: x1, x2 are sums
	x1, x2, y1, y2, z1, z2 := e.hp[0], e.hp[1], e.hp[2], e.hp[3], e.hp[4], e.hp[5]
	x = x[:len(h)*d]
	for n := range h {
		var s float32
		if d == 2 { // 16 kHz, the rate of most speech files: one line, no loop
			s = e.clamp(x[2*n]) + e.clamp(x[2*n+1])
		} else {
			for _, v := range x[n*d : n*d+d] {
				s += e.clamp(v)
			}
		}
		u := float64(s)
		y := p.out(u-2*x1+x2, y1, y2)
		z := q.out(y-2*y1+y2, z1, z2)
		x1, x2, y1, y2, z1, z2 = u, x1, y, y1, z, z1
		h[n] = z
	}
	e.hp = [6]float64{x1, x2, y1, y2, z1, z2}
}

// fullScale is the level counted as clipping: the loudest 16-bit sample
// (32767/32768) and beyond. A recording that clips is loud where the
// converter gave out, and its sound no longer says how it was spoken.
const fullScale = 1 - 1.0/32768

// fullScaleBits is fullScale as float32 bits. Below it, as unsigned
// integers, are the magnitudes under full scale; at or above it the
// rest, NaN and infinities too: one comparison a sample for the common case.
var fullScaleBits = math.Float32bits(fullScale)

// clamp keeps a sample within [-1, 1], takes NaN for silence and counts
// the samples at full scale. A float WAV may hold anything: one NaN or
// Inf, or a value near 1e38 whose square overflows, would poison every
// filter after it.
func (e *extractor) clamp(v float32) float32 {
	if math.Float32bits(v)&(1<<31-1) < fullScaleBits {
		return v
	}
	if v != v { // NaN
		return 0
	}
	e.clipped++
	return max(-1, min(1, v))
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
// clicks. ls keeps products from one call to the next.
func (f *frames) voicing(i int, ls *lagSums) (corr float64, lag int) {
	lmin := int(f.vrate / 400)
	lmax := int(math.Ceil(f.vrate / 70))
	w := int(0.040 * f.vrate)
	c := int((float64(i) + 0.5) * f.vhop)
	start := c - (w+lmax)/2
	if start < 0 || start+w+lmax > len(f.vsig) {
		return 0, 0
	}
	x := f.vsig[start : start+w+lmax]
	ls.r = grow(ls.r, lmax-lmin+2) // lag 0, then lmin..lmax
	r := ls.r
	if hop := int(f.vhop); float64(hop) == f.vhop && w%hop == 0 {
		// The window is w/hop whole blocks, block i the first.
		clear(r)
		for b := range w / hop {
			for j, v := range ls.block(f.vsig, i+b, start+b*hop, hop, lmin) {
				r[j] += v
			}
		}
	} else { // an odd rate, whose frames do not fall on a grid
		r[0] = dot(x[:w], x[:w])
		for l := lmin; l <= lmax; l++ {
			r[l-lmin+1] = dot(x[:w], x[l:l+w])
		}
	}
	e0 := r[0]
	// el is the energy of the lagged window, slid one sample per lag.
	el := dot(x[lmin:lmin+w], x[lmin:lmin+w])
	// The best r²/(e0·el) is kept as a fraction and compared by cross
	// multiplying: no division per lag. The sign of r is tested last, for
	// it is a coin toss the processor cannot predict.
	bestNum, bestDen, bestLag := 0.0, 1.0, 0
	for l := lmin; l <= lmax; l++ {
		r := r[l-lmin+1]
		if den := e0 * el; den > 0 && r*r*bestDen > bestNum*den && r > 0 {
			bestNum, bestDen, bestLag = r*r, den, l
		}
		if l < lmax {
			a, b := float64(x[l]), float64(x[l+w])
			el += b*b - a*a
		}
	}
	return math.Sqrt(bestNum / bestDen), bestLag
}

// lagSums keeps, for the last few blocks of the voicing signal it was
// asked for, each block's products with itself shifted by every pitch
// lag. A block is one frame's hop and a window is four of them; voicing
// is asked for frames in runs, so a frame shares three of its blocks
// with its neighbour and costs a quarter of computing its window whole.
type lagSums struct {
	held [lagSlots]int // block number plus one; 0 when the slot is empty
	sums [lagSlots][]float64
	r    []float64 // a window's sums, per lag
}

const lagSlots = 8 // a window and a frame's neighbours each way, rounded up

// block returns the lag-0 and lmin.. products of block k, the hop samples
// of v at p: the caller's bounds check covers every lag.
func (ls *lagSums) block(v []float32, k, p, hop, lmin int) []float64 {
	slot := k % lagSlots
	s := ls.sums[slot]
	n := len(ls.r)
	if ls.held[slot] == k+1 {
		return s
	}
	s = grow(s, n)
	b := v[p : p+hop]
	s[0] = dot(b, b)
	for j := 1; j < n; j++ {
		l := lmin + j - 1
		s[j] = dot(b, v[p+l:p+l+hop])
	}
	ls.sums[slot], ls.held[slot] = s, k+1
	return s
}

// dot is the inner product; voicing spends most of its time here, so it
// is gonum's SIMD kernel.
func dot(a, b []float32) float64 {
	return float64(blas.Sdot(len(a), a, 1, b[:len(a)], 1))
}

var blas gonum.Implementation
