package audio

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"starcoach/audio/wav"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	sphinxData  = "/usr/share/pocketsphinx/test/data"
	librivoxDir = sphinxData + "/librivox"
	missingData = "speech test data missing: install pocketsphinx-testdata (scripts/install-deps.sh --test)"
)

// resampleLinear converts between rates by linear interpolation: good
// enough to feed the analysis other rates than the clips were made at.
func resampleLinear(x []float32, from, to int) []float32 {
	if from == to {
		return x
	}
	n := int(int64(len(x)) * int64(to) / int64(from))
	out := make([]float32, n)
	for i := range out {
		p := float64(i) * float64(from) / float64(to)
		j := int(p)
		fr := float32(p - float64(j))
		if j+1 < len(x) {
			out[i] = x[j]*(1-fr) + x[j+1]*fr
		} else {
			out[i] = x[len(x)-1]
		}
	}
	return out
}

// pinkNoise is unit-RMS 1/f noise (Paul Kellet's filtered white noise),
// the usual model of fan and room noise.
func pinkNoise(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]float32, n)
	var b0, b1, b2, b3, b4, b5, b6 float64
	for i := range out {
		w := r.NormFloat64()
		b0 = 0.99886*b0 + w*0.0555179
		b1 = 0.99332*b1 + w*0.0750759
		b2 = 0.96900*b2 + w*0.1538520
		b3 = 0.86650*b3 + w*0.3104856
		b4 = 0.55000*b4 + w*0.5329522
		b5 = -0.7616*b5 - w*0.0168980
		out[i] = float32(b0 + b1 + b2 + b3 + b4 + b5 + b6 + w*0.5362)
		b6 = w * 0.115926
	}
	return scaleRMS(out, 1)
}

func rms(x []float32) float64 { return math.Sqrt(meanSquare(x)) }

func scaleRMS(x []float32, target float64) []float32 {
	g := float32(target / rms(x))
	for i := range x {
		x[i] *= g
	}
	return x
}

// addNoise returns x plus noise scaled so that the RMS of the non-silent
// part of x is snrDB above the noise RMS.
func addNoise(x, noise []float32, snrDB float64) []float32 {
	var e float64
	k := 0
	for _, v := range x {
		if v != 0 {
			e += float64(v) * float64(v)
			k++
		}
	}
	g := float32(math.Sqrt(e/float64(max(k, 1))) / math.Pow(10, snrDB/20) / rms(noise))
	out := make([]float32, len(x))
	for i := range x {
		out[i] = x[i] + g*noise[i]
	}
	return out
}

// clip is a clean speech recording with what is known about it.
type clip struct {
	name      string
	x         []float32
	rate      int
	syllables int
	words     int // in the transcript
	// on and off bound the speech in x, seconds, from speechBounds.
	on, off float64
}

// espeakSpeeds are the -s values (words per minute) the pace check uses.
var espeakSpeeds = []int{110, 140, 175, 210, 250}

