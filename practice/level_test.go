package practice

import (
	"testing"
	"time"
)

func refQuestion(secs ...int) *Question {
	q := &Question{}
	for i, s := range secs {
		q.Steps = append(q.Steps, Step{Step: Steps[i], TargetSeconds: s})
	}
	return q
}

func TestTargets(t *testing.T) {
	seed := refQuestion(30, 20, 90, 20, 15)  // 2:55
	short := refQuestion(20, 15, 60, 15, 10) // 2:00
	tests := []struct {
		name  string
		q     *Question
		level LevelID
		want  []int // S, T, A, R, Reflection in seconds
	}{
		// 175 s scaled to 120 s: exact 20.6, 13.7, 61.7, 13.7, 10.3.
		{"seed at SDE 1 is scaled to 2:00", seed, "sde1", []int{20, 14, 62, 14, 10}},
		// 175 s scaled to 150 s: exact 25.7, 17.1, 77.1, 17.1, 12.9.
		{"seed at SDE 2 is scaled to 2:30", seed, "sde2", []int{26, 17, 77, 17, 13}},
		{"seed at Senior fits and is unchanged", seed, "senior", []int{30, 20, 90, 20, 15}},
		{"a 2:00 question fits SDE 1 unchanged", short, "sde1", []int{20, 15, 60, 15, 10}},
		{"a 2:00 question is not stretched for Senior", short, "senior", []int{20, 15, 60, 15, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := LevelByID(tt.level)
			if !ok {
				t.Fatalf("no level %q", tt.level)
			}
			got := Targets(tt.q, l)
			sum := 0
			for i, s := range Steps {
				if g := int(got[s] / time.Second); g != tt.want[i] {
					t.Errorf("%s: %d s, want %d s", s.Name(), g, tt.want[i])
				}
				sum += int(got[s] / time.Second)
			}
			if sum > int(l.Max/time.Second) && tt.q.ReferenceTotal() > int(l.Max/time.Second) {
				t.Errorf("scaled targets sum to %d s, above the %s bound %s", sum, l.Name, FormatClock(l.Max))
			}
		})
	}
}

// The scaled targets never exceed the bound, whatever the reference.
func TestTargetsNeverExceedBound(t *testing.T) {
	for a := 1; a <= 200; a += 7 {
		q := refQuestion(a, 3*a%97+1, 180, a%13+1, 11)
		for _, l := range Levels {
			total := TotalTarget(Targets(q, l))
			if q.ReferenceTotal() > int(l.Max/time.Second) && total != l.Max {
				t.Fatalf("reference %d s at %s: scaled total %s, want exactly %s", q.ReferenceTotal(), l.Name, total, l.Max)
			}
		}
	}
}

func TestStepVerdict(t *testing.T) {
	target := 30 * time.Second // on target from 24 s to 33 s
	tests := []struct {
		spoken time.Duration
		want   Verdict
	}{
		{0, Short},
		{23400 * time.Millisecond, Short},    // shown 0:23
		{23500 * time.Millisecond, OnTarget}, // shown 0:24
		{24 * time.Second, OnTarget},
		{30 * time.Second, OnTarget},
		{33 * time.Second, OnTarget},
		{33400 * time.Millisecond, OnTarget}, // shown 0:33
		{33500 * time.Millisecond, Long},     // shown 0:34
		{90 * time.Second, Long},
	}
	for _, tt := range tests {
		if got := StepVerdict(tt.spoken, target); got != tt.want {
			t.Errorf("%v spoken against %v: %q, want %q", tt.spoken, target, got, tt.want)
		}
	}
}

