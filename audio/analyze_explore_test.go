package audio

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"starcoach/audio/wav"
	"strconv"
	"strings"
	"testing"
)

// TestExploreEdges prints, frame by frame, what the detector and the
// ground truth see around the edges of the clips named in EXPLORE (a
// substring of the clip name), in the scene EXPLORE_SCENE (clean or
// noisy): band level over the floor, voicing and its lag, the 2-8 kHz
// level and the zero-crossing rate. It is a tool, not a test: it skips
// unless EXPLORE is set.
func TestExploreEdges(t *testing.T) {
	want := os.Getenv("EXPLORE")
	if want == "" {
		t.Skip("set EXPLORE=<clip name substring> to print edge frames")
	}
	kind := os.Getenv("EXPLORE_SCENE")
	if kind == "" {
		kind = "clean"
	}
	win := 0.4
	if s := os.Getenv("EXPLORE_WIN"); s != "" {
		win, _ = strconv.ParseFloat(s, 64)
	}
	for _, c := range speechClips(t, true) {
		if !strings.Contains(c.name, want) {
			continue
		}
		var y []float32
		var lead float64
		if snr, err := strconv.ParseFloat(strings.TrimPrefix(kind, "pink"), 64); strings.HasPrefix(kind, "pink") && err == nil {
			// pinkN: the clip in pink noise alone at N dB SNR, seed 77.
			lead = 1.5
			y = addNoise(pad(c.x, c.rate, lead, 3), pinkNoise(len(c.x)+int(4.5*float64(c.rate)), 77), snr)
		} else {
			y, lead = scene(c, kind)
		}
		f := extract(y, c.rate).f
		v := newVAD(&f)
		segs := v.segments()
		hi, zc := highBand(y, c.rate, f.dur)
		var hh hist
		for i := range v.level {
			if v.level[i] > gateDB {
				hh.add(hi[i])
			}
		}
		hiFloor := hh.quantile(floorQuant)
		// Truth levels, as speechBounds computes them, on the clean clip.
		truth := truthLevels(t, c)
		fmt.Printf("== %s (%s) truth %.2f-%.2f s, floor %.1f dB, hi floor %.1f dB, segs %v\n", c.name, kind, c.on, c.off, v.floor, hiFloor, segs)
		for _, edge := range []float64{c.on, c.off} {
			from := int((lead + edge - win) / f.dur)
			to := int((lead + edge + win) / f.dur)
			fmt.Printf("  t(clip) band-floor voic lag  fric hi-floor  zcr  truthlvl-floor\n")
			for i := max(from, 0); i < min(to, len(v.level)); i++ {
				tc := float64(i)*f.dur - lead
				tl := math.NaN()
				if k := int(math.Round(tc * 100)); k >= 0 && k < len(truth.lv) {
					tl = truth.lv[k] - truth.floor
				}
				in := " "
				for _, s := range segs {
					if i >= s.start && i < s.end {
						in = "#"
					}
				}
				mark := ""
				if math.Abs(tc-edge) < f.dur/2 {
					mark = " <- truth"
				}
				fr := " "
				if v.isFric(i) {
					fr = "F"
				}
				fmt.Printf("%s%s %6.3f %6.1f %5.2f %3d %6.1f %6.1f %5.2f %6.1f%s\n", in, fr, tc, v.level[i]-v.floor, v.voicing(i), v.lags[i], v.fric[i]-v.fricFloor, hi[i]-hiFloor, zc[i], tl, mark)
			}
		}
	}
}

type truthLv struct {
	lv    []float64
	floor float64
}

// truthLevels recomputes the 10 ms sox band levels speechBounds uses.
func truthLevels(t *testing.T, c clip) truthLv {
	path := filepath.Join(sphinxData, c.name)
	if strings.HasPrefix(c.name, "espeak") {
		// Re-synthesise is not possible from the name alone; write the clip.
		path = filepath.Join(t.TempDir(), "clip.wav")
		if err := writeTestWAV(path, c.x, c.rate); err != nil {
			t.Fatal(err)
		}
	}
	lv, floor := bandLevels(t, path)
	return truthLv{lv, floor}
}

// highBand is the level above 2 kHz per frame (a second-order high-pass),
// dB, and the zero-crossing rate of the raw signal per frame.
func highBand(x []float32, rate int, dur float64) (lv, zcr []float64) {
	hop := int(math.Round(dur * float64(rate)))
	n := len(x) / hop
	lv, zcr = make([]float64, n), make([]float64, n)
	hp := highpass(2000, float64(rate), math.Sqrt2/2)
	var st [6]float64
	buf, out := make([]float64, hop), make([]float64, hop)
	prev := float32(0)
	for i := range n {
		z := 0
		for j, s := range x[i*hop : (i+1)*hop] {
			buf[j] = float64(s)
			if (s >= 0) != (prev >= 0) {
				z++
			}
			prev = s
		}
		e := lowHigh(hp, hp, &st, buf, out) // the high-pass's energy
		lv[i] = dB(e / float64(hop))
		zcr[i] = float64(z) / float64(hop)
	}
	return lv, zcr
}

func writeTestWAV(path string, x []float32, rate int) error {
	w, err := wav.Create(path, rate)
	if err != nil {
		return err
	}
	s := make([]int16, len(x))
	for i, v := range x {
		s[i] = int16(max(-32768, min(32767, math.Round(float64(v)*32768))))
	}
	if err := w.Write(s); err != nil {
		return err
	}
	return w.Close()
}

// TestExploreAnswer prints the frames around the end of the answer of
// TestAnalyzeAnswerSpokenWithin2PercentAndPause. EXPLORE_ANSWER=1.
func TestExploreAnswer(t *testing.T) {
	if os.Getenv("EXPLORE_ANSWER") == "" {
		t.Skip("set EXPLORE_ANSWER=1")
	}
	clips := speechClips(t, false)[:5]
	gaps := []float64{0.3, 1.5, 0.6, 0.4}
	rate := clips[0].rate
	x := make([]float32, rate)
	for i, c := range clips {
		x = append(x, trimmed(c)...)
		if i < len(gaps) {
			x = append(x, make([]float32, int(gaps[i]*float64(rate)))...)
		}
	}
	end := float64(len(x)) / float64(rate)
	x = append(x, make([]float32, rate)...)
	if os.Getenv("EXPLORE_ANSWER") == "noisy" {
		x = addNoise(x, pinkNoise(len(x), 21), 10)
	}
	f := extract(x, rate).f
	v := newVAD(&f)
	segs := v.segments()
	fmt.Printf("floor %.1f fricFloor %.1f fricThr %.1f (+%.1f) segs %v\n", v.floor, v.fricFloor, v.fricThr, v.fricThr-v.fricFloor, segs)
	for i := int((end - 0.4) / f.dur); i < int((end+0.1)/f.dur); i++ {
		fmt.Printf("%6.3f %6.1f %5.2f %6.1f %v\n", float64(i)*f.dur, v.level[i]-v.floor, v.voicing(i), v.fric[i]-v.fricFloor, v.isFric(i))
	}
}