// speechClips loads the pocketsphinx clips and synthesises the espeak-ng
// texts at every speed, all listed in testdata/analysis/syllables.txt.
func speechClips(t testing.TB, withEspeak bool) []clip {
	t.Helper()
	if _, err := os.Stat(librivoxDir); err != nil {
		t.Skip(missingData)
	}
	f, err := os.Open("testdata/analysis/syllables.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var clips []clip
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) != 3 {
			t.Fatalf("syllables.txt: bad line %q", line)
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatalf("syllables.txt: %v", err)
		}
		if fields[0] != "espeak" {
			x, rate, err := wav.Read(filepath.Join(sphinxData, fields[0]))
			if err != nil {
				t.Fatal(err)
			}
			c := newClip(t, fields[0], filepath.Join(sphinxData, fields[0]), x, rate, n, fields[2])
			if end, ok := exhales[c.name]; ok {
				c.off = end
			}
			clips = append(clips, c)
			continue
		}
		if !withEspeak {
			continue
		}
		for _, speed := range espeakSpeeds {
			path := espeak(t, fields[2], speed)
			x, rate, err := wav.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			clips = append(clips, newClip(t, fmt.Sprintf("espeak-s%d %.20q", speed, fields[2]), path, x, rate, n, fields[2]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return clips
}

func newClip(t testing.TB, name, path string, x []float32, rate, syllables int, text string) clip {
	c := clip{name: name, x: x, rate: rate, syllables: syllables, words: len(strings.Fields(text))}
	c.on, c.off = speechBounds(t, path, !strings.HasPrefix(name, "espeak"))
	return c
}

// exhales are where the last word ends in clips whose recording goes on
// with an exhale, which the level rule of speechBounds takes for speech.
// 0870 ends "...for them" at 6.63 s (the band level drops to -55 dB, 10
// dB over the floor); 6.67-6.75 s rises again to -36 dB with the formants
// of an open mouth at 1 and 3 kHz and no pitch harmonics under them:
// breath, not a word.
var exhales = map[string]float64{"librivox/sense_and_sensibility_01_austen_64kb-0870.wav": 6.63}

// espeak synthesises text at speed words per minute into a WAV file in
// t.TempDir().
func espeak(t testing.TB, text string, speed int) string {
	t.Helper()
	bin, err := exec.LookPath("espeak-ng")
	if err != nil {
		t.Skip("espeak-ng missing: install espeak-ng (scripts/install-deps.sh --test)")
	}
	out := filepath.Join(t.TempDir(), "espeak.wav")
	if b, err := exec.Command(bin, "-w", out, "-s", strconv.Itoa(speed), text).CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v: %s", err, b)
	}
	return out
}

// speechBounds is the ground truth for a clean clip, measured without
// the detector under test: sox band-passes the file to 300-3400 Hz (the
// band Analyze looks at, but filtered by another implementation); the
// floor is the 5th percentile of the 10 ms frame levels, at least -70
// dBFS so that espeak's digital silence does not make every faint tail
// speech; speech runs from the first to the last stretch of 5 frames all
// 15 dB above the floor, widened while frames stay 6 dB above it to take
// in the rise and decay of the edge phonemes; a single frame under that
// does not stop the widening (cards/004 "five five": the final "v" is
// 6-10 dB above the floor for 1.22-1.33 s, with 2-8 kHz frication 15 dB
// above its own floor, but 1.21 s reads 5.7 dB, and the truth used to end
// there). In clips cut from longer recordings a short sound already
// running at the first frame is residue of the cut, not their first word.
// bandLevels is path's level per 10 ms frame in dB, band-passed by sox to
// 300-3400 Hz (independent of the code under test), and its noise floor:
// the 5th percentile, no lower than -70 dB.
func bandLevels(t testing.TB, path string) (lv []float64, floor float64) {
	t.Helper()
	bp := filepath.Join(t.TempDir(), "band.wav")
	if b, err := exec.Command("sox", path, "-t", "wav", "-e", "float", bp, "sinc", "300-3400").CombinedOutput(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			t.Skip("sox missing: install sox (scripts/install-deps.sh --test)")
		}
		t.Fatalf("sox: %v: %s", err, b)
	}
	x, rate, err := wav.Read(bp)
	if err != nil {
		t.Fatal(err)
	}
	hop := rate / 100
	lv = make([]float64, len(x)/hop)
	for i := range lv {
		lv[i] = 10 * math.Log10(meanSquare(x[i*hop:(i+1)*hop])+1e-14)
	}
	sorted := slices.Sorted(slices.Values(lv))
	return lv, max(sorted[len(sorted)/20], -70)
}

func speechBounds(t testing.TB, path string, cut bool) (on, off float64) {
	t.Helper()
	lv, floor := bandLevels(t, path)
	first, last := -1, -1
	skip := 0
	for skip < len(lv) && lv[skip] >= floor+6 {
		skip++
	}
	if skip >= 15 || !cut {
		skip = 0
	}
	for i := skip; i+5 <= len(lv); i++ {
		if slices.Min(lv[i:i+5]) >= floor+15 {
			if first < 0 {
				first = i
			}
			last = i + 5
		}
	}
	if first < 0 {
		t.Fatalf("%s: no speech in the clean clip", path)
	}
	above := func(i int) bool { return i >= 0 && i < len(lv) && lv[i] >= floor+6 }
	for first > 0 && (above(first-1) || above(first-2)) {
		first--
	}
	for last < len(lv) && (above(last) || above(last+1)) {
		last++
	}
	return float64(first) / 100, float64(last) / 100
}

func meanSquare(x []float32) float64 {
	var e float64
	for _, v := range x {
		e += float64(v) * float64(v)
	}
	return e / float64(max(len(x), 1))
}

// pad puts x between lead and tail seconds of digital silence.
func pad(x []float32, rate int, lead, tail float64) []float32 {
	out := make([]float32, int(lead*float64(rate)), int((lead+tail)*float64(rate))+len(x))
	out = append(out, x...)
	return append(out, make([]float32, int(tail*float64(rate)))...)
}

func secs(d time.Duration) float64 { return d.Seconds() }

// hum is mains hum: a fundamental and its harmonics 2-5 with falling
// amplitudes, as a ground loop or a charger puts into a laptop input.
func hum(n, rate int, freq, amp float64) []float32 {
	out := make([]float32, n)
	for i := range out {
		t := float64(i) / float64(rate)
		var v float64
		for h, a := range []float64{1, 0.5, 0.35, 0.2, 0.1} {
			v += a * math.Sin(2*math.Pi*freq*float64(h+1)*t+float64(h))
		}
		out[i] = float32(amp * v / 1.2)
	}
	return out
}

// addBreath adds a breathing-like burst: white noise shaped by a
// one-pole low-pass (breath is brightest at 0.5-2 kHz) under a raised
// cosine envelope, starting at the given second, with the given RMS.
func addBreath(x []float32, rate int, at, dur, level float64, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 11))
	s, n := int(at*float64(rate)), int(dur*float64(rate))
	a := math.Exp(-2 * math.Pi * 1500 / float64(rate))
	var lp, hp float64
	for i := range n {
		w := r.NormFloat64()
		lp = (1-a)*w + a*lp
		hp = 0.9*hp + 0.1*lp // the breath's low end is weak: subtract a slow average
		env := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n))
		if j := s + i; j >= 0 && j < len(x) {
			x[j] += float32(level * 4 * (lp - hp) * env)
		}
	}
}

