package audio

import "math"

// Voice activity detection tuning. Levels are in dB of 300-3400 Hz
// energy relative to the estimated noise floor.
const (
	// gateDB is an absolute level under which a frame is digital silence
	// or a muted input: such frames never set the noise floor, or a
	// recording padded with zeros would call its room tone speech.
	gateDB      = -90.0
	floorQuant  = 0.10 // quantile of frame levels taken as the noise floor
	onAboveDB   = 7.0  // a segment needs a frame this far above the floor
	offAboveDB  = 3.5  // and extends while frames stay this far above it
	voicedCorr  = 0.60 // autocorrelation peak that counts a frame as voiced
	minVoiced   = 5    // steadily voiced frames a segment needs to count as speech
	mergeGapSec = 0.30 // shorter gaps are part of the same segment
	// Unvoiced sound at the edge of speech: kept up to this long (an "s",
	// an "h"), beyond it taken for breath.
	maxUnvoicedSec = 0.30
	minUnvoicedSec = 0.10 // an unvoiced run next to speech must outlast a click
	minLoudSec     = 0.05 // or, as loud as speech, a click's few milliseconds
	loudBelowDB    = 6.0  // and peak at most this far below the speech median
	tightGapSec    = 0.10 // or follow it this closely, as a final "ks" does
	// A fricative frame is this far above the fricative band's own floor
	// and this much further above it there than in the speech band: an
	// "s" or "f" is bright, vowels, breath and pink noise are not.
	fricAboveDB  = 6.0
	fricBrightDB = 3.0
	// and within this of the speech's loud fricative-band frames: in a
	// quiet room a faint hiss at the floor is 40 dB under the speech and
	// not part of it; in noise a buried "s" is close to it.
	fricRangeDB = 20.0
	minFricSec  = 0.04 // a fricative run lasts this long, a click less
	// A fricative at the edge of speech may follow or precede it by this
	// much: a stop closure ("six", "weeks") or a weak "n" or "th" buried
	// in the noise ("months").
	fricGapSec = 0.15
	// and, apart from the voice, peaks within fricApartDB of the
	// speech's loud fricative frames: a word's own "s" after a closure
	// is, a sound in the room after the last word is fainter.
	fricApartDB = 12.0
	// Behind a noise gate or noise suppression the floor is very low, and
	// what comes up before the first word or after the last (the gate
	// opening on the room, a breath) is louder than it by far. At a
	// phrase's edge, the unvoiced stretch next to the voice counts only
	// while it rises riseDB above that stretch's quiet part (its
	// riseQuant quantile), when the quiet part stands plateauDB above the
	// floor and edgeBelowDB under the speech, for what it would cut is at
	// least minRiseSec long and holds neither voice nor a fricative. The
	// speech's own slope into the quiet part stays down to slopeDB above
	// it.
	riseDB      = 6.0
	riseQuant   = 0.2
	plateauDB   = 8.0
	edgeBelowDB = 12.0
	slopeDB     = 3.0
	minRiseSec  = 0.08
	// A steady voice roomBelowDB or more under the speech's median, at a
	// phrase's edge, is the room's (a hum in the recording), not a word:
	// the edges are walked from the voice above it.
	roomBelowDB = 24.0
	// A word starts abruptly and ends in a decay: before the first word
	// a plateau counts from onsetPlateauDB above the floor (a gate
	// opening on a quiet room, a click where it opens); after the last,
	// plateauDB keeps a slow decay over a room a little above the floor.
	onsetPlateauDB = 4.0
	// A fricative resuming within resumeSec of the voice goes on the word.
	resumeSec = 0.04
)

// vad holds the detection state for one recording.
type vad struct {
	f             *frames
	level         []float64 // smoothed band level per frame, dB
	floor         float64   // noise floor, dB
	fric          []float64 // smoothed fricative band level per frame, dB
	fricFloor     float64   // its noise floor, dB
	fricThr       float64   // fricative frames are above this, dB
	fricLoud      float64   // a fricative apart from the voice peaks above this, dB
	thrOn, thrOff float64
	median        float64   // speech's median level, dB
	voiced        []float32 // voicing per frame, cached; -1 until computed
	lags          []int16   // pitch lag of the voicing peak per frame
	scratch       []float64 // the syllable detector's envelope
	sums          lagSums   // the voicing check's products, kept between frames
}

