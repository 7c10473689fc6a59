package practice

import (
	"reflect"
	"testing"
	"time"
)

// planNow is a Wednesday afternoon in a zone where local and UTC days
// differ late in the day.
var planNow = time.Date(2026, 3, 11, 15, 0, 0, 0, time.FixedZone("UTC+5:30", 5*3600+1800))

// daysAgo is planNow n days earlier, same time of day.
func daysAgo(n int) time.Time { return planNow.AddDate(0, 0, -n) }

// point is a counted take of step, judged against its target.
func point(step StepID, spoken, target int) StepPoint {
	s, tg := time.Duration(spoken)*time.Second, time.Duration(target)*time.Second
	return StepPoint{Step: step, Spoken: s, Target: tg, Verdict: StepVerdict(s, tg)}
}

// onTime is a step-by-step SDE 2 answer of 2:15 with every step on target.
func onTime(at time.Time, rating int) AttemptTimes {
	return AttemptTimes{StartedAt: at, Level: "sde2", Spoken: 135 * time.Second, Verdict: OnTarget, Rating: rating,
		Steps: []StepPoint{point(Situation, 20, 20), point(Task, 15, 15), point(Action, 60, 60), point(Result, 25, 25), point(Reflection, 15, 15)}}
}

// offTime is an SDE 2 answer judged v on the whole, with these steps.
func offTime(at time.Time, v Verdict, spoken int, steps ...StepPoint) AttemptTimes {
	return AttemptTimes{StartedAt: at, Level: "sde2", Spoken: time.Duration(spoken) * time.Second, Verdict: v, Steps: steps}
}

func rated(a AttemptTimes, r int) AttemptTimes {
	a.Rating = r
	return a
}

