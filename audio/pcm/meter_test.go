package pcm_test

import (
	"math"
	"testing"

	"starcoach/audio"
	"starcoach/audio/pcm"
)

// tone is 100 ms at 48 kHz whose sample i is f(i).
func tone(f func(i int) int16) []int16 {
	x := make([]int16, 4800)
	for i := range x {
		x[i] = f(i)
	}
	return x
}

// sine is a 1 kHz sine whose peak is at dBFS, 100 ms at 48 kHz: whole
// cycles, with a sample on each crest.
func sine(dBFS float64) []int16 {
	a := 32768 * math.Pow(10, dBFS/20)
	return tone(func(i int) int16 { return int16(math.Round(a * math.Sin(2*math.Pi*float64(i)/48))) })
}

func TestMeter(t *testing.T) {
	tests := []struct {
		name      string
		samples   []int16
		rms, peak float64 // dBFS
	}{
		{"nothing", nil, audio.MinDBFS, audio.MinDBFS},
		{"silence", make([]int16, 4800), audio.MinDBFS, audio.MinDBFS},
		{"full-scale square", tone(func(i int) int16 {
			if i/24%2 == 0 {
				return math.MaxInt16
			}
			return math.MinInt16
		}), 0, 0},
		// A sine's RMS is its peak over √2: 3.01 dB down.
		{"-20 dBFS sine", sine(-20), -23.01, -20},
		{"-6 dBFS sine", sine(-6), -9.01, -6},
		{"one step of 16 bits", tone(func(i int) int16 { return 1 }), -90.31, -90.31},
		{"a lone step in 100 ms reads the floor", append(make([]int16, 4799), 1), audio.MinDBFS, -90.31},
	}
	for _, tt := range tests {
		var m pcm.Meter
		if n := m.Add(tt.samples); n != len(tt.samples) {
			t.Errorf("%s: Add holds %d samples, want %d", tt.name, n, len(tt.samples))
		}
		rms, peak := m.Read()
		if math.Abs(rms-tt.rms) > 0.01 || math.Abs(peak-tt.peak) > 0.01 {
			t.Errorf("%s: RMS %.3f dBFS, peak %.3f; want %.2f, %.2f", tt.name, rms, peak, tt.rms, tt.peak)
		}
	}
}

func TestMeterReadsWhatWasAddedSinceTheLastReading(t *testing.T) {
	var m pcm.Meter
	m.Add(sine(0))
	m.Read()
	x := sine(-20)
	for i := 0; i < len(x); i += 960 { // as the recorder adds: 20 ms blocks
		if n := m.Add(x[i : i+960]); n != i+960 {
			t.Fatalf("Add holds %d samples after %d, want them all", n, i+960)
		}
	}
	if rms, peak := m.Read(); math.Abs(rms-(-23.01)) > 0.01 || math.Abs(peak-(-20)) > 0.01 {
		t.Errorf("RMS %.3f dBFS, peak %.3f after a reading of 0 dBFS; want the -20 dBFS sine's -23.01, -20", rms, peak)
	}
	if rms, peak := m.Read(); rms != audio.MinDBFS || peak != audio.MinDBFS {
		t.Errorf("a reading of nothing added: RMS %.2f, peak %.2f; want the floor", rms, peak)
	}
}