func newVAD(f *frames) *vad {
	v := &vad{}
	v.reset(f)
	return v
}

// reset prepares v for f, reusing its slices: the live clock analyses a
// growing recording over and over.
func (v *vad) reset(f *frames) {
	n := len(f.band)
	*v = vad{
		f:       f,
		level:   grow(v.level, n),
		fric:    grow(v.fric, n),
		voiced:  grow(v.voiced, n),
		lags:    grow(v.lags, n),
		scratch: v.scratch,
		sums:    lagSums{sums: v.sums.sums, r: v.sums.r},
	}
	var h, hf hist
	for i := range f.band {
		// 30 ms smoothing: one-frame dips inside a syllable do not split it.
		lo, hi := max(i-1, 0), min(i+1, len(f.band)-1)
		var e, ef float64
		for j := lo; j <= hi; j++ {
			e += f.band[j]
			ef += f.fric[j]
		}
		v.level[i] = dB(e / float64(hi-lo+1))
		v.fric[i] = dB(ef / float64(hi-lo+1))
		if v.level[i] > gateDB {
			h.add(v.level[i])
			hf.add(v.fric[i])
		}
		v.voiced[i] = -1
	}
	// The floor is a low quantile of the non-silent frames: that is the
	// lead-in before the candidate starts plus the gaps between phrases,
	// calibrated on this recording rather than fixed.
	v.floor = max(h.quantile(floorQuant), gateDB)
	v.fricFloor = max(hf.quantile(floorQuant), gateDB)
	v.thrOn = v.floor + onAboveDB
	v.thrOff = v.floor + offAboveDB
	if h.n == 0 {
		v.thrOn, v.thrOff = math.Inf(1), math.Inf(1)
	}
}

// grow returns s with length n, reallocated only when too small.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func (v *vad) voicing(i int) float64 {
	if v.voiced[i] < 0 {
		c, l := v.f.voicing(i, &v.sums)
		v.voiced[i], v.lags[i] = float32(c), int16(l)
	}
	return float64(v.voiced[i])
}

// steadyVoice reports whether frames i and i+1 are both voiced at about
// the same pitch. Noise sometimes correlates at one lag or another; a
// voice holds its pitch from one 10 ms frame to the next.
func (v *vad) steadyVoice(i int) bool {
	if i+1 >= len(v.level) || v.voicing(i) < voicedCorr || v.voicing(i+1) < voicedCorr {
		return false
	}
	a, b := int(v.lags[i]), int(v.lags[i+1])
	return abs(a-b) <= max(1, min(a, b)/10)
}

// frameSpan is a half-open range of frames. cutStart and cutEnd say an
// edge was cut out of a plateau of room (rise): past it the room may hold
// fainter sounds that are not the word's.
type frameSpan struct {
	start, end       int
	cutStart, cutEnd bool
}

// candidate is a run of frames above thrOff that reaches thrOn.
type candidate struct {
	frameSpan
	peak   float64 // loudest frame, dB
	voiced bool    // holds a run of steadily voiced frames
	// first and last are the first and last steadily voiced frames.
	first, last int
	keep        bool
}

