package practice

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A loop is an interview day's behavioral round rehearsed back to back:
// a few questions, each from a competency the loop has not covered yet,
// each a mock interview with its follow-up. Every answer is still its
// own attempt, so every statistic counts it as one; the loop groups them.

// The sizes a loop can be: a behavioral round asks four to six questions
// in 45-60 minutes; three is the shortest worth rehearsing as a round.
const (
	MinLoop     = 3
	MaxLoop     = 6
	DefaultLoop = 4
)

// Loop is one loop rehearsed, as stored.
type Loop struct {
	ID         int64
	Level      LevelID
	StartedAt  time.Time
	FinishedAt time.Time // zero while in progress
	// Status is as an attempt's: a loop left midway is Abandoned ("left")
	// and keeps the answers it finished.
	Status Status
	// Picks are the questions planned, in the order asked; a loop left
	// midway has some it never reached.
	Picks []LoopPick
}

// LoopPick is one question chosen for a loop.
type LoopPick struct {
	QuestionID string
	// Competency is the one the question brings to the loop; Repeat says
	// the bank had no question left for a competency not yet covered, so
	// this one covers one again.
	Competency string
	Repeat     bool
	Reason     string // why it was due, as the plan says
	// StoryID and StoryTitle name the story linked to the question when
	// the loop was planned: the one the candidate meant to tell (0 and ""
	// for none).
	StoryID    int64
	StoryTitle string
}

// StoryReuse warns that one story is linked to two or more of a loop's
// questions: a panel that hears it twice stops believing it.
type StoryReuse struct {
	StoryID    int64
	StoryTitle string
	// Questions are the loop's questions linked to it, in loop order.
	Questions []string
	// Instead names, for each of Questions after the first, another story
	// in the bank that shows that question's competency and is not told
	// elsewhere in the loop; the zero StoryName where the bank has none.
	Instead []StoryName
}

// StoryName names a story.
type StoryName struct {
	ID    int64
	Title string
}