func TestPlanOneQuestion(t *testing.T) {
	inDays := func(n int) time.Time { return planNow.AddDate(0, 0, n) }
	tests := []struct {
		name      string
		attempts  []AttemptTimes // newest first
		interview time.Time
		reason    string
		due       time.Time
		never     bool
	}{
		{name: "never rehearsed is due now", reason: "never rehearsed", due: planNow, never: true},
		{name: "the step furthest past its band is named, by how far past it",
			attempts: []AttemptTimes{offTime(daysAgo(2), Long, 170, point(Situation, 22, 15), point(Task, 15, 15), point(Action, 85, 60), point(Result, 25, 25))},
			reason:   "Action ran 19 s long last time", due: daysAgo(1)}, // on target up to 66 s; the Situation's is 17 s
		{name: "the step furthest under its band is named",
			attempts: []AttemptTimes{offTime(daysAgo(0), Short, 100, point(Situation, 18, 30), point(Task, 10, 15), point(Action, 60, 60))},
			reason:   "Situation ran 6 s short last time, due again tomorrow", due: inDays(1)}, // from 24 s; the Task's from 12 s
		{name: "steps equally far off: none stands out",
			attempts: []AttemptTimes{offTime(daysAgo(1), Long, 170, point(Situation, 30, 20), point(Task, 25, 15), point(Action, 70, 60))},
			reason:   "the whole answer ran 20 s long last time", due: planNow}, // both 8 s past their bands
		{name: "a step off the other way is not the reason: the whole answer is",
			attempts: []AttemptTimes{offTime(daysAgo(3), Long, 160, point(Situation, 10, 20), point(Action, 60, 60))},
			reason:   "the whole answer ran 10 s long last time", due: daysAgo(2)},
		{name: "every step on target but the whole mock answer long",
			attempts: []AttemptTimes{offTime(daysAgo(1), Long, 155, point(Action, 62, 60))},
			reason:   "the whole answer ran 5 s long last time", due: planNow},
		{name: "a short whole answer is measured from the window's bottom",
			attempts: []AttemptTimes{offTime(daysAgo(1), Short, 95)},
			reason:   "the whole answer ran 25 s short last time", due: planNow},
		{name: "a minute or more off reads as a clock",
			attempts: []AttemptTimes{offTime(daysAgo(1), Long, 220, point(Action, 131, 60))},
			reason:   "Action ran 1:05 long last time", due: planNow},
		{name: "an untimed answer comes back tomorrow",
			attempts: []AttemptTimes{offTime(daysAgo(0), "", 0)},
			reason:   "it was not timed last time, due again tomorrow", due: inDays(1)},
		{name: "on target but rated 3 comes back after a day",
			attempts: []AttemptTimes{onTime(daysAgo(0), 3), onTime(daysAgo(5), 5)},
			reason:   "you rated it 3 of 5 last time, due again tomorrow", due: inDays(1)},
		{name: "off target and rated low says both",
			attempts: []AttemptTimes{rated(offTime(daysAgo(4), Long, 170, point(Action, 85, 60)), 2)},
			reason:   "Action ran 19 s long and you rated it 2 of 5 last time", due: daysAgo(3)},
		{name: "on target once, rated 4: three days",
			attempts: []AttemptTimes{onTime(daysAgo(1), 4)},
			reason:   "on target once, due again in 2 days", due: inDays(2)},
		{name: "unrated on target counts as good",
			attempts: []AttemptTimes{onTime(daysAgo(8), 0), onTime(daysAgo(12), 0)},
			reason:   "on target twice, due again after 7 days", due: daysAgo(1)},
		{name: "three good in a row: fourteen days",
			attempts: []AttemptTimes{onTime(daysAgo(20), 5), onTime(daysAgo(25), 4), onTime(daysAgo(30), 0)},
			reason:   "on target 3 times, due again after 14 days", due: daysAgo(6)},
		{name: "the ladder stops at fourteen days",
			attempts: []AttemptTimes{onTime(daysAgo(1), 5), onTime(daysAgo(2), 5), onTime(daysAgo(3), 5), onTime(daysAgo(4), 5)},
			reason:   "on target 3 times, due again in 13 days", due: inDays(13)},
		{name: "a bad attempt breaks the run",
			attempts: []AttemptTimes{onTime(daysAgo(0), 5), onTime(daysAgo(1), 1), onTime(daysAgo(2), 5)},
			reason:   "on target once, due again in 3 days", due: inDays(3)},
		{name: "due again later today",
			attempts: []AttemptTimes{onTime(daysAgo(3).Add(2*time.Hour), 5)},
			reason:   "on target once, due again later today", due: planNow.Add(2 * time.Hour)},
		{name: "an interview in 5 days caps the interval at 2",
			attempts:  []AttemptTimes{onTime(daysAgo(1), 5), onTime(daysAgo(4), 5), onTime(daysAgo(9), 5)},
			interview: inDays(5),
			reason:    "on target 3 times, due again tomorrow as the interview is in 5 days", due: inDays(1)},
		{name: "an interview tomorrow caps it at a day",
			attempts:  []AttemptTimes{onTime(daysAgo(2), 5), onTime(daysAgo(4), 5)},
			interview: inDays(1),
			reason:    "on target twice, due again after 1 day as the interview is tomorrow", due: daysAgo(1)},
		{name: "on the interview day it is still a day",
			attempts:  []AttemptTimes{onTime(daysAgo(1), 5)},
			interview: planNow.Add(-10 * time.Hour),
			reason:    "on target once, due again after 1 day as the interview is today", due: planNow},
		{name: "a far interview leaves the ladder alone",
			attempts:  []AttemptTimes{onTime(daysAgo(1), 5), onTime(daysAgo(2), 5), onTime(daysAgo(3), 5)},
			interview: inDays(60),
			reason:    "on target 3 times, due again in 13 days", due: inDays(13)},
		{name: "a passed interview is ignored",
			attempts:  []AttemptTimes{onTime(daysAgo(1), 5)},
			interview: daysAgo(1),
			reason:    "on target once, due again in 2 days", due: inDays(2)},
		{name: "an interview never pulls a retry later",
			attempts:  []AttemptTimes{offTime(daysAgo(0), Long, 170, point(Action, 85, 60))},
			interview: inDays(2),
			reason:    "Action ran 19 s long last time, due again tomorrow", due: inDays(1)},
	}
	q := &Question{ID: "q"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Plan([]*Question{q}, []QuestionHistory{{QuestionID: "q", Attempts: tt.attempts}}, tt.interview, planNow)
			want := []Due{{Question: q, Reason: tt.reason, Due: tt.due, Never: tt.never}}
			if len(got) != 1 || got[0].Question != q || got[0].Reason != tt.reason || !got[0].Due.Equal(tt.due) || got[0].Never != tt.never {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestPlanOrder(t *testing.T) {
	qs := []*Question{{ID: "later"}, {ID: "new-1"}, {ID: "overdue-3-days"}, {ID: "new-2"}, {ID: "overdue-1-day"}, {ID: "soon"}}
	hist := []QuestionHistory{
		{QuestionID: "overdue-1-day", Attempts: []AttemptTimes{onTime(daysAgo(4), 5)}},
		{QuestionID: "later", Attempts: []AttemptTimes{onTime(daysAgo(1), 5), onTime(daysAgo(3), 5)}},
		{QuestionID: "soon", Attempts: []AttemptTimes{offTime(daysAgo(0), Short, 60)}},
		{QuestionID: "overdue-3-days", Attempts: []AttemptTimes{onTime(daysAgo(4), 1)}},
		{QuestionID: "removed-from-bank", Attempts: []AttemptTimes{onTime(daysAgo(9), 5)}},
	}
	var got []string
	for _, d := range Plan(qs, hist, time.Time{}, planNow) {
		got = append(got, d.Question.ID)
	}
	want := []string{"new-1", "new-2", "overdue-3-days", "overdue-1-day", "soon", "later"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestDueWhen(t *testing.T) {
	tests := []struct {
		due  time.Time
		want string
	}{
		{daysAgo(3), "now"},
		{planNow, "now"},
		{planNow.Add(8*time.Hour + 59*time.Minute), "later today"}, // 23:59
		{planNow.Add(9 * time.Hour), "tomorrow"},                   // midnight
		{planNow.AddDate(0, 0, 2), "in 2 days"},
	}
	for _, tt := range tests {
		if got := (Due{Due: tt.due}).When(planNow); got != tt.want {
			t.Errorf("due %v: %q, want %q", tt.due, got, tt.want)
		}
	}
}

func TestDaysUntil(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	before := time.Date(2026, 3, 28, 12, 0, 0, 0, berlin) // the clocks go forward on the 29th
	tests := []struct {
		name   string
		t, now time.Time
		want   int
	}{
		{"same day", planNow.Add(8 * time.Hour), planNow, 0},
		{"next day just after midnight", planNow.Add(9 * time.Hour), planNow, 1},
		{"yesterday", planNow.Add(-16 * time.Hour), planNow, -1},
		{"counted in now's zone", time.Date(2026, 3, 11, 20, 0, 0, 0, time.UTC), planNow, 1}, // 01:30 on the 12th there
		{"across a daylight-saving change", time.Date(2026, 4, 4, 0, 0, 0, 0, berlin), before, 7},
		// Further than a Duration reaches (292 years), counted by the calendar.
		{"the last day of 9999", time.Date(9999, 12, 31, 0, 0, 0, 0, planNow.Location()), planNow, 2912373},
		{"the first day of year 1", time.Date(1, 1, 1, 0, 0, 0, 0, planNow.Location()), planNow, -739685},
	}
	for _, tt := range tests {
		if got := DaysUntil(tt.t, tt.now); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestInDays(t *testing.T) {
	for n, want := range map[int]string{0: "today", 1: "tomorrow", 2: "in 2 days", -1: "yesterday", -3: "3 days ago"} {
		if got := InDays(n); got != want {
			t.Errorf("InDays(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestReadiness(t *testing.T) {
	qs := []*Question{
		{ID: "a", Competencies: []string{"Ownership", "Dive Deep"}},
		{ID: "b", Competencies: []string{"Ownership"}},
		{ID: "c", Competencies: []string{"Bias for Action", "Ownership"}},
	}
	tests := []struct {
		name string
		hist []QuestionHistory
		want []CompetencyReadiness
	}{
		{"nothing rehearsed", nil, []CompetencyReadiness{
			{"Bias for Action", 1, 0}, {"Dive Deep", 1, 0}, {"Ownership", 3, 0}}},
		{"only the last attempt counts", []QuestionHistory{
			{QuestionID: "a", Attempts: []AttemptTimes{onTime(daysAgo(1), 0), offTime(daysAgo(2), Long, 170)}},
			{QuestionID: "b", Attempts: []AttemptTimes{offTime(daysAgo(1), Short, 80), onTime(daysAgo(2), 5)}},
			{QuestionID: "c", Attempts: []AttemptTimes{rated(onTime(daysAgo(1), 0), 1)}},
		}, []CompetencyReadiness{{"Bias for Action", 1, 1}, {"Dive Deep", 1, 1}, {"Ownership", 3, 2}}},
		{"a question not in the bank counts for nothing", []QuestionHistory{
			{QuestionID: "gone", Attempts: []AttemptTimes{onTime(daysAgo(1), 5)}},
		}, []CompetencyReadiness{{"Bias for Action", 1, 0}, {"Dive Deep", 1, 0}, {"Ownership", 3, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Readiness(qs, tt.hist); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
