package report

import (
	"cmp"
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

// pageData is the page: a report of attempts, or of one loop (Loop set).
type pageData struct {
	Made     string
	Attempts []attemptData
	Loop     *loopData
}

func (p pageData) write(w io.Writer) error {
	if err := page.Execute(w, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// attemptData is one attempt as the page shows it, alone or as a loop's
// answer.
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

// newAttemptData is attempt a of question q (nil when no longer in the
// bank) with its takes, each step's in recording order, their recordings
// to be read through rec when the page reaches them.
func newAttemptData(a practice.Attempt, takes []practice.Take, q *practice.Question, rec *recordings) attemptData {
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
	for _, step := range stepOrder(takes) {
		sd := stepData{Name: step.Name()}
		for _, t := range takes {
			if t.Step != step {
				continue
			}
			if t.Counted {
				sd.Bar = stepBar(t)
			}
			sd.Takes = append(sd.Takes, newTakeData(len(sd.Takes)+1, t, rec))
		}
		d.Steps = append(d.Steps, sd)
	}
	rec.total += len(takes)
	return d
}

func newTakeData(n int, t practice.Take, rec *recordings) takeData {
	d := takeData{Name: fmt.Sprintf("Take %d", n), Figures: t.Figures(), Note: t.Note, Checks: strings.Join(t.Checks, "; "), take: t, rec: rec}
	if t.Counted {
		d.Name += " · counts"
	}
	return d
}

// loopData is a loop as its page shows it.
type loopData struct {
	Asked                       int
	Level, Window, When, Status string
	Date                        string // for the page's title
	// The figures of its finished answers (practice.LoopFigures).
	Answered, OnTarget, Spoken, FollowUps string
	Competencies, Stories                 string
	Reuses                                []string // a sentence for each story told twice
	Questions                             []questionData
}

// questionData is one question of a loop, with its answer or why there
// is none.
type questionData struct {
	N                 int
	Title, Competency string
	Repeat            bool
	Story             string
	Answer            *attemptData
	Missing           string // why Answer is nil
}

func newLoopData(r practice.LoopResult, stories []practice.Story, bank *practice.Bank, rec *recordings) loopData {
	title := func(id string) string {
		if q := bank.Question(id); q != nil {
			return q.Title
		}
		return id
	}
	f := r.Figures()
	d := loopData{
		Asked:        len(r.Answers),
		Level:        string(r.Loop.Level),
		When:         r.Loop.StartedAt.Local().Format("Monday 2 January 2006, 15:04"),
		Date:         r.Loop.StartedAt.Local().Format("2 January 2006"),
		Answered:     fmt.Sprintf("%d of %d", f.Answered, f.Asked),
		OnTarget:     fmt.Sprint(f.OnTarget),
		Spoken:       practice.FormatClock(f.Spoken),
		FollowUps:    fmt.Sprint(f.FollowUps),
		Competencies: cmp.Or(strings.Join(f.Competencies, ", "), "none"),
		Stories:      cmp.Or(strings.Join(f.Stories, ", "), "none"),
	}
	if l, ok := practice.LevelByID(r.Loop.Level); ok {
		d.Level, d.Window = l.Name, l.WindowText()
	}
	if r.Loop.Status != practice.Complete {
		d.Status = r.Loop.Status.Word()
	}
	for _, reuse := range practice.StoryReuses(r.Loop.Picks, stories) {
		d.Reuses = append(d.Reuses, reuse.Text(title))
	}
	for i, a := range r.Answers {
		qd := questionData{N: i + 1, Title: title(a.Pick.QuestionID), Competency: a.Pick.Competency, Repeat: a.Pick.Repeat, Story: a.Pick.StoryTitle}
		if a.Attempt != nil {
			ad := newAttemptData(*a.Attempt, a.Takes, bank.Question(a.Attempt.QuestionID), rec)
			qd.Answer = &ad
		} else {
			qd.Missing = r.Missing(i)
		}
		d.Questions = append(d.Questions, qd)
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
