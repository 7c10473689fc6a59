package ui

import (
	"fmt"
	"time"

	"starcoach/practice"
)

// trendWindow is how many recent attempts a trend sums up; the direction
// compares them with as many before.
const trendWindow = 5

// stepTrend is one step's recent form, as the chart screen words it.
type stepTrend struct {
	Step     practice.StepID
	Attempts int           // in the window, at most trendWindow
	Avg      time.Duration // average spoken time over the window
	Over     time.Duration // Avg minus the average target: + over, - under
	Best     time.Duration // the most on-time take of the window
	// Direction compares how far from target the window is with the
	// window before: "improving", "drifting further from target",
	// "steady", or "" with too few attempts to tell.
	Direction string
}

// stepTrends works out each step's trend from a question's progress
// points (newest attempt first, as StepProgress gives them).
func stepTrends(points []practice.StepPoint) []stepTrend {
	var out []stepTrend
	for _, step := range practice.Steps {
		var ps []practice.StepPoint // newest first
		for _, p := range points {
			if p.Step == step {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		recent := ps[:min(trendWindow, len(ps))]
		t := stepTrend{Step: step, Attempts: len(recent)}
		var spoken, target time.Duration
		bestOff := time.Duration(-1)
		for _, p := range recent {
			spoken += p.Spoken
			target += p.Target
			if off := absDur(p.Spoken - p.Target); bestOff < 0 || off < bestOff {
				t.Best, bestOff = p.Spoken, off
			}
		}
		n := time.Duration(len(recent))
		t.Avg = spoken / n
		t.Over = t.Avg - target/n
		if before := ps[len(recent):min(2*trendWindow, len(ps))]; len(before) >= 2 {
			now, then := offTarget(recent), offTarget(before)
			switch {
			case now < then-0.04:
				t.Direction = "improving"
			case now > then+0.04:
				t.Direction = "drifting further from target"
			default:
				t.Direction = "steady"
			}
		}
		out = append(out, t)
	}
	return out
}

// offTarget is the mean distance from target as a fraction of it.
func offTarget(ps []practice.StepPoint) float64 {
	sum := 0.0
	for _, p := range ps {
		if p.Target > 0 {
			sum += absDur(p.Spoken-p.Target).Seconds() / p.Target.Seconds()
		}
	}
	return sum / float64(len(ps))
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// String words a trend for a candidate, e.g. "Action: 1:52 on average,
// 22 s over target (best 1:33); improving".
func (t stepTrend) String() string {
	var off string
	switch s := (absDur(t.Over) + time.Second/2) / time.Second * time.Second; {
	case s == 0:
		off = "right on target"
	case t.Over > 0:
		off = practice.FormatSeconds(s) + " over target"
	default:
		off = practice.FormatSeconds(s) + " under target"
	}
	avg := "on average"
	if t.Attempts == 1 {
		avg = "in your only attempt"
	} else if t.Attempts < trendWindow {
		avg = fmt.Sprintf("on average over %d attempts", t.Attempts)
	}
	s := fmt.Sprintf("%s: %s %s, %s", t.Step.Name(), practice.FormatClock(t.Avg), avg, off)
	if t.Attempts > 1 {
		s += " (best " + practice.FormatClock(t.Best) + ")"
	}
	if t.Direction == "" {
		return s + "; too few attempts yet to see a trend"
	}
	return s + "; " + t.Direction
}
