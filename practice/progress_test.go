package practice

import (
	"reflect"
	"testing"
	"time"
)

// Off measures the figure shown: a 15 s target is on target from 12 s to
// 17 s, and 17.4 s shows 0:17.
func TestBandOff(t *testing.T) {
	step := StepBand(15 * time.Second)
	sde2, _ := LevelByID("sde2")
	for _, tt := range []struct {
		name   string
		b      Band
		spoken time.Duration
		want   time.Duration
	}{
		{"shows 0:11, a second short", step, ms(11490), -time.Second},
		{"shows 0:12, the band's bottom", step, ms(11500), 0},
		{"shows 0:17, the band's top", step, ms(16600), 0},
		{"still shows 0:17", step, ms(17400), 0},
		{"shows 0:18, a second long", step, ms(17500), time.Second},
		{"nothing said", step, 0, -12 * time.Second},
		{"shows 1:59", sde2.Window(), ms(119400), -time.Second},
		{"shows 2:00", sde2.Window(), ms(119500), 0},
		{"shows 2:30", sde2.Window(), ms(150400), 0},
		{"shows 2:31", sde2.Window(), ms(150500), time.Second},
		{"shows 2:38", sde2.Window(), 158 * time.Second, 8 * time.Second},
	} {
		if got := tt.b.Off(tt.spoken); got != tt.want {
			t.Errorf("%s: %v against %v: off %v, want %v", tt.name, tt.spoken, tt.b, got, tt.want)
		}
	}
}

// A verdict is the sign of Off, for steps and windows alike: the two can
// never disagree.
func TestVerdictIsTheSignOfOff(t *testing.T) {
	sign := map[Verdict]time.Duration{Short: -1, OnTarget: 0, Long: 1}
	check := func(b Band, spoken time.Duration, v Verdict) {
		if off := b.Off(spoken); min(max(off, -1), 1) != sign[v] {
			t.Fatalf("%v against %v: %q but off %v", spoken, b, v, off)
		}
	}
	for secs := 1; secs <= 200; secs++ {
		target := time.Duration(secs) * time.Second
		for spoken := time.Duration(0); spoken < 3*target; spoken += 100 * time.Millisecond {
			check(StepBand(target), spoken, StepVerdict(spoken, target))
		}
	}
	for _, l := range Levels {
		for spoken := time.Duration(0); spoken < 2*l.Max; spoken += 100 * time.Millisecond {
			check(l.Window(), spoken, TotalVerdict(spoken, l))
		}
	}
}

// Compare at the band's edges: a take the verdict calls on target is
// never described as off target.
func TestCompare(t *testing.T) {
	step := StepBand(15 * time.Second) // 12 s to 17 s
	sde1, _ := LevelByID("sde1")
	sde2, _ := LevelByID("sde2")
	for _, tt := range []struct {
		name          string
		older         time.Duration
		ob            Band
		newer         time.Duration
		nb            Band
		want          Change
		before, after Verdict // as the verdicts have them
	}{
		{"0:14 then 0:17: three seconds longer, on target both times", ms(14400), step, ms(17400), step,
			Change{3 * time.Second, StayedOn}, OnTarget, OnTarget},
		{"0:17 both times, 16.6 s then 17.4 s", ms(16600), step, ms(17400), step,
			Change{0, StayedOn}, OnTarget, OnTarget},
		{"0:15 then 0:17: two seconds as shown, not the 2.8 s between them", ms(14600), step, ms(17400), step,
			Change{2 * time.Second, StayedOn}, OnTarget, OnTarget},
		{"0:14 then 0:18: off target now", 14 * time.Second, step, ms(17500), step,
			Change{4 * time.Second, WentOff}, OnTarget, Long},
		{"0:11 then 0:12: now on target", ms(11400), step, ms(11500), step,
			Change{time.Second, CameOn}, Short, OnTarget},
		{"0:18 both times, 18.4 s then 17.6 s: as far", ms(18400), step, ms(17600), step,
			Change{0, AsFar}, Long, Long},
		{"0:19 then 0:18: closer", 19 * time.Second, step, ms(17500), step,
			Change{-time.Second, Closer}, Long, Long},
		{"two short, then three long: further", 10 * time.Second, step, 20 * time.Second, step,
			Change{10 * time.Second, Further}, Short, Long},
		{"five long, then three short: closer across the band", 22 * time.Second, step, 9 * time.Second, step,
			Change{-13 * time.Second, Closer}, Long, Short},
		{"a whole answer of 2:30, then 2:31", ms(150400), sde2.Window(), ms(150600), sde2.Window(),
			Change{time.Second, WentOff}, OnTarget, Long},
		{"2:10 long at SDE 1, on target at SDE 2", 130 * time.Second, sde1.Window(), 130 * time.Second, sde2.Window(),
			Change{0, CameOn}, Long, OnTarget},
	} {
		if got := Compare(tt.older, tt.ob, tt.newer, tt.nb); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
		if tt.ob.Verdict(tt.older) != tt.before || tt.nb.Verdict(tt.newer) != tt.after {
			t.Errorf("%s: the verdicts are %q then %q", tt.name, tt.ob.Verdict(tt.older), tt.nb.Verdict(tt.newer))
		}
	}
}