// Text says the warning in a sentence, naming the questions by title.
func (r StoryReuse) Text(title func(questionID string) string) string {
	names := make([]string, len(r.Questions))
	for i, id := range r.Questions {
		names[i] = "“" + title(id) + "”"
	}
	s := fmt.Sprintf("The story “%s” answers %s.", r.StoryTitle, joinAnd(names))
	for i, alt := range r.Instead {
		q := names[i+1]
		if alt.Title == "" {
			s += fmt.Sprintf(" No other story in your bank covers %s yet.", q)
			continue
		}
		s += fmt.Sprintf(" For %s, “%s” covers the same competency.", q, alt.Title)
	}
	return s
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// questionCompetencies are what a question shows for a loop's choice:
// its competencies, or its category when an imported pack tagged none.
func questionCompetencies(q *Question) []string {
	if len(q.Competencies) > 0 || q.Category == "" {
		return q.Competencies
	}
	return []string{q.Category}
}

// PlanLoop chooses n questions (MinLoop to MaxLoop) for a loop from plan,
// the questions most urgent first (see Plan). Each brings a competency
// the loop has not covered: first questions sharing no competency with
// those chosen, then ones that still add one, then, when the bank is
// short of competencies, the most urgent left, marked Repeat. Within each
// pass the plan's order holds, so due questions come first. stories give
// each pick its linked story. Fewer than n come back only when the bank
// holds fewer questions.
func PlanLoop(plan []Due, stories []Story, n int) []LoopPick {
	n = min(max(n, MinLoop), MaxLoop)
	storyOf := linkedStories(stories)
	var picks []LoopPick
	chosen := map[string]bool{}
	touched := map[string]bool{} // every competency of a question chosen
	covered := map[string]bool{} // the competency each was chosen for
	take := func(d Due, comp string, repeat bool) {
		s := storyOf[d.Question.ID]
		picks = append(picks, LoopPick{QuestionID: d.Question.ID, Competency: comp, Repeat: repeat,
			Reason: d.Reason, StoryID: s.ID, StoryTitle: s.Title})
		chosen[d.Question.ID] = true
		covered[comp] = true
		for _, c := range questionCompetencies(d.Question) {
			touched[c] = true
		}
	}
	passes := []func(cs []string) (string, bool){
		func(cs []string) (string, bool) { // nothing in common with the loop
			if len(cs) == 0 || slices.ContainsFunc(cs, func(c string) bool { return touched[c] }) {
				return "", false
			}
			return cs[0], true
		},
		func(cs []string) (string, bool) { // still adds a competency
			i := slices.IndexFunc(cs, func(c string) bool { return !covered[c] })
			if i < 0 {
				return "", false
			}
			return cs[i], true
		},
	}
	for _, pass := range passes {
		for _, d := range plan {
			if len(picks) == n {
				return picks
			}
			if chosen[d.Question.ID] {
				continue
			}
			if c, ok := pass(questionCompetencies(d.Question)); ok {
				take(d, c, false)
			}
		}
	}
	for _, d := range plan {
		if len(picks) == n {
			break
		}
		if !chosen[d.Question.ID] {
			comp := ""
			if cs := questionCompetencies(d.Question); len(cs) > 0 {
				comp = cs[0]
			}
			take(d, comp, true)
		}
	}
	return picks
}

// linkedStories maps each question ID to the story linked to it.
func linkedStories(stories []Story) map[string]Story {
	out := map[string]Story{}
	for _, s := range stories {
		for _, q := range s.Questions {
			out[q] = s
		}
	}
	return out
}

// StoryReuses finds the stories linked to more than one of a loop's
// picks, in the order they first come up, each with the other stories in
// stories that show the competency a later question was chosen for and
// are told nowhere else in the loop. A story is known by its ID, or by
// its title once deleted from the bank (ID 0).
func StoryReuses(picks []LoopPick, stories []Story) []StoryReuse {
	told := map[string]bool{}
	byKey := map[string]*StoryReuse{}
	var order []string
	for _, p := range picks {
		if p.StoryID == 0 && p.StoryTitle == "" {
			continue
		}
		key := storyKey(p.StoryID, p.StoryTitle)
		told[key] = true
		r := byKey[key]
		if r == nil {
			r = &StoryReuse{StoryID: p.StoryID, StoryTitle: p.StoryTitle}
			byKey[key] = r
			order = append(order, key)
		}
		r.Questions = append(r.Questions, p.QuestionID)
	}
	var out []StoryReuse
	for _, key := range order {
		r := byKey[key]
		if len(r.Questions) < 2 {
			continue
		}
		for _, q := range r.Questions[1:] {
			comp := picks[slices.IndexFunc(picks, func(p LoopPick) bool { return p.QuestionID == q })].Competency
			var alt StoryName
			for _, s := range stories {
				if key := storyKey(s.ID, s.Title); !told[key] && slices.Contains(s.Competencies, comp) {
					alt = StoryName{s.ID, s.Title}
					told[key] = true // offered once: taken twice, it would be told twice
					break
				}
			}
			r.Instead = append(r.Instead, alt)
		}
		out = append(out, *r)
	}
	return out
}

func storyKey(id int64, title string) string {
	if id != 0 {
		return fmt.Sprint(id)
	}
	return "title:" + title
}

// LoopAnswer is one question of a loop as answered: its attempt and
// takes, or none when the loop ended before it.
type LoopAnswer struct {
	Pick    LoopPick
	Attempt *Attempt // nil: not reached, or deleted since (Missing says which)
	Takes   []Take   // the attempt's takes in recording order
	// Unplanned says the attempt was answered in the loop but is none of
	// its picks (a database edited by hand): it is shown, not hidden.
	Unplanned bool
}

// Counted are the answer's counted takes.
func (a LoopAnswer) Counted() []Take {
	var out []Take
	for _, t := range a.Takes {
		if t.Counted {
			out = append(out, t)
		}
	}
	return out
}

// FollowUp is the answer's counted follow-up take, or nil.
func (a LoopAnswer) FollowUp() *Take {
	for i, t := range a.Takes {
		if t.Counted && t.Step == FollowUpStep {
			return &a.Takes[i]
		}
	}
	return nil
}

// Pauses counts the long pauses in the answer's counted STAR takes, and
// the longest.
func (a LoopAnswer) Pauses() (n int, longest time.Duration) {
	for _, t := range a.Counted() {
		if t.Step.Valid() {
			n += t.Pauses
			longest = max(longest, t.LongestPause)
		}
	}
	return n, longest
}

// LoopResult is a loop with its answers, as its results page and report
// show it.
type LoopResult struct {
	Loop    Loop
	Answers []LoopAnswer // one per pick, in loop order
}

// Missing says why the loop's i-th answer has no attempt. A loop is
// answered in order, so one with an answer after it, or in a loop
// finished, had its answer deleted since; otherwise the loop ended, or
// has not yet come, before it.
func (r LoopResult) Missing(i int) string {
	if r.Loop.Status == Complete || slices.ContainsFunc(r.Answers[i+1:], func(a LoopAnswer) bool { return a.Attempt != nil }) {
		return "No answer: it has been deleted from History"
	}
	switch r.Loop.Status {
	case Abandoned:
		return "Not reached: the loop was left before this question"
	case Interrupted:
		return "Not reached: the loop was interrupted before this question"
	}
	return "Not reached yet: the loop is still under way"
}

// Answered counts the answers finished (complete attempts).
func (r LoopResult) Answered() int {
	n := 0
	for _, a := range r.Answers {
		if a.Attempt != nil && a.Attempt.Status == Complete {
			n++
		}
	}
	return n
}

// LoopFigures sum a loop up, for its results and for comparing it with
// another.
type LoopFigures struct {
	Asked, Answered int
	OnTarget        int           // answers whose whole time was in the level window
	Spoken          time.Duration // the finished answers' whole times, summed
	MeanOff         time.Duration // how far out of their level's window they ran, on average (0 inside)
	Pauses          int           // long pauses in the finished answers
	FollowUps       int           // follow-ups answered
	Competencies    []string      // covered by finished answers, in loop order
	Stories         []string      // told in finished answers, in loop order
	// StepOff is, per STAR step, how far its counted takes ran outside
	// their bands on average: negative short, positive long.
	StepOff map[StepID]time.Duration
}

// Figures sums the loop's finished answers up.
func (r LoopResult) Figures() LoopFigures {
	f := LoopFigures{Asked: len(r.Answers), StepOff: map[StepID]time.Duration{}}
	var off time.Duration
	judged := 0 // answers at a level this StarCoach knows
	steps := map[StepID]int{}
	for _, a := range r.Answers {
		if a.Attempt == nil || a.Attempt.Status != Complete {
			continue
		}
		f.Answered++
		if a.Attempt.Verdict == OnTarget {
			f.OnTarget++
		}
		f.Spoken += a.Attempt.Spoken
		if l, ok := LevelByID(a.Attempt.Level); ok {
			off += abs(l.Window().Off(a.Attempt.Spoken))
			judged++
		}
		n, _ := a.Pauses()
		f.Pauses += n
		for _, t := range a.Counted() {
			if t.Step.Valid() {
				f.StepOff[t.Step] += StepBand(t.Target).Off(t.Spoken)
				steps[t.Step]++
			}
		}
		if a.FollowUp() != nil {
			f.FollowUps++
		}
		if c := a.Pick.Competency; c != "" && !slices.Contains(f.Competencies, c) {
			f.Competencies = append(f.Competencies, c)
		}
		if s := a.Pick.StoryTitle; s != "" && !slices.Contains(f.Stories, s) {
			f.Stories = append(f.Stories, s)
		}
	}
	if judged > 0 {
		f.MeanOff = off / time.Duration(judged)
	}
	for step, n := range steps {
		f.StepOff[step] /= time.Duration(n)
	}
	return f
}