// addClick adds a key or mouse click at the given second: a press and a
// release 40 ms apart, each an impulse ringing at 2.5 kHz and 6 kHz with
// decaying noise, 60 ms in all.
func addClick(x []float32, rate int, at, peak float64, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 13))
	for k, off := range []float64{0, 0.040} {
		s := int((at + off) * float64(rate))
		g := peak * []float64{1, 0.6}[k]
		for i := range int(0.020 * float64(rate)) {
			t := float64(i) / float64(rate)
			env := math.Exp(-t / 0.003)
			v := g * env * (0.5*math.Sin(2*math.Pi*2500*t) + 0.3*math.Sin(2*math.Pi*6000*t) + 0.4*r.NormFloat64())
			if j := s + i; j >= 0 && j < len(x) {
				x[j] += float32(v)
			}
		}
	}
}

// scene puts a clean clip 1.5 s into a recording 4.5 s longer than it
// and adds the named disturbance; speech RMS for the SNR figures is the
// clip's RMS over its speech.
//
//	clean  digital silence around the clip (espeak clips, which have no
//	       noise of their own, get a -50 dB floor as a real input would)
//	noisy  pink noise at 10 dB SNR, 50 Hz hum with harmonics 10 dB under
//	       the speech, an inhale ending 0.3 s before the first word and an
//	       exhale 0.3 s after the last, key clicks at both ends of the take
func scene(c clip, kind string) (y []float32, lead float64) {
	lead = 1.5
	y = pad(c.x, c.rate, lead, 3)
	if strings.HasPrefix(c.name, "espeak") {
		y = addNoise(y, pinkNoise(len(y), 9), 50)
	}
	if kind == "clean" {
		return y, lead
	}
	sp := rms(c.x[int(c.on*float64(c.rate)):int(c.off*float64(c.rate))])
	y = addNoise(y, pinkNoise(len(y), 5), 10)
	h := hum(len(y), c.rate, 50, sp/math.Sqrt(10))
	for i := range y {
		y[i] += h[i]
	}
	addBreath(y, c.rate, lead+c.on-0.8, 0.5, sp*0.18, 1)
	addBreath(y, c.rate, lead+c.off+0.3, 0.6, sp*0.18, 2)
	addClick(y, c.rate, 0.05, 0.5, 1)
	addClick(y, c.rate, float64(len(y))/float64(c.rate)-0.12, 0.5, 2)
	return y, lead
}

