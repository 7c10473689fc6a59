package audio

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"starcoach/audio/wav"
)

// heldOut are real recordings of pocketsphinx-testdata that no rule or
// setting of the analysis was tuned on before 7 December 2026: raw 16 kHz
// 16-bit speech of other speakers than the LibriVox and cards clips. The
// onset rule of that day (onsetPlateauDB) was made looking at one of
// them, goforward, so they are held out no longer, and a new held-out
// set is the next thing the figures need.
var heldOut = []string{"goforward.raw", "numbers.raw", "something.raw", "tidigits/dhd.2934z.raw"}

// heldOutClips loads the held-out recordings, with their ground truth
// measured as for every clip (speechBounds).
func heldOutClips(t *testing.T) []clip {
	t.Helper()
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox missing: install sox (scripts/install-deps.sh --test)")
	}
	var out []clip
	for _, name := range heldOut {
		path := filepath.Join(t.TempDir(), "held.wav")
		if b, err := exec.Command("sox", "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1",
			filepath.Join(sphinxData, name), path).CombinedOutput(); err != nil {
			t.Fatalf("sox %s: %v: %s", name, err, b)
		}
		x, rate, err := wav.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, newClip(t, name, path, x, rate, 0, ""))
	}
	return out
}

// background is a clip's own room: its samples before the first word,
// 20 ms clear of it. Not those after the last word: some clips' truth
// ends before a breath or the last fricative's tail, which looped would
// be sounds, not a room.
func background(c clip) []float32 {
	return c.x[:max(int((c.on-0.02)*float64(c.rate)), 1)]
}

// roomTone returns n samples of bg looped, each join crossfaded over
// 10 ms, so that a clip's short lead-in can fill half a second.
func roomTone(bg []float32, n, rate int) []float32 {
	fade := rate / 100
	out := make([]float32, 0, n+len(bg))
	for len(out) < n {
		if len(out) == 0 || len(bg) <= 2*fade {
			out = append(out, bg...)
			continue
		}
		tail := out[len(out)-fade:]
		for i := range fade {
			w := float32(i) / float32(fade)
			tail[i] = tail[i]*(1-w) + bg[i]*w
		}
		out = append(out, bg[fade:]...)
	}
	return out[:n]
}

// roomAnswer composes an answer from real clips, speech to speech gaps[i]
// apart, each phrase carrying its own background from open s before its
// first word to open s after its last (looped from the clip where it
// has less), 1.5 s in and 3 s out, in one of three rooms:
//
//	gated  -70 dBFS room tone, out of which each phrase's background
//	       steps up with a 20 ms ramp, as a noise gate opening early
//	quiet  pink room tone at the clips' own background level: nothing
//	       steps up at the phrases' edges
//	noisy  the quiet room plus pink noise 15 dB under the speech (a
//	       laptop's fan at full speed), mains hum 20 dB under it and a
//	       key click in the lead-in and the tail
//
// It returns the recording, the first word's onset and the last's
// offset, and the pauses (the gaps of MinPause or more) as spans.
func roomAnswer(cs []clip, gaps []float64, room string, r *rand.Rand) (y []float32, on, off float64, pauses []Span) {
	rate := cs[0].rate
	at := func(s float64) int { return int(math.Round(s * float64(rate))) }
	length := 4.5
	for i, c := range cs {
		length += c.off - c.on
		if i < len(gaps) {
			length += gaps[i]
		}
	}
	y = make([]float32, at(length)+at(1))
	bgs := make([]float32, 0)
	l := layout{t: 1.5}
	for i, c := range cs {
		t := l.t
		open := 0.2 + 0.3*r.Float64()
		if i > 0 {
			open = min(open, gaps[i-1]/2)
		}
		if i < len(gaps) {
			open = min(open, gaps[i]/2)
		}
		bg := background(c)
		bgs = append(bgs, bg...)
		lead, tail := at(open), at(open)
		speech := c.x[at(c.on):at(c.off)]
		fill := roomTone(bg, lead+tail, rate)
		for j := range lead { // the clip's own lead-in, then its looped room before it
			k := at(c.on) - lead + j
			v := fill[j]
			if k >= 0 {
				v = c.x[k]
			}
			g := min(1, float32(j)/float32(rate/50))
			y[at(t)-lead+j] += g * v
		}
		copy(y[at(t):], speech)
		for j := range tail {
			k := at(c.off) + j
			v := fill[lead+j]
			if k < len(c.x) {
				v = c.x[k]
			}
			g := min(1, float32(tail-j)/float32(rate/50))
			y[at(t)+len(speech)+j] += g * v
		}
		l.add(c, gaps, i)
	}
	on, off, pauses = 1.5, l.off, l.pauses
	phrases := l.phrases
	seed := r.Uint64()
	switch room {
	case "gated":
		addRoomTone(y, roomToneDBFS, seed)
	case "quiet", "noisy":
		tone := scaleRMS(pinkNoise(len(y), seed), rms(bgs))
		for i := range y {
			y[i] += tone[i]
		}
	}
	if room == "noisy" {
		sp := speechRMS(y, rate, phrases)
		addNoiseAndHum(y, rate, sp, 15, 20, seed+1)
		addClick(y, rate, 0.4, sp*3, seed)
		addClick(y, rate, float64(len(y))/float64(rate)-0.5, sp*3, seed+1)
	}
	return y, on, off, pauses
}