// segments finds speech. Runs of frames above the floor are candidates;
// those holding a steady voice are speech. Their unvoiced edges are cut
// back to maxUnvoicedSec from the outermost loud frame unless loud like
// speech, so that an inhale touching the first word does not pull the
// onset while a final "s" stays. Runs without a steady voice count only
// next to speech, longer than a click, and either right after a stop
// closure and fricative (a final "ks") or voiced now and then or as loud
// as speech (a creaky or whispered last word): breath is quieter and
// further off, clicks are short. Surviving runs closer than mergeGapSec
// are merged, then widened over the fricatives at their edges.
func (v *vad) segments() []frameSpan {
	cands := v.candidates()
	var h, hf hist
	for i := range cands {
		c := &cands[i]
		c.first = v.firstVoiced(c.start, c.end, 1, v.thrOn)
		c.voiced = c.first >= 0
		if c.voiced {
			// How loud speech is, from the voiced stretch only: the
			// unvoiced edges may be a long plateau of background.
			c.last = v.firstVoiced(c.end-2, c.start-1, -1, v.thrOn) + 1
			for j := c.first; j <= c.last; j++ {
				h.add(v.level[j])
			}
			for j := c.start; j < c.end; j++ {
				hf.add(v.fric[j])
			}
		}
	}
	v.median = h.quantile(0.5)
	loud := v.median - loudBelowDB
	v.fricThr = max(v.fricFloor+fricAboveDB, hf.quantile(0.9)-fricRangeDB)
	v.fricLoud = hf.quantile(0.9) - fricApartDB
	edge := int(maxUnvoicedSec / v.f.dur)
	gap := int(mergeGapSec / v.f.dur)
	minLen := int(minUnvoicedSec / v.f.dur)
	minLoud := int(minLoudSec / v.f.dur)
	tight := int(tightGapSec / v.f.dur)
	voicedEnd, keptEnd := math.MinInt/2, math.MinInt/2 // of the speech before
	for i := range cands {
		c := &cands[i]
		if c.voiced {
			c.keep = true
			first, last := c.first, c.last
			if f := v.firstVoiced(c.start, c.end, 1, v.median-roomBelowDB); f >= 0 {
				first = f
				last = v.firstVoiced(c.end-2, c.start-1, -1, v.median-roomBelowDB) + 1
			}
			// A phrase often ends in creak, which the voicing test misses:
			// the unvoiced edge counts from the outermost loud frame.
			for j := c.start; j < first; j++ {
				if v.level[j] >= loud {
					first = j
					break
				}
			}
			for j := c.end - 1; j > last; j-- {
				if v.level[j] >= loud {
					last = j
					break
				}
			}
			// At a phrase's edges only: inside one, the gaps merge anyway.
			if i == 0 || c.start-cands[i-1].end >= gap {
				if s := v.rise(c.start, first, -1); s != c.start {
					c.start, c.cutStart = s, true
				}
			}
			if i == len(cands)-1 || cands[i+1].start-c.end >= gap {
				if e := v.rise(c.end-1, last, 1) + 1; e != c.end {
					c.end, c.cutEnd = e, true
				}
			}
			for c.start < first-edge && v.level[c.start] < loud {
				c.start++
			}
			for c.end > last+1+edge && v.level[c.end-1] < loud {
				c.end--
			}
			voicedEnd, keptEnd = c.end, c.end
			continue
		}
		if n := c.end - c.start; n < minLen && (c.peak < loud || n < minLoud) {
			continue
		}
		// Distance to the voiced speech before and after, in frames, and
		// to the speech kept before, which may be a voiceless run: a
		// click between them does not part them.
		after, kept, before := c.start-voicedEnd, c.start-keptEnd, len(v.level)
		for j := i + 1; j < len(cands) && cands[j].start-c.end < gap; j++ {
			if cands[j].voiced {
				before = cands[j].start - c.end
				break
			}
		}
		d := min(kept, before)
		c.keep = after < tight && v.fricFrames(c.start, c.end) >= v.minFric() ||
			d < gap && (c.peak >= loud || v.someVoice(c.start, c.end))
		if c.keep {
			keptEnd = c.end
		}
	}
	var segs []frameSpan
	for _, c := range cands {
		if !c.keep {
			continue
		}
		if k := len(segs) - 1; k >= 0 && c.start-segs[k].end < gap {
			if c.end > segs[k].end {
				segs[k].end, segs[k].cutEnd = c.end, c.cutEnd
			}
		} else {
			segs = append(segs, c.frameSpan)
		}
	}
	v.extendFricatives(segs, edge, int(fricGapSec/v.f.dur))
	// The levels are smoothed over three frames, so the loud frame next
	// to an edge pulls the one outside it over the thresholds: drop that
	// one when on its own it is neither above thrOff nor fricative.
	for k := range segs {
		s := &segs[k]
		if s.end-s.start > 2 && !v.rawSpeech(s.start) {
			s.start++
		}
		if s.end-s.start > 2 && !v.rawSpeech(s.end-1) {
			s.end--
		}
	}
	return segs
}

