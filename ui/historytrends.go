package ui

import (
	"fmt"

	"starcoach/practice"
)

// trendText words a step's trend for a candidate, e.g. "Action: 1:52 on
// average, 22 s over target (best 1:50); improving".
func trendText(t practice.Trend) string {
	over := practice.Shown(max(t.Over, -t.Over))
	off := "right on target"
	switch {
	case over > 0 && t.Over > 0:
		off = practice.FormatSeconds(over) + " over target"
	case over > 0:
		off = practice.FormatSeconds(over) + " under target"
	}
	avg := "on average"
	if t.Takes == 1 {
		avg = "in your only attempt"
	} else if t.Takes < practice.TrendWindow {
		avg = fmt.Sprintf("on average over %d attempts", t.Takes)
	}
	s := fmt.Sprintf("%s: %s %s, %s", t.Step.Name(), practice.FormatClock(t.AvgSpoken), avg, off)
	if t.Takes > 1 {
		s += " (best " + practice.FormatClock(t.Best) + ")"
	}
	switch t.Direction {
	case practice.Improving:
		return s + "; improving"
	case practice.Drifting:
		return s + "; drifting further from target"
	case practice.Steady:
		return s + "; steady"
	}
	return s + "; too few attempts yet to see a trend"
}
