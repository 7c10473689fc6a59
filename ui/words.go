package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"starcoach/audio"
	"starcoach/practice"

	"fyne.io/fyne/v2/widget"
)

// quote puts an answer in curly quotes, once: the bank's answers often
// carry their own straight quotes.
func quote(text string) string {
	t := strings.TrimSpace(text)
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if len(t) >= len(q[0])+len(q[1]) && strings.HasPrefix(t, q[0]) && strings.HasSuffix(t, q[1]) {
			t = strings.TrimSpace(t[len(q[0]) : len(t)-len(q[1])])
			break
		}
	}
	return "“" + t + "”"
}

// errorText says what could not be done and why, in words a candidate
// can act on.
func errorText(doing string, err error) error {
	if errors.Is(err, audio.ErrNoInputDevice) {
		return fmt.Errorf("could not %s: no microphone was found. Plug one in and choose it on the start screen", doing)
	}
	return fmt.Errorf("could not %s: %w", doing, err)
}

// verdictImportance is the colour a verdict is shown in: neutral when the
// figures it rests on are in doubt, so a green "on target" never stands
// over "Do not trust this measurement".
func verdictImportance(v practice.Verdict, tr practice.Trust) widget.Importance {
	if !tr.Trusted() {
		return widget.MediumImportance
	}
	switch v {
	case practice.OnTarget:
		return widget.SuccessImportance
	case practice.Short, practice.Long:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func verdictText(v practice.Verdict) string {
	if v == "" {
		return "not timed"
	}
	return string(v)
}

// spokenOf says a take's spoken time against its target, as the verdict
// was reached: "Spoken 0:17 of 0:15: on target".
func spokenOf(t practice.Take) string {
	return fmt.Sprintf("Spoken %s of %s: %s", practice.FormatClock(t.Spoken), practice.FormatClock(t.Target), verdictText(t.Verdict))
}

// bandText is a target with its on-target band, as the verdict uses it:
// "15 s (on target from 12 s to 17 s)".
func bandText(target time.Duration) string {
	b := practice.StepBand(target)
	return fmt.Sprintf("%s (on target from %s to %s)", practice.FormatSeconds(target), practice.FormatSeconds(b.Lo), practice.FormatSeconds(b.Hi))
}

// takeDetail explains how a take's spoken time was measured.
func takeDetail(t practice.Take) string {
	if t.Spoken == 0 {
		return fmt.Sprintf("No speech found in %s of recording. Check the microphone and try again.", practice.FormatClock(t.Duration))
	}
	pauses := "No pauses of a second or more"
	switch t.Pauses {
	case 0:
	case 1:
		pauses = fmt.Sprintf("1 pause of %.1f s", t.LongestPause.Seconds())
	default:
		pauses = fmt.Sprintf("%d pauses of a second or more, the longest %.1f s", t.Pauses, t.LongestPause.Seconds())
	}
	return fmt.Sprintf("Recorded %s; trimmed %.1f s of silence before you spoke and %.1f s after. %s. %s.",
		practice.FormatClock(t.Duration), t.SpeechStart.Seconds(), (t.Duration - t.SpeechEnd).Seconds(),
		pauses, paceText(practice.TakePace(t)))
}

// paceText is a pace as a sentence, marked as an estimate when it is one.
func paceText(p practice.PaceResult) string {
	if p.Band == practice.PaceUnknown {
		return p.String()
	}
	return p.String() + " (an estimate from the sound)"
}

// answerPaceText is a mock answer's pace in one line, short enough for its
// results at 800x600: "Pace: comfortable to fast, about 170-220 words/min
// (an estimate from the sound)."
func answerPaceText(p practice.PaceResult) string {
	if p.Band == practice.PaceUnknown {
		return "Pace not estimated: " + p.Why + "."
	}
	return "Pace: " + p.Short() + " (an estimate from the sound)."
}

// trustText says plainly why a measurement should not be trusted and
// what to do about it; empty when nothing is wrong.
func trustText(tr practice.Trust) string {
	ds := tr.Doubts()
	if len(ds) == 0 {
		return ""
	}
	parts := []string{"Do not trust this measurement."}
	var fixes []string
	for _, d := range ds {
		parts = append(parts, d.Problem)
		if !slices.Contains(fixes, d.Fix) {
			fixes = append(fixes, d.Fix)
		}
	}
	return strings.Join(parts, " ") + " " + strings.Join(fixes, ". ") + ", then record it again."
}

// statusText says how an attempt ended, for History.
func statusText(s practice.Status) string {
	switch s {
	case practice.Complete:
		return "complete"
	case practice.Abandoned:
		return "left unfinished (its takes were kept; not in your statistics)"
	case practice.Interrupted:
		return "interrupted (its takes were kept; not in your statistics)"
	}
	return "in progress"
}

// statusMark is the short marker a History row puts before the title of
// an attempt that is not in the statistics: in front, where a narrow
// column does not cut it off.
func statusMark(s practice.Status) string {
	switch s {
	case practice.Abandoned:
		return "Left · "
	case practice.Interrupted:
		return "Interrupted · "
	}
	return ""
}

// loopMark marks a History row whose attempt was answered in an
// interview loop, where the level and mode columns give way first.
func loopMark(a practice.Attempt) string {
	if a.Loop != 0 {
		return "Loop · "
	}
	return ""
}

// doubtMark is the marker a History row puts before the title of an
// attempt whose measurement is not to be trusted: its worst doubt,
// "Noisy · ".
func doubtMark(tr practice.Trust) string {
	if ds := tr.Doubts(); len(ds) > 0 {
		return capitalize(ds[0].Short) + " · "
	}
	return ""
}

// capitalize starts s with a capital, for a phrase that begins a sentence.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// levelNames are the levels as a drop-down lists them.
func levelNames() []string {
	names := make([]string, len(practice.Levels))
	for i, l := range practice.Levels {
		names[i] = l.Name
	}
	return names
}
