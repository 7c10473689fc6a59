package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"time"

	"starcoach/practice"
)

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("report").Parse(pageHTML))

type pageData struct {
	Made     string
	Attempts []attemptData
}

func (p pageData) write(w io.Writer) error {
	if err := page.Execute(w, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// attemptData is one attempt as the page shows it.
type attemptData struct {
	ID                         int64
	Title, Level, Mode, When   string
	Status                     string // "left", "interrupted"; "" when complete
	Total, Window, Verdict     string
	Bar                        bar
	Pace, Rating, Note, Doubts string
	Steps                      []stepData
}

type stepData struct {
	Name  string
	Bar   bar // the counted take's
	Takes []takeData
}

type takeData struct {
	Name    string // "Take 2 · counts"
	Figures string
	Checks  string
	Note    string
	take    practice.Take
	rec     *recordings
}

// Recording is the take's recording, read when the page reaches it.
func (d takeData) Recording() (clip, error) { return d.rec.read(d.take) }

func newAttemptData(a practice.Attempt, q *practice.Question) attemptData {
	d := attemptData{
		ID:    a.ID,
		Title: a.QuestionID,
		Mode:  map[practice.Mode]string{practice.Mock: "mock interview", practice.StepByStep: "step by step"}[a.Mode],
		When:  a.StartedAt.Local().Format("Monday 2 January 2006, 15:04"),
		Total: practice.FormatClock(a.Spoken),
		Pace:  a.Pace.String(),
		Note:  a.Note,
	}
	if q != nil {
		d.Title = q.Title
	}
	if a.Status != practice.Complete {
		d.Status = a.Status.Word()
	}
	if l, ok := practice.LevelByID(a.Level); ok {
		d.Level = l.Name
		d.Window = l.WindowText()
		d.Verdict = string(l.Window().Verdict(a.Spoken))
		d.Bar = newBar(a.Spoken, l.Window())
	}
	if a.Rating > 0 {
		d.Rating = fmt.Sprintf("%d of 5", a.Rating)
	}
	d.Doubts = strings.Join(a.Trust.DoubtWords(), "; ")
	return d
}

func newTakeData(n int, t practice.Take, rec *recordings) takeData {
	d := takeData{Name: fmt.Sprintf("Take %d", n), Figures: t.Figures(), Note: t.Note, Checks: strings.Join(t.Checks, "; "), take: t, rec: rec}
	if t.Counted {
		d.Name += " · counts"
	}
	return d
}

// bar is a spoken time drawn against its on-target band, in SVG user
// units: the scale runs to a little past the larger of the two.
type bar struct {
	Shown               bool
	Width               float64 // of the spoken bar
	BandFrom, BandWidth float64 // the band's left edge and width
	Verdict             string  // "short", "on-target", "long": its colour
	Label, BandLabel    string
	LabelAt             float64 // where the spoken time's label starts
}

// barWidth is the SVG's drawing width.
const barWidth = 600

func newBar(spoken time.Duration, b practice.Band) bar {
	scale := max(spoken, b.Hi).Seconds() * 1.15
	if scale <= 0 {
		return bar{}
	}
	at := func(d time.Duration) float64 { return math.Round(d.Seconds()/scale*barWidth*10) / 10 }
	return bar{
		Shown: true, Width: at(spoken), BandFrom: at(b.Lo), BandWidth: math.Round((at(b.Hi)-at(b.Lo))*10) / 10,
		Verdict:   strings.ReplaceAll(string(b.Verdict(spoken)), " ", "-"),
		Label:     practice.FormatClock(spoken),
		LabelAt:   at(spoken) + 4,
		BandLabel: practice.FormatClock(b.Lo) + "–" + practice.FormatClock(b.Hi),
	}
}

// stepBar is a counted take's bar against its step's band; none for a
// take not timed against a target (the follow-up).
func stepBar(t practice.Take) bar {
	if !t.Timed() {
		return bar{}
	}
	return newBar(t.Spoken, practice.StepBand(t.Target))
}
