package pcm

import (
	"math"

	"starcoach/audio"
)

// A Meter measures the level of the samples added since its last reading.
// The zero Meter is ready to use.
type Meter struct {
	n     int
	sumSq float64
	peak  int
}

// Add takes samples and returns how many the Meter holds since its last
// reading.
func (m *Meter) Add(samples []int16) int {
	for _, s := range samples {
		m.sumSq += float64(s) * float64(s)
		m.peak = max(m.peak, abs(s))
	}
	m.n += len(samples)
	return m.n
}

// Read returns the RMS and peak level of the samples added since the last
// reading, in dBFS no lower than audio.MinDBFS, and starts over.
func (m *Meter) Read() (rms, peak float64) {
	rms = dbfs(math.Sqrt(m.sumSq/float64(max(m.n, 1))) / 32768)
	peak = dbfs(float64(m.peak) / 32768)
	*m = Meter{}
	return rms, peak
}

// abs is |s| as an int: -32768 has no int16 opposite.
func abs(s int16) int {
	if s < 0 {
		return -int(s)
	}
	return int(s)
}

// dbfs converts an amplitude relative to full scale to dBFS.
func dbfs(a float64) float64 {
	if a <= 0 {
		return audio.MinDBFS
	}
	return max(20*math.Log10(a), audio.MinDBFS)
}
