package practice

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// loopQuestions are a bank's questions by ID with their competencies.
func loopQuestions(comps map[string][]string, order ...string) []*Question {
	var qs []*Question
	for _, id := range order {
		qs = append(qs, &Question{ID: id, Title: "Title of " + id, Competencies: comps[id]})
	}
	return qs
}

func TestPlanLoopChoosesByCompetencyDueFirst(t *testing.T) {
	comps := map[string][]string{
		"conflict":  {"Conflict", "Communication"},
		"deadline":  {"Delivery"},
		"mentor":    {"Leadership", "Communication"},
		"failure":   {"Ownership"},
		"ambiguity": {"Delivery", "Judgement"},
		"influence": {"Leadership"},
		"tradeoff":  {"Judgement"},
	}
	qs := loopQuestions(comps, "conflict", "deadline", "mentor", "failure", "ambiguity", "influence", "tradeoff")
	// The plan's order: ambiguity is most urgent, then mentor, then the rest.
	hist := []QuestionHistory{
		{QuestionID: "ambiguity", Attempts: []AttemptTimes{offTime(daysAgo(5), Long, 170)}},
		{QuestionID: "mentor", Attempts: []AttemptTimes{offTime(daysAgo(3), Long, 170)}},
		{QuestionID: "conflict", Attempts: []AttemptTimes{onTime(daysAgo(1), 0)}},
		{QuestionID: "deadline", Attempts: []AttemptTimes{onTime(daysAgo(2), 0)}},
		{QuestionID: "influence", Attempts: []AttemptTimes{onTime(daysAgo(2), 0)}},
		{QuestionID: "tradeoff", Attempts: []AttemptTimes{onTime(daysAgo(1), 0)}},
	}
	plan := Plan(qs, hist, time.Time{}, planNow)
	ids := func(ps []LoopPick) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.QuestionID+"/"+p.Competency)
		}
		return out
	}
	tests := []struct {
		n    int
		want []string
	}{
		// failure was never rehearsed: first. Then the most overdue that
		// shares nothing with those chosen: ambiguity, mentor; deadline
		// shares Delivery with ambiguity, conflict Communication with
		// mentor, so the first pass ends with 3.
		{3, []string{"failure/Ownership", "ambiguity/Delivery", "mentor/Leadership"}},
		// The fourth still adds a competency: conflict brings Conflict.
		{4, []string{"failure/Ownership", "ambiguity/Delivery", "mentor/Leadership", "conflict/Conflict"}},
		// tradeoff's Judgement was ambiguity's second, never its reason:
		// it still adds one. Then the bank has no competency left.
		{6, []string{"failure/Ownership", "ambiguity/Delivery", "mentor/Leadership", "conflict/Conflict", "tradeoff/Judgement", "deadline/Delivery"}},
		{1, []string{"failure/Ownership", "ambiguity/Delivery", "mentor/Leadership"}}, // at least MinLoop
	}
	for _, tt := range tests {
		picks := PlanLoop(plan, nil, tt.n)
		if got := ids(picks); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PlanLoop(%d) = %v, want %v", tt.n, got, tt.want)
		}
		for i, p := range picks {
			if want := i == 5; p.Repeat != want {
				t.Errorf("PlanLoop(%d): %s Repeat = %v", tt.n, p.QuestionID, p.Repeat)
			}
		}
	}
	if r := PlanLoop(plan, nil, 3)[0].Reason; r != "never rehearsed" {
		t.Errorf("the first pick's reason is %q", r)
	}
}

func TestPlanLoopSmallBank(t *testing.T) {
	qs := loopQuestions(map[string][]string{"a": {"X"}, "b": {"X"}}, "a", "b")
	qs = append(qs, &Question{ID: "c", Category: "Teamwork"}) // an imported question with no competencies
	picks := PlanLoop(Plan(qs, nil, time.Time{}, planNow), nil, 5)
	want := []LoopPick{
		{QuestionID: "a", Competency: "X", Reason: "never rehearsed"},
		{QuestionID: "c", Competency: "Teamwork", Reason: "never rehearsed"},
		{QuestionID: "b", Competency: "X", Repeat: true, Reason: "never rehearsed"},
	}
	if !reflect.DeepEqual(picks, want) {
		t.Errorf("a bank of three gives %+v, want %+v", picks, want)
	}
}

