package practice

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Question is one behavioral question with everything a walkthrough page
// shows: the model answer step by step, how to pitch it at each level, the
// follow-ups an interviewer may ask, a weak answer to learn from and a quiz.
type Question struct {
	ID           string   `yaml:"id"`
	Title        string   `yaml:"title"`
	Category     string   `yaml:"category"`
	Competencies []string `yaml:"competencies"`
	// Overview tells the example story in brief.
	Overview string `yaml:"overview"`
	// Takeaways says why the example works, in a few sentences.
	Takeaways string `yaml:"takeaways"`
	// Steps holds the five STAR steps in speaking order.
	Steps     []Step      `yaml:"steps"`
	Variants  []Variant   `yaml:"variants"`
	FollowUps []FollowUp  `yaml:"follow_ups"`
	Weak      *WeakAnswer `yaml:"weak_answer"`
	Quiz      []QuizItem  `yaml:"quiz"`
	Angles    []Angle     `yaml:"angles"`
}

// Step is one STAR step of a question's model answer.
type Step struct {
	Step StepID `yaml:"step"`
	// TargetSeconds is the reference spoken time; Targets scales it per level.
	TargetSeconds int      `yaml:"target_s"`
	Example       string   `yaml:"example"`
	KeyPhrases    []string `yaml:"key_phrases"`
	Coaching      string   `yaml:"coaching"`
	Mistake       string   `yaml:"mistake"`
	// SelfChecks are statements the candidate ticks after speaking the step,
	// e.g. "I stated the scope boundary".
	SelfChecks []string `yaml:"self_checks"`
}

// Variant says how to pitch the answer at one level.
type Variant struct {
	Level      LevelID `yaml:"level"`
	Focus      string  `yaml:"focus"`
	Reflection string  `yaml:"reflection"`
	// Bar is what the interviewer expects to hear at this level.
	Bar string `yaml:"bar"`
}

// FollowUp is a question an interviewer may ask after the answer.
type FollowUp struct {
	Question string `yaml:"question"`
	Probes   string `yaml:"probes"`
	Weak     string `yaml:"weak"`
	WeakWhy  string `yaml:"weak_why"`
	Strong   string `yaml:"strong"`
	Takeaway string `yaml:"takeaway"`
	// TargetSeconds is the spoken-time target when it is rehearsed; zero
	// means DefaultFollowUpSeconds.
	TargetSeconds int `yaml:"target_s,omitempty"`
}

// DefaultFollowUpSeconds is the target for a follow-up answer when the
// content sets none and gives no strong answer to measure.
const DefaultFollowUpSeconds = 45

// Target is the follow-up's spoken-time target in seconds: the content's,
// or else as long as its strong answer takes to say at the middle of the
// comfortable pace, to the nearest 5 s and at least 15, so the aim fits
// the answer the candidate is shown after.
func (f FollowUp) Target() int {
	switch words := len(strings.Fields(f.Strong)); {
	case f.TargetSeconds > 0:
		return f.TargetSeconds
	case words == 0:
		return DefaultFollowUpSeconds
	default:
		secs := float64(words) / float64(PaceAimLow+PaceAimHigh) * 2 * 60
		return max(15, int(math.Round(secs/5))*5)
	}
}

// WeakAnswer is a full answer that fails, with what is wrong with it.
type WeakAnswer struct {
	Text     string   `yaml:"text"`
	Critique []string `yaml:"critique"`
	// Verdict is how a bar raiser would sum it up.
	Verdict string `yaml:"verdict"`
}

// QuizItem is a multiple-choice question about the technique.
type QuizItem struct {
	Question    string   `yaml:"question"`
	Options     []string `yaml:"options"`
	Correct     int      `yaml:"correct"` // index into Options
	Explanation string   `yaml:"explanation"`
}

// Angle says how to tilt the same story toward one competency.
type Angle struct {
	Competency string `yaml:"competency"`
	LeadWith   string `yaml:"lead_with"`
	Emphasize  string `yaml:"emphasize"`
	Downplay   string `yaml:"downplay"`
}

// Step returns the question's step s, or nil.
func (q *Question) Step(s StepID) *Step {
	for i := range q.Steps {
		if q.Steps[i].Step == s {
			return &q.Steps[i]
		}
	}
	return nil
}

// Variant returns the level variant for l, or nil if the question has none.
func (q *Question) Variant(l LevelID) *Variant {
	for i := range q.Variants {
		if q.Variants[i].Level == l {
			return &q.Variants[i]
		}
	}
	return nil
}

// ReferenceTotal is the sum of the reference step targets, in seconds.
func (q *Question) ReferenceTotal() int {
	sum := 0
	for _, s := range q.Steps {
		sum += s.TargetSeconds
	}
	return sum
}

// titlePrefixes are the openings interviewers share; dropping them leaves
// what tells one question from another in a narrow list.
var titlePrefixes = []string{
	"Tell me about a time when you ", "Tell me about a time you ",
	"Describe a time when you ", "Describe a time you ", "Give an example of a time you ",
	"Tell me about ", "Describe ",
}

// ShortTitle is the title without its stock opening, e.g. "Made an
// unpopular decision as a leader". What is left of a short one keeps
// more of it: "A time you failed", not "Failed".
func (q *Question) ShortTitle() string {
	t := strings.TrimSuffix(strings.TrimSpace(q.Title), ".")
	t = strings.TrimSuffix(t, "?")
	for _, p := range titlePrefixes {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			rest := t[len(p):]
			if !strings.Contains(rest, " ") {
				i := strings.Index(strings.ToLower(t), "a time")
				if i < 0 {
					return t // one word left says too little
				}
				rest = t[i:]
			}
			r, size := utf8.DecodeRuneInString(rest)
			return string(unicode.ToUpper(r)) + rest[size:]
		}
	}
	return t
}