// roomAnswers composes n answers of 4-8 phrases drawn at random from
// clips, with gaps of 0.3-0.9 s (never a pause) or 1.3-2.5 s (always
// one), the same for every room.
func roomAnswers(clips []clip, n int, room string, seed uint64) (as [][]float32, on, off []float64, pauses [][]Span) {
	r := rand.New(rand.NewPCG(seed, 23))
	for range n {
		k := 4 + r.IntN(5)
		var cs []clip
		var gaps []float64
		for j := range k {
			cs = append(cs, clips[r.IntN(len(clips))])
			if j < k-1 {
				g := 0.3 + 0.6*r.Float64()
				if r.IntN(3) == 0 {
					g = 1.3 + 1.2*r.Float64()
				}
				gaps = append(gaps, g)
			}
		}
		y, a, b, p := roomAnswer(cs, gaps, room, r)
		as, on, off, pauses = append(as, y), append(on, a), append(off, b), append(pauses, p)
	}
	return as, on, off, pauses
}

// edgeFigures are one detector's edge errors over a set of answers, in
// ms, and its spoken-time errors in percent.
type edgeFigures struct{ edges, spoken []float64 }

func (f *edgeFigures) add(on, off, gotOn, gotOff float64) {
	f.edges = append(f.edges, math.Abs(gotOn-on)*1000, math.Abs(gotOff-off)*1000)
	f.spoken = append(f.spoken, math.Abs((gotOff-gotOn)/(off-on)-1)*100)
}

func (f *edgeFigures) String() string {
	m, p90 := edgeStats(f.edges)
	return fmt.Sprintf("%3.0f / %3.0f ms, spoken %.1f %%", m, p90, median(f.spoken))
}