// edgeErrors analyses every clip in the scene and returns the onset and
// offset errors in milliseconds against the clips' ground truth, and the
// spoken-time errors in percent.
func edgeErrors(t *testing.T, kind string) (errs, spoken []float64) {
	for _, c := range speechClips(t, true) {
		y, lead := scene(c, kind)
		a := Analyze(y, c.rate)
		on := (secs(a.SpeechStart) - lead - c.on) * 1000
		off := (secs(a.SpeechEnd) - lead - c.off) * 1000
		t.Logf("%-45.45s truth %.2f-%.2f s  onset %+5.0f ms  offset %+5.0f ms  spoken %+5.1f%%  SNR %4.1f dB",
			c.name, c.on, c.off, on, off, (secs(a.Spoken)/(c.off-c.on)-1)*100, a.SNR)
		errs = append(errs, on, off)
		spoken = append(spoken, (secs(a.Spoken)/(c.off-c.on)-1)*100)
	}
	return errs, spoken
}

// checkEdges asserts that every edge error is within hard ms and the
// share within soft ms is at least share.
func checkEdges(t *testing.T, errs []float64, soft, hard, share float64) {
	t.Helper()
	within := 0
	worst := 0.0
	for _, e := range errs {
		worst = max(worst, math.Abs(e))
		if math.Abs(e) <= soft {
			within++
		}
	}
	abs := make([]float64, len(errs))
	for i, e := range errs {
		abs[i] = math.Abs(e)
	}
	slices.Sort(abs)
	t.Logf("%d edges: median |error| %.0f ms, %d within %.0f ms, worst %.0f ms", len(errs), abs[len(abs)/2], within, soft, worst)
	if worst > hard {
		t.Errorf("worst edge error %.0f ms, want <= %.0f ms", worst, hard)
	}
	if float64(within) < share*float64(len(errs)) {
		t.Errorf("%d of %d edges within %.0f ms, want %.0f%%", within, len(errs), soft, share*100)
	}
}

// Clean speech: every onset and offset within 100 ms of the ground
// truth (today: worst 80 ms, median 3 ms), and every clip's spoken time
// within 2% (today: worst 1.7%).
func TestAnalyzeCleanEdgesWithin100ms(t *testing.T) {
	errs, spoken := edgeErrors(t, "clean")
	checkEdges(t, errs, 100, 100, 1)
	worst := 0.0
	for _, e := range spoken {
		worst = max(worst, math.Abs(e))
	}
	t.Logf("spoken time: worst error %.1f%%", worst)
	if worst > 2 {
		t.Errorf("spoken time off by %.1f%%, want within 2%%", worst)
	}
}

// Pink noise at 10 dB SNR plus hum, breaths and clicks: every onset and
// offset within 250 ms (today: worst 210 ms, a phrase-final creak and
// breathy "f" in LibriVox 0930 that the noise covers in both bands).
func TestAnalyzeNoisy10dBEdgesWithin250ms(t *testing.T) {
	errs, _ := edgeErrors(t, "noisy")
	checkEdges(t, errs, 250, 250, 1)
}

// The clips in pink noise alone, another noise draw than the scenes', at
// 30-10 dB SNR: the edges degrade gracefully, not by whole words. Today
// worst 70, 140, 210 ms at 30, 20, 15 dB; at 10 dB 47 of 50 within
// 250 ms, worst 295 ms (slow espeak final fricatives).
func TestAnalyzePinkNoiseSweep(t *testing.T) {
	clips := speechClips(t, true)
	for _, tc := range []struct {
		snr, worst float64 // dB, ms
		within     int     // edges within 250 ms
	}{{30, 100, 50}, {20, 150, 50}, {15, 250, 50}, {10, 300, 47}} {
		var errs []float64
		for _, c := range clips {
			y := pad(c.x, c.rate, 1.5, 3)
			a := Analyze(addNoise(y, pinkNoise(len(y), 77), tc.snr), c.rate)
			errs = append(errs, (secs(a.SpeechStart)-1.5-c.on)*1000, (secs(a.SpeechEnd)-1.5-c.off)*1000)
		}
		worst, within := 0.0, 0
		for _, e := range errs {
			worst = max(worst, math.Abs(e))
			if math.Abs(e) <= 250 {
				within++
			}
		}
		t.Logf("%2.0f dB: worst %3.0f ms, %d of %d within 250 ms", tc.snr, worst, within, len(errs))
		if worst > tc.worst || within < tc.within {
			t.Errorf("%.0f dB: worst %.0f ms, %d within 250 ms; want <= %.0f ms and >= %d", tc.snr, worst, within, tc.worst, tc.within)
		}
	}
}