func TestStoryReuses(t *testing.T) {
	stories := []Story{
		{ID: 1, Title: "Payments outage", Competencies: []string{"Ownership", "Delivery"}, Questions: []string{"failure", "deadline", "ambiguity"}},
		{ID: 2, Title: "Search migration", Competencies: []string{"Leadership"}, Questions: []string{"mentor"}},
		{ID: 3, Title: "On-call rota", Competencies: []string{"Delivery", "Conflict"}},
		{ID: 4, Title: "Intern project", Competencies: []string{"Leadership"}},
	}
	qs := loopQuestions(map[string][]string{
		"failure": {"Ownership"}, "mentor": {"Leadership"}, "ambiguity": {"Delivery"}, "deadline": {"Judgement"},
	}, "failure", "mentor", "ambiguity", "deadline")
	picks := PlanLoop(Plan(qs, nil, time.Time{}, planNow), stories, 4)
	if picks[0].StoryTitle != "Payments outage" || picks[1].StoryID != 2 {
		t.Fatalf("picks carry their stories wrong: %+v", picks)
	}
	got := StoryReuses(picks, stories)
	want := []StoryReuse{{StoryID: 1, StoryTitle: "Payments outage",
		Questions: []string{"failure", "ambiguity", "deadline"},
		// ambiguity needs Delivery: On-call rota shows it. deadline needs
		// Judgement: no story shows it.
		Instead: []StoryName{{3, "On-call rota"}, {}}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("StoryReuses = %+v, want %+v", got, want)
	}
	text := got[0].Text(func(id string) string { return "Title of " + id })
	const wantText = "The story “Payments outage” answers “Title of failure”, “Title of ambiguity” and “Title of deadline”. " +
		"For “Title of ambiguity”, “On-call rota” covers the same competency. No other story in your bank covers “Title of deadline” yet."
	if text != wantText {
		t.Errorf("the warning reads\n%s\nwant\n%s", text, wantText)
	}
	// A story deleted since is known by its title.
	gone := []LoopPick{{QuestionID: "a", StoryTitle: "Old"}, {QuestionID: "b", StoryTitle: "Old"}, {QuestionID: "c"}}
	if r := StoryReuses(gone, nil); len(r) != 1 || !reflect.DeepEqual(r[0].Questions, []string{"a", "b"}) {
		t.Errorf("deleted story's reuse: %+v", r)
	}
	// One story that could replace it is offered once: taken for two
	// questions, it would be told twice itself.
	same := []LoopPick{{QuestionID: "a", StoryID: 1, Competency: "Delivery"}, {QuestionID: "b", StoryID: 1, Competency: "Delivery"},
		{QuestionID: "c", StoryID: 1, Competency: "Delivery"}}
	if r := StoryReuses(same, stories); len(r) != 1 || !reflect.DeepEqual(r[0].Instead, []StoryName{{3, "On-call rota"}, {}}) {
		t.Errorf("a story told three times, one other for its competency: %+v", r)
	}
	if r := StoryReuses(picks[1:2], stories); r != nil {
		t.Errorf("one question cannot reuse a story: %+v", r)
	}
}

func TestLoopFigures(t *testing.T) {
	att := func(v Verdict, spoken int) *Attempt {
		return &Attempt{Level: "sde2", Status: Complete, Verdict: v, Spoken: time.Duration(spoken) * time.Second}
	}
	r := LoopResult{Answers: []LoopAnswer{
		{Pick: LoopPick{Competency: "Ownership", StoryTitle: "Outage"}, Attempt: att(OnTarget, 140),
			Takes: []Take{{Step: Action, Counted: true, Pauses: 2, LongestPause: 2 * time.Second, Spoken: 100 * time.Second, Target: 90 * time.Second},
				{Step: Action, Pauses: 5}, {Step: FollowUpStep, Counted: true, Pauses: 3}}},
		// 20 s past 2:30; its Action on target.
		{Pick: LoopPick{Competency: "Delivery", StoryTitle: "Outage"}, Attempt: att(Long, 170),
			Takes: []Take{{Step: Action, Counted: true, Spoken: 90 * time.Second, Target: 90 * time.Second}}},
		{Pick: LoopPick{Competency: "Leadership"}, Attempt: &Attempt{Status: Abandoned}},
		{Pick: LoopPick{Competency: "Conflict"}},
	}}
	want := LoopFigures{Asked: 4, Answered: 2, OnTarget: 1, Spoken: 310 * time.Second, MeanOff: 10 * time.Second,
		Pauses: 2, FollowUps: 1, Competencies: []string{"Ownership", "Delivery"}, Stories: []string{"Outage"},
		// 100 s against a band of 72-99 s: 1 s long; then on target.
		StepOff: map[StepID]time.Duration{Action: 500 * time.Millisecond}}
	if got := r.Figures(); !reflect.DeepEqual(got, want) {
		t.Errorf("Figures = %+v, want %+v", got, want)
	}
	if r.Answered() != 2 {
		t.Errorf("Answered = %d", r.Answered())
	}
}

// A question without an answer says why, as far as the loop tells: one
// with an answer after it, or in a loop finished, had its answer
// deleted; otherwise the loop ended, or is still under way, before it.
func TestLoopQuestionWithoutAnswer(t *testing.T) {
	answered := LoopAnswer{Attempt: &Attempt{Status: Complete}}
	for _, tt := range []struct {
		status  Status
		answers []LoopAnswer
		want    string
	}{
		{Abandoned, []LoopAnswer{answered, {}}, "Not reached: the loop was left before this question"},
		{Interrupted, []LoopAnswer{answered, {}}, "Not reached: the loop was interrupted before this question"},
		{InProgress, []LoopAnswer{answered, {}}, "Not reached yet: the loop is still under way"},
		{Complete, []LoopAnswer{answered, {}}, "No answer: it has been deleted from History"},
		{Abandoned, []LoopAnswer{{}, answered}, "No answer: it has been deleted from History"},
	} {
		r := LoopResult{Loop: Loop{Status: tt.status}, Answers: tt.answers}
		i := slices.IndexFunc(tt.answers, func(a LoopAnswer) bool { return a.Attempt == nil })
		if got := r.Missing(i); got != tt.want {
			t.Errorf("question %d of a loop %s: %q, want %q", i+1, tt.status.Word(), got, tt.want)
		}
	}
}
