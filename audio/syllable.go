package audio

// Syllable nuclei after de Jong and Wempe (2009): peaks of the intensity
// contour that are loud enough, stand out from the dip before them, and
// are voiced. On connected speech neighbouring syllables still merge, the
// more the faster one speaks; practice.PaceCalibration undoes that, and
// these settings are the ones that, with it, came closest to the words a
// minute of transcribed real speech (audio/pace_test.go).
const (
	nucleusHalfWin = 3    // frames each side of the intensity smoothing
	nucleusRangeDB = 20.0 // peaks within this of the loud frames (their -20 dB)
	nucleusFloorDB = 6.0  // and this far above the noise floor
	minDipDB       = 1.5  // rise needed over the dip between two nuclei
)

// nuclei counts syllable nuclei inside the speech segments, on the
// 300-900 Hz band where vowels carry their energy and consonants little.
func (v *vad) nuclei(segs []frameSpan) int {
	f := v.f
	v.scratch = grow(v.scratch, len(f.low))
	in := v.scratch
	var h hist
	for _, s := range segs {
		for i := s.start; i < s.end; i++ {
			lo, hi := max(i-nucleusHalfWin, 0), min(i+nucleusHalfWin, len(f.low)-1)
			var e float64
			for j := lo; j <= hi; j++ {
				// Triangular weights: smooth, yet keeps the dips between
				// syllables at fast rates.
				e += f.low[j] * float64(nucleusHalfWin+1-abs(j-i))
			}
			in[i] = dB(e / float64((nucleusHalfWin+1)*(nucleusHalfWin+1)))
			h.add(in[i])
		}
	}
	// The low band has its own noise floor, estimated like the band's.
	var fh hist
	for i, l := range v.level {
		if l > gateDB {
			fh.add(dB(f.low[i]))
		}
	}
	lowFloor := fh.quantile(floorQuant)
	thr := max(h.quantile(0.99)-nucleusRangeDB, lowFloor+nucleusFloorDB)

	count := 0
	for _, s := range segs {
		last := -1 // last accepted peak in this segment
		for i := s.start + 1; i < s.end-1; i++ {
			if in[i] < thr || in[i] < in[i-1] || in[i] <= in[i+1] {
				continue
			}
			// i is a local peak above threshold.
			if last >= 0 {
				dip := in[last]
				for j := last + 1; j < i; j++ {
					dip = min(dip, in[j])
				}
				if in[last]-dip < minDipDB || in[i]-dip < minDipDB {
					// Same nucleus: keep the higher peak.
					if in[i] > in[last] {
						last = i
					}
					continue
				}
				if v.voicingNear(last) {
					count++
				}
			}
			last = i
		}
		if last >= 0 && v.voicingNear(last) {
			count++
		}
	}
	return count
}

// voicingNear checks voicing at frame i and its neighbours: the peak of
// intensity and the steadiest periodicity need not share a frame.
func (v *vad) voicingNear(i int) bool {
	for j := max(i-1, 0); j <= min(i+1, len(v.level)-1); j++ {
		if v.voicing(j) >= voicedCorr {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