// trimmed is the clip cut to its ground-truth speech.
func trimmed(c clip) []float32 {
	return c.x[int(c.on*float64(c.rate)):int(c.off*float64(c.rate))]
}

// An answer made of the five LibriVox clips cut to their speech with
// gaps of 0.3-0.6 s and one of 1.5 s: spoken time within 1% clean and
// 2% at 10 dB SNR; exactly one pause, its start and length within 100 ms
// clean and 250 ms at 10 dB SNR.
func TestAnalyzeAnswerSpokenWithin2PercentAndPause(t *testing.T) {
	clips := speechClips(t, false)[:5]
	gaps := []float64{0.3, 1.5, 0.6, 0.4}
	rate := clips[0].rate
	x := make([]float32, rate) // 1 s before the first word
	pauseStart := 0.0
	for i, c := range clips {
		x = append(x, trimmed(c)...)
		if i < len(gaps) {
			if gaps[i] > 1 {
				pauseStart = float64(len(x)) / float64(rate)
			}
			x = append(x, make([]float32, int(gaps[i]*float64(rate)))...)
		}
	}
	spoken := float64(len(x))/float64(rate) - 1
	x = append(x, make([]float32, rate)...)
	for _, tc := range []struct {
		name       string
		snr, slack float64
		edge       float64 // seconds
	}{{"clean", 0, 0.01, 0.1}, {"10dB", 10, 0.02, 0.25}} {
		y := x
		if tc.snr > 0 {
			y = addNoise(x, pinkNoise(len(x), 21), tc.snr)
		}
		a := Analyze(y, rate)
		t.Logf("%s: onset %.2f s (truth 1.00), offset %.2f s (truth %.2f), spoken %.2f s (truth %.2f, %+.1f%%), pauses %v",
			tc.name, secs(a.SpeechStart), secs(a.SpeechEnd), 1+spoken, secs(a.Spoken), spoken, (secs(a.Spoken)/spoken-1)*100, a.Pauses)
		if d := math.Abs(secs(a.Spoken)/spoken - 1); d > tc.slack {
			t.Errorf("%s: spoken %.2f s, want %.2f s within %.0f%%", tc.name, secs(a.Spoken), spoken, tc.slack*100)
		}
		if len(a.Pauses) != 1 {
			t.Errorf("%s: %d pauses %v, want the one of 1.5 s at %.2f s", tc.name, len(a.Pauses), a.Pauses, pauseStart)
			continue
		}
		p := a.Pauses[0]
		if math.Abs(secs(p.End-p.Start)-1.5) > tc.edge || math.Abs(secs(p.Start)-pauseStart) > tc.edge {
			t.Errorf("%s: pause %v-%v, want 1.5 s from %.2f s within %.0f ms", tc.name, p.Start, p.End, pauseStart, tc.edge*1000)
		}
		if a.LongestPause != p.End-p.Start {
			t.Errorf("%s: longest pause %v, want %v", tc.name, a.LongestPause, p.End-p.Start)
		}
	}
}