// On answers composed of real speech, run through StarCoach and WebRTC
// VAD (mode 3, its first and last 10 ms frame called speech) in the same
// test, the first and last word land at least as close as WebRTC VAD
// puts them, at the median and the 90th percentile, in a gated room, a
// quiet one and a noisy one: the four recordings held out until 7
// December 2026 alone, and all the real recordings together. Today,
// gated: 10 / 37 ms against its 10 / 120 held out, 20 / 180 against
// 40 / 232 for all. Pauses are counted, not judged here
// (TestAnalyzeAnswersTimeAndPauses judges them): these sets are harder
// than those, and the count shows by how much.
func TestEdgesAgainstWebRTCVAD(t *testing.T) {
	webrtc := webrtcVAD(t)
	sets := []struct {
		name  string
		clips []clip
	}{{"held-out", heldOutClips(t)}, {"all real", append(speechClips(t, false), heldOutClips(t)...)}}
	for _, set := range sets {
		for _, room := range []string{"gated", "quiet", "noisy"} {
			var ours, theirs edgeFigures
			var p pauseCount
			as, on, off, truth := roomAnswers(set.clips, 24, room, 5)
			rate := set.clips[0].rate
			for k, y := range as {
				a := Analyze(y, rate)
				ours.add(on[k], off[k], secs(a.SpeechStart), secs(a.SpeechEnd))
				won, woff, _ := webrtcEdges(webrtc(y, rate))
				theirs.add(on[k], off[k], won, woff)
				p.add(a.Pauses, truth[k])
			}
			t.Logf("%-8s %-5s %d answers: StarCoach %v; WebRTC VAD %v; pauses: %v", set.name, room, len(as), &ours, &theirs, p)
			om, o90 := edgeStats(ours.edges)
			wm, w90 := edgeStats(theirs.edges)
			if om > wm || o90 > w90 {
				t.Errorf("%s, %s room: edges %.0f / %.0f ms (median / p90), WebRTC VAD %.0f / %.0f ms", set.name, room, om, o90, wm, w90)
			}
		}
	}
}

// Beside Silero VAD (its model through onnxruntime, with Silero's own
// speech-timestamp settings; see scripts/silero), on the held-out set's
// answers of TestEdgesAgainstWebRTCVAD: StarCoach at or under its median
// and 90th percentile in every room. Only that set: Silero takes about
// 1.6 ms a 32 ms frame here, 90 s for these 72 answers; it was run once
// on the rest for the README.
func TestEdgesAgainstSileroVAD(t *testing.T) {
	silero := sileroVAD(t)
	clips := heldOutClips(t)
	rate := clips[0].rate
	for _, room := range []string{"gated", "quiet", "noisy"} {
		as, on, off, _ := roomAnswers(clips, 24, room, 5)
		var ours, theirs edgeFigures
		for k, segs := range silero(as, rate) {
			a := Analyze(as[k], rate)
			ours.add(on[k], off[k], secs(a.SpeechStart), secs(a.SpeechEnd))
			if len(segs) == 0 {
				theirs.add(on[k], off[k], 0, 0) // no speech found: both edges missed
				continue
			}
			theirs.add(on[k], off[k], secs(segs[0].Start), secs(segs[len(segs)-1].End))
		}
		t.Logf("held-out %-5s %d answers: StarCoach %v; Silero VAD %v", room, len(as), &ours, &theirs)
		om, o90 := edgeStats(ours.edges)
		sm, s90 := edgeStats(theirs.edges)
		if om > sm || o90 > s90 {
			t.Errorf("held-out, %s room: edges %.0f / %.0f ms (median / p90), Silero VAD %.0f / %.0f ms", room, om, o90, sm, s90)
		}
	}
}

// pauseCount tallies the pauses found against the gaps of MinPause or
// more that were there.
type pauseCount struct{ gaps, found, off, invented int }

// add counts one answer's pauses: found overlapping a gap, and of those
// off by more than 300 ms in length, or invented where no gap was.
func (c *pauseCount) add(got, truth []Span) {
	c.gaps += len(truth)
	for _, q := range got {
		i := slices.IndexFunc(truth, func(p Span) bool { return q.Start < p.End && p.Start < q.End })
		if i < 0 {
			c.invented++
			continue
		}
		c.found++
		if d := (q.End - q.Start) - (truth[i].End - truth[i].Start); d.Abs() > 300*time.Millisecond {
			c.off++
		}
	}
}

func (c pauseCount) String() string {
	return fmt.Sprintf("%d of %d found, %d off by over 300 ms, %d invented", c.found, c.gaps, c.off, c.invented)
}
