package practice

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestTakeCounts(t *testing.T) {
	good := &Take{Spoken: 25 * time.Second, Target: 30 * time.Second, Counted: true}
	timed := func(spoken time.Duration) Take { return Take{Spoken: spoken, Target: 30 * time.Second} }
	tests := []struct {
		name    string
		take    Take
		current *Take
		want    bool
	}{
		{"the first take counts", timed(20 * time.Second), nil, true},
		{"the first take counts even when silent: there is nothing else", timed(0), nil, true},
		{"a redo with speech replaces the counted take", timed(31 * time.Second), good, true},
		{"a redo with exactly a second of speech replaces it", timed(time.Second), good, true},
		{"a silent redo never replaces a good take", timed(0), good, false},
		{"Space pressed twice: 0.4 s never replaces a good take", timed(ms(400)), good, false},
		{"an untimed take (a recovered mock) never counts", Take{Spoken: 90 * time.Second}, nil, false},
		{"an untimed take never replaces one", Take{Spoken: 90 * time.Second}, good, false},
		{"a noisy redo does not replace a sound take", func() Take { t := timed(31 * time.Second); t.Noisy = true; return t }(), good, false},
		{"a clipped redo does not replace a sound take", func() Take { t := timed(31 * time.Second); t.Clipped = 0.01; return t }(), good, false},
		{"a noisy redo replaces a noisy take", func() Take { t := timed(31 * time.Second); t.Noisy = true; return t }(), &Take{Spoken: 20 * time.Second, Target: 30 * time.Second, Counted: true, Trust: Trust{Noisy: true}}, true},
		{"a sound redo replaces a noisy take", timed(31 * time.Second), &Take{Spoken: 20 * time.Second, Target: 30 * time.Second, Counted: true, Trust: Trust{Noisy: true}}, true},
	}
	for _, tt := range tests {
		if got := TakeCounts(tt.take, tt.current); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A take kept back says why, in the same terms as TakeCounts.
func TestKeptBack(t *testing.T) {
	for _, tt := range []struct {
		take Take
		want string
	}{
		{Take{Spoken: ms(400), Target: 30 * time.Second}, "Your last take has less than 1 s of speech"},
		{Take{Spoken: ms(999), Target: 30 * time.Second}, "Your last take has less than 1 s of speech"},
		{Take{Spoken: time.Second, Target: 30 * time.Second}, ""},
		{Take{Spoken: ms(400), Target: 30 * time.Second, Counted: true}, ""},
		{Take{Spoken: ms(400)}, ""}, // untimed: never expected to count
	} {
		got := KeptBack(tt.take)
		if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
			t.Errorf("KeptBack(%v spoken, counted %v, target %v) = %q, want %q", tt.take.Spoken, tt.take.Counted, tt.take.Target, got, tt.want)
		}
		if got != "" && TakeCounts(tt.take, &Take{Counted: true, Target: 30 * time.Second, Spoken: 20 * time.Second}) {
			t.Errorf("KeptBack explains a take TakeCounts counts: %v", tt.take.Spoken)
		}
	}
}

func TestWholeAnswer(t *testing.T) {
	// A mock: 2:56 from the first word to the last, 2:48 of it inside
	// the trimmed steps; the pauses between steps count.
	clip := func(step StepID, from, speechStart, speechEnd time.Duration) Take {
		return Take{Step: step, Counted: true, ClipStart: from, SpeechStart: speechStart,
			SpeechEnd: speechEnd, Spoken: speechEnd - speechStart, Target: time.Second}
	}
	mock := []Take{
		clip(Situation, 0, ms(1000), ms(31000)),                  // 1.0-31.0
		clip(Task, ms(32000), ms(2000), ms(22000)),               // 34.0-54.0
		clip(Action, ms(56000), ms(1000), ms(91000)),             // 57.0-147.0
		clip(Result, ms(149000), ms(1000), ms(19000)),            // 150.0-168.0
		clip(Reflection, ms(170000), ms(1000), ms(11000)),        // 171.0-177.0 (10 s)
		{Step: Reflection, Counted: false, Spoken: time.Hour},    // not counted
		{Step: FollowUpStep, Counted: true, Spoken: time.Minute}, // not part of the answer
	}
	mock[4].SpeechEnd, mock[4].Spoken = ms(7000), ms(6000)
	if got, want := WholeAnswer(Mock, mock), ms(176000); got != want {
		t.Errorf("mock whole answer %v, want %v: first word to last, pauses included", got, want)
	}
	if got, want := WholeAnswer(StepByStep, mock), ms(30000+20000+90000+18000+6000); got != want {
		t.Errorf("step-by-step whole answer %v, want %v: the steps added", got, want)
	}
	// A silent step does not stretch a mock's answer back to 0:00.
	silent := slices.Clone(mock)
	silent[0] = Take{Step: Situation, Counted: true, Target: time.Second}
	if got, want := WholeAnswer(Mock, silent), ms(177000-34000); got != want {
		t.Errorf("mock with a silent Situation: %v, want %v", got, want)
	}
	if got := WholeAnswer(Mock, nil); got != 0 {
		t.Errorf("no takes: %v", got)
	}
}

func TestSplitMock(t *testing.T) {
	total := 180 * time.Second
	tests := []struct {
		name     string
		marks    []time.Duration
		want     []MockClip
		unmarked []StepID
		absorbs  StepID
	}{
		{"every step marked", []time.Duration{30 * time.Second, 50 * time.Second, 140 * time.Second, 160 * time.Second},
			[]MockClip{{Situation, 0, 30 * time.Second}, {Task, 30 * time.Second, 50 * time.Second},
				{Action, 50 * time.Second, 140 * time.Second}, {Result, 140 * time.Second, 160 * time.Second},
				{Reflection, 160 * time.Second, total}}, nil, ""},
		{"a forgotten last N: Result holds the Reflection", []time.Duration{30 * time.Second, 50 * time.Second, 140 * time.Second},
			[]MockClip{{Situation, 0, 30 * time.Second}, {Task, 30 * time.Second, 50 * time.Second},
				{Action, 50 * time.Second, 140 * time.Second}, {Result, 140 * time.Second, total}},
			[]StepID{Reflection}, Result},
		{"no N at all", nil, []MockClip{{Situation, 0, total}}, []StepID{Task, Action, Result, Reflection}, Situation},
		{"a mark past the end and one going back are clamped", []time.Duration{30 * time.Second, 20 * time.Second, 200 * time.Second, 300 * time.Second},
			[]MockClip{{Situation, 0, 30 * time.Second}, {Task, 30 * time.Second, 30 * time.Second},
				{Action, 30 * time.Second, total}, {Result, total, total}, {Reflection, total, total}}, nil, ""},
		{"extra marks are ignored", []time.Duration{1, 2, 3, 4, 5, 6},
			[]MockClip{{Situation, 0, 1}, {Task, 1, 2}, {Action, 2, 3}, {Result, 3, 4}, {Reflection, 4, total}}, nil, ""},
	}
	for _, tt := range tests {
		s := SplitMock(Steps, tt.marks, total)
		if !slices.Equal(s.Clips, tt.want) || !slices.Equal(s.Unmarked, tt.unmarked) || s.Absorbing() != tt.absorbs {
			t.Errorf("%s: %+v, absorbing %q; want %+v, unmarked %v, absorbing %q", tt.name, s, s.Absorbing(), tt.want, tt.unmarked, tt.absorbs)
		}
	}
}

func TestHeldBy(t *testing.T) {
	takes := []Take{{Step: Situation}, {Step: Task}, {Step: Action}, {Step: Result}}
	for _, tt := range []struct {
		mode Mode
		step StepID
		want StepID
	}{
		{Mock, Reflection, Result},
		{Mock, Result, ""},
		{StepByStep, Reflection, ""},
	} {
		if got := HeldBy(tt.mode, takes, tt.step); got != tt.want {
			t.Errorf("HeldBy(%s, %s) = %q, want %q", tt.mode, tt.step, got, tt.want)
		}
	}
	if got := HeldBy(Mock, takes[:2], Reflection); got != Task {
		t.Errorf("two marks missing: the Reflection is held by %q, want the Task", got)
	}
}

// A doubtful redo kept back says why, naming the doubts.
func TestKeptBackForDoubt(t *testing.T) {
	noisy := Take{Spoken: 30 * time.Second, Target: 30 * time.Second, Trust: Trust{Noisy: true, Overflows: 1}}
	if got := KeptBack(noisy); !strings.Contains(got, "figures are in doubt (audio lost, noisy)") {
		t.Errorf("KeptBack of a doubtful take = %q", got)
	}
}

// A follow-up's aim fits its strong answer: about as long as it takes to
// say at a comfortable pace.
func TestFollowUpTarget(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	for _, tt := range []struct {
		f    FollowUp
		want int
	}{
		{FollowUp{TargetSeconds: 20, Strong: words(200)}, 20}, // the content's own
		{FollowUp{Strong: words(38)}, 15},                     // 38 words at 150 a minute: 15 s
		{FollowUp{Strong: words(10)}, 15},                     // never under 15 s
		{FollowUp{Strong: words(112)}, 45},
		{FollowUp{}, DefaultFollowUpSeconds},
	} {
		if got := tt.f.Target(); got != tt.want {
			t.Errorf("Target of %d words (content %d s) = %d, want %d", len(strings.Fields(tt.f.Strong)), tt.f.TargetSeconds, got, tt.want)
		}
	}
}