// rise walks an unvoiced edge from the speech frame `from` out towards
// `bound` (inclusive) by step, over the frames that rise above the
// edge's quiet part or sound like a fricative and then down the
// speech's slope, and returns the last frame it keeps: bound when the
// edge has no plateau of background to leave (see riseDB).
func (v *vad) rise(bound, from, step int) int {
	lo, hi := min(bound, from), max(bound, from)
	if hi-lo < int(minRiseSec/v.f.dur) {
		return bound
	}
	var h hist
	for i := lo; i <= hi; i++ {
		h.add(v.level[i])
	}
	quiet := h.quantile(riseQuant)
	plateau := plateauDB
	if step < 0 {
		plateau = onsetPlateauDB
	}
	if quiet < v.floor+plateau || quiet > v.median-edgeBelowDB {
		return bound // the floor, or quiet speech: what fades into it stays
	}
	i := from
	for {
		for i != bound && (v.level[i+step] >= quiet+riseDB || v.isFric(i+step)) {
			i += step
		}
		for i != bound && v.level[i+step] < v.level[i] && v.level[i+step] > quiet+slopeDB {
			i += step
		}
		// Where a fricative goes on within resumeSec and fills half the
		// next minRiseSec, the word goes on (a released "d", a final
		// "s", an "f" that noise breaks up); a fricative frame here and
		// there in the plateau, or a sound after a dip, is the room.
		last, n := i, 0
		for j, k := i, 0; j != bound && k < int(minRiseSec/v.f.dur); k++ {
			if j += step; v.isFric(j) {
				last, n = j, n+1
			} else if n == 0 && k+1 >= int(resumeSec/v.f.dur) {
				break
			}
		}
		if 2*n < int(minRiseSec/v.f.dur) {
			break
		}
		i = last
	}
	if i == bound {
		return bound
	}
	lo, hi = min(bound, i+step), max(bound, i+step)
	// A quiet word left in what would be cut rises out of the plateau; a
	// hum in the room, steady but no louder than it, does not.
	if hi-lo+1 < int(minRiseSec/v.f.dur) || v.firstVoiced(lo, hi+1, 1, max(quiet+riseDB, v.thrOn)) >= 0 {
		return bound
	}
	return i
}

// rawSpeech reports whether frame i, unsmoothed, is above thrOff in the
// speech band or fricative.
func (v *vad) rawSpeech(i int) bool {
	b, f := dB(v.f.band[i]), dB(v.f.fric[i])
	return b >= v.thrOff || f >= v.fricThr && (f-v.fricFloor)-(b-v.floor) >= fricBrightDB
}

// isFric reports whether frame i sounds like a fricative: bright, well
// above the fricative band's floor.
func (v *vad) isFric(i int) bool {
	ex := v.fric[i] - v.fricFloor
	return v.fric[i] >= v.fricThr && ex-(v.level[i]-v.floor) >= fricBrightDB
}

func (v *vad) minFric() int { return max(1, int(minFricSec/v.f.dur)) }

// fricFrames counts the fricative frames in [s, e).
func (v *vad) fricFrames(s, e int) int {
	n := 0
	for i := s; i < e; i++ {
		if v.isFric(i) {
			n++
		}
	}
	return n
}

// fricRun returns the end of a run of at least minFricSec fricative
// frames walking from `from` by step, starting within `lead` frames and
// not reaching `limit`; or `from` if there is none. A run after a
// closure must last twice as long: a cut or a click is brief; and a run
// not touching `from` must peak at loud or above.
func (v *vad) fricRun(from, limit, step, lead int, loud float64) int {
	need := v.minFric()
	i := from
	gapped := false // by a closure: silence in the fricative band too
	for k := 0; k < lead && i != limit && !v.isFric(i); k++ {
		gapped = gapped || v.fric[i] < v.fricFloor+fricAboveDB/2
		i += step
	}
	apart := i != from
	n, peak := 0, math.Inf(-1)
	for i != limit && v.isFric(i) {
		peak = max(peak, v.fric[i])
		i += step
		n++
	}
	if gapped {
		need *= 2
	}
	if n < need || apart && peak < loud {
		return from
	}
	return i
}