func TestMeanIsOfTheFiguresShown(t *testing.T) {
	for _, tt := range []struct {
		ds   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{ms(16600), ms(17400)}, 17 * time.Second},           // 0:17 and 0:17
		{[]time.Duration{ms(16400), ms(17500)}, ms(17000)},                  // 0:16 and 0:18
		{[]time.Duration{ms(120400), ms(121400)}, ms(120500)},               // 2:00 and 2:01
		{[]time.Duration{10 * time.Second, 20 * time.Second, 0}, ms(10000)}, // nothing said counts as 0:00
	} {
		if got := Mean(tt.ds); got != tt.want {
			t.Errorf("Mean(%v) = %v, want %v", tt.ds, got, tt.want)
		}
	}
}

func TestBestStep(t *testing.T) {
	p := func(spoken time.Duration, target int) StepPoint {
		return StepPoint{Spoken: spoken, Target: time.Duration(target) * time.Second}
	}
	for _, tt := range []struct {
		name string
		ps   []StepPoint // newest first
		want int
	}{
		{"none", nil, -1},
		{"the least off its band", []StepPoint{p(20*time.Second, 15), p(ms(17400), 15), p(10*time.Second, 15)}, 1},
		{"on target both: the nearer the target", []StepPoint{p(17*time.Second, 15), p(14*time.Second, 15)}, 1},
		{"17.4 s shows 0:17 and is on target, as near as 0:13", []StepPoint{p(ms(17400), 15), p(13*time.Second, 15)}, 0},
		{"as far off and as near: the newer", []StepPoint{p(19*time.Second, 15), p(ms(18600), 15)}, 0},
		{"each against its own target", []StepPoint{p(20*time.Second, 15), p(20*time.Second, 20)}, 1},
	} {
		if got := BestStep(tt.ps); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestBestAnswer(t *testing.T) {
	sde2, _ := LevelByID("sde2")
	a := func(secs int) Attempt { return Attempt{Spoken: time.Duration(secs) * time.Second} }
	for _, tt := range []struct {
		name string
		as   []Attempt // newest first
		want int
	}{
		{"none", nil, -1},
		{"the least off the window", []Attempt{a(160), a(115), a(170)}, 1},
		{"in the window both: the newer", []Attempt{a(149), a(135)}, 0},
		{"2:30.4 shows 2:30: in the window", []Attempt{{Spoken: ms(150400)}, a(118)}, 0},
	} {
		if got := BestAnswer(tt.as, sde2); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestStats(t *testing.T) {
	pt := func(step StepID, spoken time.Duration, rating int) StepPoint {
		return StepPoint{Step: step, Spoken: spoken, Target: 30 * time.Second, Verdict: StepVerdict(spoken, 30*time.Second), Rating: rating}
	}
	// Newest first. Against 30 s (on target from 24 s to 33 s).
	ps := []StepPoint{
		pt(FollowUpStep, 40*time.Second, 0),
		pt(Action, ms(33400), 4), pt(Situation, 40*time.Second, 0),
		pt(Action, 29*time.Second, 0), pt(Situation, 35*time.Second, 2),
		pt(Action, 49*time.Second, 3),
	}
	want := []StepStats{
		{Step: Situation, Takes: 2, AvgSpoken: ms(37500), Best: 35 * time.Second, BestTarget: 30 * time.Second, AvgRating: 2},
		{Step: Action, Takes: 3, AvgSpoken: 37 * time.Second, Best: 29 * time.Second, BestTarget: 30 * time.Second, OnTarget: 2, AvgRating: 3.5},
		{Step: FollowUpStep, Takes: 1, AvgSpoken: 40 * time.Second, Best: 40 * time.Second, BestTarget: 30 * time.Second},
	}
	if got := Stats(ps); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n%+v\nwant\n%+v", got, want)
	}
}

// trendOf is one step's takes against target, newest first, one attempt
// each.
func trendOf(step StepID, target int, spoken ...time.Duration) []AttemptTimes {
	as := make([]AttemptTimes, len(spoken))
	for i, s := range spoken {
		tg := time.Duration(target) * time.Second
		as[i] = AttemptTimes{ID: int64(100 - i), Steps: []StepPoint{{AttemptID: int64(100 - i), Step: step, Spoken: s, Target: tg, Verdict: StepVerdict(s, tg)}}}
	}
	return as
}

func secsList(ss ...float64) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = time.Duration(s * float64(time.Second))
	}
	return out
}

func TestTrends(t *testing.T) {
	for _, tt := range []struct {
		name   string
		target int
		spoken []time.Duration // newest first
		want   Trend
	}{
		{"nearer the band than the five before: improving", 90,
			secsList(112, 113, 112, 110, 113, 130, 135, 128, 140, 132),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: ms(112000), Best: 110 * time.Second, BestTarget: 90 * time.Second},
				Over: 22 * time.Second, Direction: Improving}},
		{"the other way round: drifting", 90,
			secsList(130, 135, 128, 140, 132, 112, 113, 112, 110, 113),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: 133 * time.Second, Best: 128 * time.Second, BestTarget: 90 * time.Second},
				Over: 43 * time.Second, Direction: Drifting}},
		// Every take on target: nothing to improve or drift, though the
		// takes moved from the target to the band's top.
		{"on target throughout: steady", 90,
			secsList(98, 99, 98, 99, 99.4, 90, 90, 90, 90, 90),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: ms(98600), Best: 98 * time.Second, BestTarget: 90 * time.Second, OnTarget: 5},
				Over: ms(8600), Direction: Steady}},
		// 100 s target, band 80-110: 3 s nearer is 0.03 of the target.
		{"a change under the margin: steady", 100,
			secsList(117, 117, 117, 117, 117, 120, 120),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: 117 * time.Second, Best: 117 * time.Second, BestTarget: 100 * time.Second},
				Over: 17 * time.Second, Direction: Steady}},
		{"two takes before the window are enough to tell", 100,
			secsList(115, 115, 115, 115, 115, 120, 120),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: 115 * time.Second, Best: 115 * time.Second, BestTarget: 100 * time.Second},
				Over: 15 * time.Second, Direction: Improving}},
		{"one take before is not", 100,
			secsList(115, 115, 115, 115, 115, 140),
			Trend{StepStats: StepStats{Step: Action, Takes: 5, AvgSpoken: 115 * time.Second, Best: 115 * time.Second, BestTarget: 100 * time.Second},
				Over: 15 * time.Second}},
		{"the window's best is the nearest its target of those on target", 20,
			secsList(ms(21400).Seconds(), 20, 17),
			Trend{StepStats: StepStats{Step: Action, Takes: 3, AvgSpoken: 58 * time.Second / 3, Best: 20 * time.Second, BestTarget: 20 * time.Second, OnTarget: 3},
				Over: 58*time.Second/3 - 20*time.Second}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Trends(trendOf(Action, tt.target, tt.spoken...))
			if len(got) != 1 || !reflect.DeepEqual(got[0], tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