// The band shown and the verdict agree at every edge: the Senior
// Reflection's 15 s target is on target from 12 s to 17 s (16.5 rounds
// up), and a take is judged as its clock shows it.
func TestStepBandAgreesWithVerdict(t *testing.T) {
	target := 15 * time.Second
	if b := StepBand(target); FormatSeconds(b.Lo) != "12 s" || FormatSeconds(b.Hi) != "17 s" {
		t.Fatalf("band %s to %s, want 12 s to 17 s", FormatSeconds(b.Lo), FormatSeconds(b.Hi))
	}
	for _, tt := range []struct {
		spoken time.Duration
		shown  string
		want   Verdict
	}{
		{11490 * time.Millisecond, "0:11", Short},
		{11500 * time.Millisecond, "0:12", OnTarget},
		{17150 * time.Millisecond, "0:17", OnTarget},
		{17499 * time.Millisecond, "0:17", OnTarget},
		{17500 * time.Millisecond, "0:18", Long},
	} {
		if got := FormatClock(tt.spoken); got != tt.shown {
			t.Errorf("%v shows as %s, want %s", tt.spoken, got, tt.shown)
		}
		if got := StepVerdict(tt.spoken, target); got != tt.want {
			t.Errorf("%v (shown %s) against 0:15: %q, want %q", tt.spoken, tt.shown, got, tt.want)
		}
	}
	// Every target the levels produce: a spoken time shown as a band edge
	// is on target, one shown a second beyond it is not.
	for secs := 1; secs <= 600; secs++ {
		target := time.Duration(secs) * time.Second
		b := StepBand(target)
		lo, hi := b.Lo, b.Hi
		if StepVerdict(lo, target) != OnTarget || StepVerdict(hi, target) != OnTarget ||
			(lo >= time.Second && StepVerdict(lo-time.Second, target) != Short) || StepVerdict(hi+time.Second, target) != Long {
			t.Fatalf("target %v: band %v-%v disagrees with the verdict at its edges", target, lo, hi)
		}
	}
}

func TestTotalVerdict(t *testing.T) {
	sde2, _ := LevelByID("sde2")
	tests := []struct {
		spoken time.Duration
		want   Verdict
	}{
		{119 * time.Second, Short},
		{119500 * time.Millisecond, OnTarget}, // shown 2:00
		{120 * time.Second, OnTarget},
		{150 * time.Second, OnTarget},
		{150400 * time.Millisecond, OnTarget}, // shown 2:30
		{150500 * time.Millisecond, Long},     // shown 2:31
		{151 * time.Second, Long},
	}
	for _, tt := range tests {
		if got := TotalVerdict(tt.spoken, sde2); got != tt.want {
			t.Errorf("%v at SDE 2: %q, want %q", tt.spoken, got, tt.want)
		}
	}
}

func TestFormatClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0:00", 59400 * time.Millisecond: "0:59", 59600 * time.Millisecond: "1:00",
		175 * time.Second: "2:55", -time.Second: "0:00",
	} {
		if got := FormatClock(d); got != want {
			t.Errorf("FormatClock(%v) = %q, want %q", d, got, want)
		}
	}
}

// However lopsided the reference, no step is scaled to zero seconds.
func TestTargetsNeverZero(t *testing.T) {
	q := refQuestion(1, 600, 600, 600, 600)
	for _, l := range Levels {
		got := Targets(q, l)
		for _, st := range Steps {
			if got[st] < time.Second {
				t.Errorf("%s at %s: %v", st.Name(), l.Name, got[st])
			}
		}
		if total := TotalTarget(got); total != l.Max {
			t.Errorf("at %s the targets add to %v, want %v", l.Name, total, l.Max)
		}
	}
}

func TestShortTitle(t *testing.T) {
	for title, want := range map[string]string{
		"Tell me about a time you failed.":                   "A time you failed",
		"Describe a time when you struggled":                 "A time when you struggled",
		"Tell me about a time you failed a class":            "Failed a class",
		"Tell me about a time when you éclipsed them?":       "Éclipsed them",
		"Why StarCoach?":                                     "Why StarCoach",
		"Tell me about a hard technical decision you made":   "A hard technical decision you made",
		"Tell me about an idea of yours that others adopted": "An idea of yours that others adopted",
		"Tell me about yourself":                             "Tell me about yourself",
	} {
		if got := (&Question{Title: title}).ShortTitle(); got != want {
			t.Errorf("ShortTitle(%q) = %q, want %q", title, got, want)
		}
	}
}