// extendFricatives widens the segments over fricatives at their edges,
// up to edge frames: an initial "f" or final "s" is often under the
// speech-band floor in noise but stands out in the fricative band. A
// stop closure of up to lead frames may come between ("six", "weeks").
// Past an edge cut out of a plateau of room, such a fricative must be
// loud like the speech's own (fricLoud): the room holds fainter sounds.
func (v *vad) extendFricatives(segs []frameSpan, edge, lead int) {
	loud := func(cut bool) float64 {
		if cut {
			return v.fricLoud
		}
		return math.Inf(-1)
	}
	for k := range segs {
		s := &segs[k]
		lo, hi := 0, len(v.level)
		if k > 0 {
			lo = segs[k-1].end
		}
		if k+1 < len(segs) {
			hi = segs[k+1].start
		}
		if e := v.fricRun(s.end, min(hi, s.end+edge), 1, lead, loud(s.cutEnd)); e > s.end {
			s.end = e
		}
		if b := v.fricRun(s.start-1, max(lo, s.start-edge)-1, -1, lead, loud(s.cutStart)); b < s.start-1 {
			s.start = b + 1
		}
	}
}

// someVoice reports whether a quarter of the frames [s, e) above thrOn,
// and at least minVoiced, are voiced, steady or not: the weaker test for
// sound right next to speech. Noise passes the voicing test by chance in
// fewer frames than that.
func (v *vad) someVoice(s, e int) bool {
	n, loud := 0, 0
	for i := s; i < e; i++ {
		if v.level[i] >= v.thrOn {
			loud++
			if v.voicing(i) >= voicedCorr {
				n++
			}
		}
	}
	return n >= minVoiced && 4*n >= loud
}

func (v *vad) candidates() []candidate {
	var cands []candidate
	n := len(v.level)
	for i := 0; i < n; {
		if !(v.level[i] >= v.thrOff) { // NaN too: every frame moves the walk on
			i++
			continue
		}
		c := candidate{frameSpan: frameSpan{start: i}, peak: math.Inf(-1)}
		for i < n && v.level[i] >= v.thrOff {
			c.peak = max(c.peak, v.level[i])
			i++
		}
		c.end = i
		if c.peak >= v.thrOn {
			cands = append(cands, c)
		}
	}
	return cands
}

// firstVoiced walks frames from `from` towards `to` (exclusive) by step
// and returns the first that starts a run of minVoiced frames at level or
// louder voiced at a steady pitch, or -1. The walk stops at the first
// such run, so voicing is computed for few frames of a long speech
// segment.
func (v *vad) firstVoiced(from, to, step int, level float64) int {
	run := 0
	for i := from; i != to && i >= 0 && i+1 < len(v.level); i += step {
		if v.level[i] >= level && v.steadyVoice(i) {
			if run++; run == minVoiced-1 {
				return i - step*(minVoiced-2)
			}
		} else {
			run = 0
		}
	}
	return -1
}

// snr estimates the speech-to-noise ratio in the band: mean speech-frame
// energy over the median energy of the non-speech, non-silent frames.
func (v *vad) snr(segs []frameSpan) float64 {
	var h hist
	var sp float64
	ns := 0
	k := 0
	for i, l := range v.level {
		for k < len(segs) && i >= segs[k].end {
			k++
		}
		if k < len(segs) && i >= segs[k].start {
			sp += v.f.band[i]
			ns++
		} else if l > gateDB {
			h.add(l)
		}
	}
	if ns == 0 {
		return 0
	}
	noise := math.Pow(10, max(h.quantile(0.5), gateDB)/10)
	if h.n == 0 {
		noise = math.Pow(10, gateDB/10)
	}
	return dB(max(sp/float64(ns)-noise, 0)) - dB(noise)
}