// Silence and noise alone are no speech: zero spoken time, no segments.
func TestAnalyzeNoSpeechInSilenceOrNoise(t *testing.T) {
	const rate = 16000
	n := 8 * rate
	quiet := func(db float64) []float32 { return scaleRMS(pinkNoise(n, 31), math.Pow(10, db/20)) }
	withBursts := func(x []float32) []float32 {
		addBreath(x, rate, 1.0, 0.6, 0.02, 3)
		addBreath(x, rate, 4.0, 0.5, 0.02, 4)
		addClick(x, rate, 0.05, 0.5, 3)
		addClick(x, rate, 7.8, 0.5, 4)
		return x
	}
	cases := map[string][]float32{
		"digital silence":        make([]float32, n),
		"dither at -90 dBFS":     quiet(-90),
		"room tone at -60 dBFS":  quiet(-60),
		"pink noise at -25 dBFS": quiet(-25),
		"50 Hz hum":              hum(n, rate, 50, 0.1),
		"60 Hz hum over room tone": func() []float32 {
			x := quiet(-60)
			h := hum(n, rate, 60, 0.05)
			for i := range x {
				x[i] += h[i]
			}
			return x
		}(),
		"breaths and clicks":       withBursts(quiet(-60)),
		"noisy breaths and clicks": withBursts(quiet(-35)),
		"empty":                    nil,
	}
	for name, x := range cases {
		a := Analyze(x, rate)
		if a.Spoken != 0 || len(a.Segments) != 0 || a.SyllablesPerSec != 0 {
			t.Errorf("%s: spoken %v, segments %v, %.1f syllables/s; want no speech", name, a.Spoken, a.Segments, a.SyllablesPerSec)
		}
		if want := SampleRate(rate).D(int64(len(x))); a.Duration != want {
			t.Errorf("%s: duration %v, want %v", name, a.Duration, want)
		}
	}
}

// The SNR estimate tracks the mix, and LowSNR flags a take at 0 dB but
// not one at 10 dB or better.
func TestAnalyzeSNRAndLowSNR(t *testing.T) {
	c := speechClips(t, false)[0]
	x := pad(c.x, c.rate, 1.5, 1.5)
	prev := math.Inf(1)
	for _, snr := range []float64{30, 20, 10, 0} {
		a := Analyze(addNoise(x, pinkNoise(len(x), 41), snr), c.rate)
		t.Logf("mixed at %2.0f dB: estimated SNR %5.1f dB, LowSNR %v, spoken %v", snr, a.SNR, a.LowSNR, a.Spoken)
		if a.SNR >= prev {
			t.Errorf("mixed at %.0f dB: SNR estimate %.1f dB not below the previous %.1f dB", snr, a.SNR, prev)
		}
		prev = a.SNR
		if want := snr < 5; a.LowSNR != want && a.Spoken > 0 {
			t.Errorf("mixed at %.0f dB: LowSNR %v, want %v", snr, a.LowSNR, want)
		}
	}
}

// Clipped is the share of samples at full scale in the file as written:
// none in the LibriVox clips as recorded, and the same speech with 20 dB
// too much gain (what a microphone's gain turned all the way up does)
// clips on every loud vowel, well over the 0.1 % a take is warned at.
func TestAnalyzeCountsClippedSamples(t *testing.T) {
	for i, c := range speechClips(t, false)[:3] {
		loud := make([]int16, len(c.x))
		for j, v := range c.x {
			loud[j] = int16(max(-32768, min(32767, float64(v)*10*32768)))
		}
		path := filepath.Join(t.TempDir(), "loud.wav")
		w, err := wav.Create(path, c.rate)
		if err == nil {
			err = errors.Join(w.Write(loud), w.Close())
		}
		if err != nil {
			t.Fatal(err)
		}
		clean, err := AnalyzeFile(filepath.Join(sphinxData, c.name))
		if err != nil {
			t.Fatal(err)
		}
		clipped, err := AnalyzeFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("clip %d: clipped %.3f%% as recorded, %.2f%% at +20 dB; %d Hz", i, clean.Clipped*100, clipped.Clipped*100, clipped.SampleRate)
		if clean.Clipped != 0 {
			t.Errorf("%s as recorded: clipped %.4f%%, want none", c.name, clean.Clipped*100)
		}
		if clipped.Clipped < 0.002 || clipped.Clipped > 0.5 {
			t.Errorf("%s at +20 dB: clipped %.3f%%, want 0.2-50%%", c.name, clipped.Clipped*100)
		}
		if clipped.SampleRate != c.rate {
			t.Errorf("sample rate %d, want the file's %d", clipped.SampleRate, c.rate)
		}
	}
}

