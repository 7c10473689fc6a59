package ui

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"starcoach/practice"
)

// noisyWAV is real speech under white noise twice its level, as a laptop
// microphone beside a loud fan gives.
func (g *rig) noisyWAV(name string, secs float64) string {
	x := append(append(silence(g.rate, 0.8), speech(g.clips, g.rate, secs)...), silence(g.rate, 1.2)...)
	level := 2 * rmsOf(speech(g.clips, g.rate, secs))
	seed := uint32(7)
	for i := range x {
		seed = seed*1664525 + 1013904223
		x[i] += (float32(seed>>8)/float32(1<<24) - 0.5) * float32(level*3.46) // uniform: RMS = width/√12
	}
	return writeWAV(g.t, filepath.Join(g.dir, name+".wav"), g.rate, x)
}

// loudWAV is real speech with the gain 20 dB too high: every loud vowel
// is cut flat at full scale.
func (g *rig) loudWAV(name string, secs float64) string {
	x := speech(g.clips, g.rate, secs)
	for i := range x {
		x[i] = max(-1, min(1, x[i]*10))
	}
	return writeWAV(g.t, filepath.Join(g.dir, name+".wav"), g.rate, silence(g.rate, 0.8), x, silence(g.rate, 1.2))
}

func rmsOf(x []float32) float64 {
	var e float64
	for _, v := range x {
		e += float64(v) * float64(v)
	}
	return math.Sqrt(e / float64(len(x)))
}

// A take too noisy, too loud or with input lost is still timed, but its
// result says plainly not to trust it and what to do, the History row
// marks the attempt and its detail says why. Regression: a recording too
// noisy to trust got "on target" and nothing else.
func TestUntrustworthyTakesAreSaid(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.StepByStep)
	g.press(fyne.KeyReturn)
	st := g.u.rehearsal.step

	s := g.record(g.noisyWAV("noisy", 25))
	if c := s.Counted(practice.Situation); c == nil || !c.Noisy {
		t.Fatalf("the noisy take: %+v", c)
	}
	if st.verdict.Importance != widget.MediumImportance {
		t.Errorf("a noisy take's verdict is coloured %v: a green on target would stand over the warning", st.verdict.Importance)
	}
	if !strings.Contains(st.detail.Text, "too noisy to count syllables") {
		t.Errorf("a noisy take's pace is not said to be unknown for the noise: %q", st.detail.Text)
	}
	t.Logf("noisy: %s / %s", st.verdict.Text, st.trust.Text)
	if !strings.HasPrefix(st.verdict.Text, "Spoken ") || !st.trust.Visible() ||
		!strings.Contains(st.trust.Text, "Do not trust this measurement. Too noisy: your voice was only") ||
		!strings.Contains(st.trust.Text, "Find a quieter place") {
		t.Errorf("noisy take: verdict %q, warning %q (shown %v)", st.verdict.Text, st.trust.Text, st.trust.Visible())
	}
	if !strings.Contains(st.detail.Text, "Pace not estimated") {
		t.Errorf("noisy take's detail %q gives a pace", st.detail.Text)
	}

	// A sound redo replaces it.
	s = g.record(g.speechWAV("clean", 25))
	if c := s.Counted(practice.Situation); c == nil || c.Noisy || st.trust.Visible() {
		t.Errorf("a clean redo: counted %+v, warning %q", c, st.trust.Text)
	}

	// A doubtful redo does not replace it; the candidate is told why, and
	// may choose it.
	g.mic.overflows = 2
	s = g.record(g.loudWAV("loud", 25))
	if c := s.Counted(practice.Situation); c == nil || c.Overflows != 0 {
		t.Errorf("a loud redo with input lost replaced the clean take: %+v", c)
	}
	if !st.notice.Visible() || !strings.Contains(st.notice.Text, "figures are in doubt (audio lost, clipped)") {
		t.Errorf("the step screen says %q", st.notice.Text)
	}
	g.choose(st.takeList, st.takeList.Options[2])
	c := g.snap().Counted(practice.Situation)
	t.Logf("loud: clipped %.2f%%, SNR %.1f dB; %s", c.Clipped*100, c.SNR, st.trust.Text)
	for _, want := range []string{"Audio was lost 2 times", "Too loud: ", "Close busy programs. Turn the input gain down or sit a little further back, then record it again."} {
		if !strings.Contains(st.trust.Text, want) {
			t.Errorf("loud take with input lost: warning %q does not say %q", st.trust.Text, want)
		}
	}
	if strings.Contains(st.trust.Text, "noisy") {
		t.Errorf("the loud take is called noisy: %q", st.trust.Text)
	}

	g.press(fyne.KeyEscape) // leave: the attempt stays in History, marked
	g.settle("back to Study", func() bool { return g.u.rehearsal == nil })
	h := g.openHistory()
	if !containsText(shownTexts(g.u.win.Canvas().Content()), "Left · Audio lost · ") {
		t.Errorf("History row: %q, want it marked \"Audio lost\"", shownTexts(g.u.win.Canvas().Content()))
	}
	h.list.Select(0)
	g.settle("the detail", func() bool { return h.detail != nil })
	texts := shownTexts(h.detail.content)
	if !containsText(texts, "Do not trust this measurement. Audio was lost 2 times") {
		t.Errorf("attempt detail: %q, want the warning", texts)
	}
	if !containsText(texts, "not to be trusted: noisy") || !containsText(texts, "not to be trusted: audio lost, clipped") {
		t.Errorf("attempt detail: %q, want each doubtful take marked", texts)
	}
}

// A mock answer with input lost says so under the whole answer, and each
// step's verdict carries it: the loss is the recording's, not a step's.
func TestMockWithInputLostIsSaid(t *testing.T) {
	g := newRig(t)
	g.rehearse(practice.Mock)
	g.press(fyne.KeyReturn)
	m := g.u.rehearsal.mock
	wav, marks := g.mockWAV([]float64{12, 8, 20, 8, 6})
	g.mic.overflows = 1
	g.speakMock(wav, marks, false)
	if !m.trust.Visible() || !strings.HasPrefix(m.trust.Text, "Do not trust this measurement. Audio was lost once") {
		t.Errorf("under the whole answer: %q (shown %v)", m.trust.Text, m.trust.Visible())
	}
	for step, l := range m.verdicts {
		if !strings.HasSuffix(l.Text, " · audio lost") {
			t.Errorf("%s verdict %q, want it marked", step, l.Text)
		}
	}
}
