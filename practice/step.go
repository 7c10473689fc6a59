package practice

// StepID names one part of a STAR answer.
type StepID string

// The five steps of an answer, in the order they are spoken.
const (
	Situation  StepID = "situation"
	Task       StepID = "task"
	Action     StepID = "action"
	Result     StepID = "result"
	Reflection StepID = "reflection"
)

// FollowUpStep marks a take that answers a follow-up question rather than a
// STAR step (full mock mode ends with one).
const FollowUpStep StepID = "followup"

// Steps lists the STAR steps in speaking order.
var Steps = []StepID{Situation, Task, Action, Result, Reflection}

// Parts lists what a take can answer: the STAR steps in speaking order,
// then the follow-up.
var Parts = []StepID{Situation, Task, Action, Result, Reflection, FollowUpStep}

var stepInfo = map[StepID]struct{ name, letter, prompt string }{
	Situation:    {"Situation", "S", "Set the scene: where you were, what was going wrong, why it mattered."},
	Task:         {"Task", "T", "Say what was yours to do, and where your responsibility ended."},
	Action:       {"Action", "A", "Walk through what you personally did, one \"I\" sentence at a time."},
	Result:       {"Result", "R", "Give the outcome in numbers, what it meant for the business, and what it changed."},
	Reflection:   {"Reflection", "Rf", "Close with what you learned that is specific to this story."},
	FollowUpStep: {"Follow-up", "F", "Answer the interviewer's follow-up question."},
}

// Name is the step's display name, e.g. "Situation".
func (s StepID) Name() string {
	if i, ok := stepInfo[s]; ok {
		return i.name
	}
	return string(s)
}

// Letter is the step's one-letter badge, e.g. "S".
func (s StepID) Letter() string {
	if i, ok := stepInfo[s]; ok {
		return i.letter
	}
	return "?"
}

// Prompt is the generic instruction for the step, shown when recording it.
func (s StepID) Prompt() string { return stepInfo[s].prompt }

// Valid reports whether s is one of the five STAR steps.
func (s StepID) Valid() bool {
	for _, v := range Steps {
		if v == s {
			return true
		}
	}
	return false
}