// The same speech at 8-48 kHz gives the same onset and offset to within
// 30 ms: the analysis decimates to a common band whatever the rate.
func TestAnalyzeSampleRatesAgree(t *testing.T) {
	c := speechClips(t, false)[1]
	x := pad(c.x, c.rate, 1, 1)
	ref := Analyze(x, c.rate)
	for _, rate := range []int{8000, 11025, 22050, 44100, 48000} {
		a := Analyze(resampleLinear(x, c.rate, rate), rate)
		t.Logf("%5d Hz: %v-%v (16 kHz: %v-%v)", rate, a.SpeechStart, a.SpeechEnd, ref.SpeechStart, ref.SpeechEnd)
		if (a.SpeechStart-ref.SpeechStart).Abs() > 30*time.Millisecond || (a.SpeechEnd-ref.SpeechEnd).Abs() > 30*time.Millisecond {
			t.Errorf("%d Hz: speech %v-%v, want %v-%v within 30 ms", rate, a.SpeechStart, a.SpeechEnd, ref.SpeechStart, ref.SpeechEnd)
		}
	}
}

func TestAnalyzeFileReadsAndAnalyses(t *testing.T) {
	path := filepath.Join(librivoxDir, "sense_and_sensibility_01_austen_64kb-0880.wav")
	if _, err := os.Stat(path); err != nil {
		t.Skip(missingData)
	}
	a, err := AnalyzeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Duration != 2990*time.Millisecond || a.Spoken < 2*time.Second || a.Spoken > a.Duration {
		t.Errorf("duration %v spoken %v, want 2.99 s and 2-2.99 s", a.Duration, a.Spoken)
	}
	if _, err := AnalyzeFile(filepath.Join(t.TempDir(), "missing.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error %v, want one wrapping os.ErrNotExist", err)
	}
}

// A float WAV may hold NaN, ±Inf or values near 1e38: the analysis ends
// (it used to loop forever on a NaN level) and measures the speech around
// them as it would without them.
func TestAnalyzeSurvivesNaNInfAndHugeSamples(t *testing.T) {
	c := speechClips(t, false)[0]
	x := pad(trimmed(c), c.rate, 1, 1)
	want := Analyze(x, c.rate)
	bad := append([]float32(nil), x...)
	for i, v := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e38, -3e38} {
		for k := range c.rate / 10 { // 0.1 s of each, in the lead-in
			bad[i*c.rate/10+k] = v
		}
	}
	for _, tc := range []struct {
		name string
		x    []float32
	}{{"mixed in", bad}, {"all NaN", func() []float32 {
		y := make([]float32, 3*c.rate)
		for i := range y {
			y[i] = float32(math.NaN())
		}
		return y
	}()}} {
		done := make(chan Analysis, 1)
		go func() { done <- Analyze(tc.x, c.rate) }()
		select {
		case a := <-done:
			t.Logf("%s: spoken %v (clean %v)", tc.name, a.Spoken, want.Spoken)
			if tc.name == "all NaN" && a.Spoken != 0 {
				t.Errorf("all NaN: %v of speech", a.Spoken)
			}
			if tc.name == "mixed in" && (a.SpeechEnd != want.SpeechEnd || a.Spoken < want.Spoken-time.Second) {
				t.Errorf("mixed in: %v to %v, clean %v to %v", a.SpeechStart, a.SpeechEnd, want.SpeechStart, want.SpeechEnd)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the analysis did not end", tc.name)
		}
	}
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// The analysis reads a file a block at a time: five minutes at 48 kHz
// cost about the frames it keeps, not the 55 MB the samples would fill as
// floats.
func TestAnalyzeFileMemoryIsNotTheFileSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.wav")
	w, err := wav.Create(path, 48000)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]int16, 48000)
	for i := range block {
		block[i] = int16(300 * math.Sin(float64(i)/7))
	}
	for range 300 {
		w.Write(block)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var a Analysis
	n := allocated(func() { a, err = AnalyzeFile(path) })
	if err != nil || a.Duration != 300*time.Second {
		t.Fatalf("analysis: %v, %v", a.Duration, err)
	}
	t.Logf("a 5-minute 48 kHz file allocated %.1f MB", float64(n)/1e6)
	if n > 12<<20 {
		t.Errorf("allocated %d bytes for 5 minutes of audio: the file is held whole", n)
	}
}
