package practice

import (
	"fmt"
	"strings"
)

// Plural counts in words: "1 question", "2 questions".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Figures is a take's measurements in a line, as History's detail and a
// report show them: "0:21 spoken of 0:22: on target · 2 pauses, longest
// 1.1 s · comfortable to fast, about 150-195 words/min · rated 5/5".
func (t Take) Figures() string {
	verdict := string(t.Verdict)
	if verdict == "" {
		verdict = "not timed"
	}
	parts := []string{fmt.Sprintf("%s spoken of %s: %s", FormatClock(t.Spoken), FormatClock(t.Target), verdict)}
	switch t.Pauses {
	case 0:
		parts = append(parts, "no pauses")
	case 1:
		parts = append(parts, fmt.Sprintf("1 pause of %.1f s", t.LongestPause.Seconds()))
	default:
		parts = append(parts, fmt.Sprintf("%d pauses, longest %.1f s", t.Pauses, t.LongestPause.Seconds()))
	}
	if t.Spoken > 0 {
		parts = append(parts, TakePace(t).Short())
	}
	if w := strings.Join(t.DoubtWords(), ", "); w != "" {
		parts = append(parts, "not to be trusted: "+w)
	}
	if t.Rating > 0 {
		parts = append(parts, fmt.Sprintf("rated %d/5", t.Rating))
	}
	return strings.Join(parts, " · ")
}
