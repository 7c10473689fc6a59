package practice

import (
	"time"
)

// How a candidate's times compare across attempts: what changed, which
// take was best, which way a step is heading. Every rule here judges the
// figures the candidate sees (see Shown) by Band.Off, as the verdicts do.

// Move is how a spoken time moved against its band from one attempt to
// another.
type Move int

// The moves, from the older attempt to the newer.
const (
	StayedOn Move = iota // on target both times
	CameOn               // on target now, not before
	WentOff              // off target now, on target before
	Closer               // off target both times, nearer the band now
	Further              // off target both times, further from it now
	AsFar                // off target both times, as far from it
)

// Change is how a spoken time compares with an older one.
type Change struct {
	By   time.Duration // newer minus older, as shown: positive when longer
	Move Move
}

// Compare says how newer, judged against its band, compares with older
// against its own (an attempt at another level has another band).
func Compare(older time.Duration, olderBand Band, newer time.Duration, newerBand Band) Change {
	c := Change{By: Shown(newer) - Shown(older)}
	was, is := abs(olderBand.Off(older)), abs(newerBand.Off(newer))
	switch {
	case was == 0 && is == 0:
		c.Move = StayedOn
	case is == 0:
		c.Move = CameOn
	case was == 0:
		c.Move = WentOff
	case is < was:
		c.Move = Closer
	case is > was:
		c.Move = Further
	default:
		c.Move = AsFar
	}
	return c
}

// Mean is the average of spoken times as shown: the average of the
// figures the candidate reads. Zero for none.
func Mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += Shown(d)
	}
	return sum / time.Duration(len(ds))
}

// BestStep is the index of the best of one step's takes, newest first:
// the one least off its band; among equals the one nearest its target,
// then the newest. -1 for none.
func BestStep(ps []StepPoint) int {
	return best(len(ps), func(i int) (time.Duration, Band, time.Duration) {
		return ps[i].Spoken, StepBand(ps[i].Target), ps[i].Target
	})
}

// BestAnswer is the index of the best whole answer of attempts at level
// l, newest first: the one least off the level window; among equals the
// newest (a window has no target to be nearer). -1 for none.
func BestAnswer(as []Attempt, l Level) int {
	return best(len(as), func(i int) (time.Duration, Band, time.Duration) {
		return as[i].Spoken, l.Window(), 0
	})
}

// best is the index of the best of n spoken times, newest first, each
// against its band and target (0 for none): see BestStep.
func best(n int, at func(i int) (spoken time.Duration, b Band, target time.Duration)) int {
	bi := -1
	var bOff, bNear time.Duration
	for i := range n {
		spoken, b, target := at(i)
		off, near := abs(b.Off(spoken)), time.Duration(0)
		if target > 0 {
			near = abs(Shown(spoken) - target)
		}
		if bi < 0 || off < bOff || (off == bOff && near < bNear) {
			bi, bOff, bNear = i, off, near
		}
	}
	return bi
}

// Stats sums up each step's takes in ps, newest first, as a column of
// averages and bests: steps in speaking order, a follow-up last.
func Stats(ps []StepPoint) []StepStats {
	var out []StepStats
	for _, step := range Parts {
		if s, ok := stepStats(step, ps); ok {
			out = append(out, s)
		}
	}
	return out
}

// stepStats sums up step's takes in ps, newest first; ok is false when
// there are none.
func stepStats(step StepID, ps []StepPoint) (StepStats, bool) {
	var mine []StepPoint
	for _, p := range ps {
		if p.Step == step {
			mine = append(mine, p)
		}
	}
	if len(mine) == 0 {
		return StepStats{}, false
	}
	s := StepStats{Step: step, Takes: len(mine)}
	spoken := make([]time.Duration, len(mine))
	rated, ratings := 0, 0
	for i, p := range mine {
		spoken[i] = p.Spoken
		if p.Verdict == OnTarget {
			s.OnTarget++
		}
		if p.Rating > 0 {
			rated++
			ratings += p.Rating
		}
	}
	s.AvgSpoken = Mean(spoken)
	b := mine[BestStep(mine)]
	s.Best, s.BestTarget = b.Spoken, b.Target
	if rated > 0 {
		s.AvgRating = float64(ratings) / float64(rated)
	}
	return s, true
}

// TrendWindow is how many of a step's latest takes its trend sums up; the
// direction compares them with as many before.
const TrendWindow = 5

// driftMargin is how much a step's mean distance off its band, as a
// fraction of its target, must change from one window to the next to be
// a direction rather than noise: 3.6 s on a 90 s Action.
const driftMargin = 0.04

// Direction is which way a step's timing is heading.
type Direction string

// The directions; an empty one means too few takes to tell.
const (
	Improving Direction = "improving" // nearer its band than the window before
	Drifting  Direction = "drifting"  // further from it
	Steady    Direction = "steady"
)

// Trend is one step's recent form: its statistics over its latest
// TrendWindow takes and which way it is heading.
type Trend struct {
	StepStats
	// Over is the average spoken time minus the average target: positive
	// over, negative under.
	Over      time.Duration
	Direction Direction // "" with fewer than two takes before the window
}

// Trends works out each STAR step's trend from a question's attempts,
// newest first, as StepProgress gives them; steps never recorded have
// none.
func Trends(as []AttemptTimes) []Trend {
	var out []Trend
	for _, step := range Steps {
		var ps []StepPoint // newest first
		for _, a := range as {
			for _, p := range a.Steps {
				if p.Step == step {
					ps = append(ps, p)
				}
			}
		}
		recent := ps[:min(TrendWindow, len(ps))]
		s, ok := stepStats(step, recent)
		if !ok {
			continue
		}
		targets := make([]time.Duration, len(recent))
		for i, p := range recent {
			targets[i] = p.Target
		}
		t := Trend{StepStats: s, Over: s.AvgSpoken - Mean(targets)}
		if before := ps[len(recent):min(2*TrendWindow, len(ps))]; len(before) >= 2 {
			switch now, then := meanMiss(recent), meanMiss(before); {
			case now < then-driftMargin:
				t.Direction = Improving
			case now > then+driftMargin:
				t.Direction = Drifting
			default:
				t.Direction = Steady
			}
		}
		out = append(out, t)
	}
	return out
}

// meanMiss is the mean distance of takes off their bands, each as a
// fraction of its target.
func meanMiss(ps []StepPoint) float64 {
	sum := 0.0
	for _, p := range ps {
		if p.Target > 0 {
			sum += abs(StepBand(p.Target).Off(p.Spoken)).Seconds() / p.Target.Seconds()
		}
	}
	return sum / float64(len(ps))
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
