package practice

import (
	"math"
	"testing"
	"time"
)

func TestBandOf(t *testing.T) {
	for _, c := range []struct {
		wpm  int
		want PaceBand
	}{
		{0, PaceSlow}, {90, PaceSlow}, {119, PaceSlow},
		{120, PaceComfortable}, {150, PaceComfortable}, {170, PaceComfortable},
		{171, PaceFast}, {206, PaceFast},
	} {
		if got := BandOf(c.wpm); got != c.want {
			t.Errorf("BandOf(%d) = %v, want %v", c.wpm, got, c.want)
		}
	}
}

// paceTake is a take whose syllable rate the calibration reads as wpm
// words a minute.
func paceTake(wpm float64, voiced, spoken time.Duration) Take {
	// Invert PaceCalibration.WordsPerMin for the syllable rate.
	v, s := voiced.Seconds(), spoken.Seconds()
	art := math.Pow(wpm/60*PaceCalibration.NucleiPerWord*s/v, 1/PaceCalibration.Compression)
	return Take{Spoken: spoken, Voiced: voiced, SyllablesPerSec: art * v / s}
}

func TestTakePaceSays(t *testing.T) {
	noisy := paceTake(150, 54*time.Second, time.Minute)
	noisy.Noisy = true
	for _, c := range []struct {
		name        string
		take        Take
		text, short string
	}{
		{"fast", paceTake(215, 54*time.Second, time.Minute),
			"Fast: about 195-250 words a minute; aim for 130-170", "fast, about 195-250 words/min"},
		{"comfortable or fast", paceTake(185, 54*time.Second, time.Minute),
			"Comfortable to fast: about 170-215 words a minute; aim for 130-170", "comfortable to fast, about 170-215 words/min"},
		{"comfortable", paceTake(140, 54*time.Second, time.Minute),
			"Comfortable: about 125-165 words a minute", "comfortable, about 125-165 words/min"},
		{"slow or comfortable", paceTake(115, 50*time.Second, time.Minute),
			"Slow to comfortable: about 105-135 words a minute; aim for 130-170", "slow to comfortable, about 105-135 words/min"},
		{"slow", paceTake(85, 40*time.Second, time.Minute),
			"Slow: about 75-100 words a minute; aim for 130-170", "slow, about 75-100 words/min"},
		{"too little speech", paceTake(150, 3900*time.Millisecond, 4*time.Second),
			"Pace not estimated: under 5 s of speech", "pace unsure: under 5 s of speech"},
		{"speech, too little of it voiced", paceTake(150, 4900*time.Millisecond, 17*time.Second),
			"Pace not estimated: under 5 s of it clearly voiced", "pace unsure: under 5 s of it clearly voiced"},
		{"noisy, with little found voiced", func() Take { t := noisy; t.Voiced = 2 * time.Second; return t }(),
			"Pace not estimated: too noisy to count syllables", "pace unsure: too noisy to count syllables"},
		{"noisy", noisy,
			"Pace not estimated: too noisy to count syllables", "pace unsure: too noisy to count syllables"},
		{"silence", Take{Duration: 10 * time.Second},
			"Pace not estimated: no speech", "pace unsure: no speech"},
	} {
		p := TakePace(c.take)
		if p.String() != c.text || p.Short() != c.short {
			t.Errorf("%s: %q / %q, want %q / %q", c.name, p.String(), p.Short(), c.text, c.short)
		}
	}
}

// An answer's pace pools its steps: a step with too little speech alone
// still adds its syllables; a long fast step pulls the whole up between
// the two paces; one noisy step makes the whole unsure.
func TestAnswerPacePoolsSteps(t *testing.T) {
	steps := []Take{
		paceTake(150, 27*time.Second, 30*time.Second),
		paceTake(150, 27*time.Second, 30*time.Second),
		paceTake(150, 3*time.Second, 4*time.Second),
	}
	if p := AnswerPace(steps); p.WPM < 145 || p.WPM > 155 || p.Low > 150 || p.High < 150 {
		t.Errorf("three steps at 150: %+v", p)
	}
	fast := append(steps[:2:2], paceTake(210, 54*time.Second, 60*time.Second))
	if p := AnswerPace(fast); p.WPM <= 160 || p.WPM >= 210 {
		t.Errorf("two steps at 150 and a longer one at 210: %+v, want between", p)
	}
	steps[2].Noisy = true
	if p := AnswerPace(steps); p.Band != PaceUnknown || p.Why != "too noisy to count syllables" {
		t.Errorf("a noisy step: %+v, want unsure", p)
	}
	if p := AnswerPace(nil); p.Band != PaceUnknown {
		t.Errorf("no takes: %+v", p)
	}
}
