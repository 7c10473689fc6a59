package sqlite

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"starcoach/practice"
)

// TestHistoryQueries checks the history page's queries on a small,
// hand-made history, in a time zone where local and UTC days differ.
func TestHistoryQueries(t *testing.T) {
	db := openTest(t, t.TempDir())
	loc := time.FixedZone("UTC+5:30", 5*3600+1800)
	now := time.Date(2026, 3, 11, 15, 0, 0, 0, loc) // a Wednesday
	at := func(days, hour int) time.Time { return time.Date(2026, 3, 11+days, hour, 0, 0, 0, loc) }
	type spec struct {
		q     string
		level practice.LevelID
		mode  practice.Mode
		start time.Time
		secs  int // spoken per step
	}
	specs := []spec{
		{"a", "sde1", practice.StepByStep, at(-4, 9), 10},
		{"b", "sde2", practice.Mock, at(-2, 1), 20}, // 19:30 on the 8th in UTC: the local day counts
		{"a", "sde2", practice.StepByStep, at(-1, 9), 30},
		{"a", "sde2", practice.Mock, at(0, 8), 40},
		{"b", "senior", practice.StepByStep, at(0, 9), 50},
	}
	ids := make([]int64, len(specs))
	for i, s := range specs {
		a := practice.Attempt{QuestionID: s.q, Level: s.level, Mode: s.mode, StartedAt: s.start}
		if err := db.CreateAttempt(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
		for j, step := range practice.Steps {
			tk := recordTake(t, db, a.ID, step, time.Duration(s.secs+j)*time.Second, true)
			if err := db.UpdateTake(ctx, tk.ID, 1+i%5, nil, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.FinishAttempt(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}

	list := func(f practice.HistoryFilter) []int64 {
		t.Helper()
		as, err := db.Attempts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, a := range as {
			got = append(got, a.ID)
		}
		return got
	}
	for name, c := range map[string]struct {
		f    practice.HistoryFilter
		want []int64
	}{
		"all, newest first": {practice.HistoryFilter{}, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		"question":          {practice.HistoryFilter{QuestionID: "a"}, []int64{ids[3], ids[2], ids[0]}},
		"level":             {practice.HistoryFilter{Level: "sde2"}, []int64{ids[3], ids[2], ids[1]}},
		"mode":              {practice.HistoryFilter{Mode: practice.Mock}, []int64{ids[3], ids[1]}},
		"dates":             {practice.HistoryFilter{From: at(-2, 0), To: at(0, 9)}, []int64{ids[3], ids[2], ids[1]}},
		"page":              {practice.HistoryFilter{Limit: 2, Offset: 1}, []int64{ids[3], ids[2]}},
		"all filters":       {practice.HistoryFilter{QuestionID: "a", Level: "sde2", Mode: practice.StepByStep, From: at(-3, 0)}, []int64{ids[2]}},
	} {
		if got := list(c.f); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", name, got, c.want)
		}
	}

	// An abandoned and an interrupted attempt at "a", newest of all: listed
	// with their status, never in the chart or the statistics.
	for _, status := range []practice.Status{practice.Abandoned, practice.Interrupted} {
		a := practice.Attempt{QuestionID: "a", Level: "sde2", Mode: practice.StepByStep, StartedAt: at(0, 10)}
		if err := db.CreateAttempt(ctx, &a); err != nil {
			t.Fatal(err)
		}
		recordTake(t, db, a.ID, practice.Situation, 2*time.Second, true)
		if status == practice.Abandoned {
			if err := db.AbandonAttempt(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		} else if _, err := db.db.Exec(`UPDATE attempts SET status = ? WHERE id = ?`, status, a.ID); err != nil {
			t.Fatal(err)
		}
		if got := list(practice.HistoryFilter{QuestionID: "a", Status: status}); !reflect.DeepEqual(got, []int64{a.ID}) {
			t.Errorf("attempts %s: %v, want [%d]", status, got, a.ID)
		}
	}
	if got := list(practice.HistoryFilter{QuestionID: "a"}); len(got) != 5 {
		t.Errorf("attempts at a, all statuses: %v", got)
	}

	progress, err := db.StepProgress(ctx, "a", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != 2 || progress[0].ID != ids[3] || progress[1].ID != ids[2] {
		t.Fatalf("progress: %+v", progress)
	}
	// Each attempt carries its whole answer as stored: the mock's runs
	// from its first word to its last (its clips all start at 0 here), not
	// the 3:30 its steps add up to.
	for i, p := range progress {
		a, err := db.Attempt(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Spoken != a.Spoken || p.Verdict != a.Verdict || p.Level != a.Level || p.Rating != a.Rating ||
			!p.StartedAt.Equal(specs[3-i].start) || len(p.Steps) != 5 {
			t.Errorf("progress[%d] = %+v, stored %+v", i, p, a)
		}
	}
	if got := progress[0].Spoken; got != 44*time.Second {
		t.Errorf("the mock's whole answer is %v, want 44s", got)
	}
	first, last := progress[0].Steps[0], progress[1].Steps[4]
	if first.AttemptID != ids[3] || first.Step != practice.Situation || first.Spoken != 40*time.Second ||
		first.Target != 30*time.Second || first.Rating != 4 || last.Step != practice.Reflection || last.AttemptID != ids[2] {
		t.Errorf("steps: first %+v, last %+v", first, last)
	}

	stats, err := db.StepStats(ctx, practice.HistoryFilter{QuestionID: "a", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Attempts 3 and 2 spoke 40+j and 30+j s against 30 s targets: the
	// best is the 30+j one; ratings were 4 and 3.
	if len(stats) != 5 {
		t.Fatalf("stats: %+v", stats)
	}
	for j, s := range stats {
		want := practice.StepStats{Step: practice.Steps[j], Takes: 2, AvgSpoken: time.Duration(35+j) * time.Second,
			Best: time.Duration(30+j) * time.Second, BestTarget: 30 * time.Second, OnTarget: 1, AvgRating: 3.5}
		if j == 4 { // 34 s is past the band's top, 33 s
			want.OnTarget = 0
		}
		if s != want {
			t.Errorf("stats[%d] = %+v, want %+v", j, s, want)
		}
	}

	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{now, 3},              // today, yesterday, and the 9th local time
		{at(1, 12), 3},        // nothing yet today: the streak ends yesterday
		{at(2, 12), 0},        // a whole day missed
		{at(-3, 12), 1},       // back then only the 7th
		{at(-1, 12), 2},       // the 10th and 9th
		{at(-1, 12).UTC(), 1}, // same instant, UTC days: the 10th, then the 8th
	} {
		if got, err := db.Streak(ctx, c.now); err != nil || got != c.want {
			t.Errorf("Streak(%v) = %d, %v; want %d", c.now, got, err, c.want)
		}
	}

	// This week, from Monday the 9th local time: the four complete
	// attempts from the 9th on, not the abandoned and interrupted ones,
	// which are kept out of statistics. A mock here runs as long as its
	// longest step (every clip starts at 0): 24 s and 44 s; step by step
	// the steps add up: 160 s and 260 s.
	counts, err := db.Counts(ctx, now)
	want := practice.Counts{ThisWeek: 4, Questions: 2, SpokenThisWeek: (24 + 160 + 44 + 260) * time.Second}
	if err != nil || counts != want {
		t.Errorf("Counts = %+v, %v; want %+v", counts, err, want)
	}
	// A question only ever left is not one practised.
	left := practice.Attempt{QuestionID: "only-left", Level: "sde2", Mode: practice.StepByStep, StartedAt: now}
	if err := db.CreateAttempt(ctx, &left); err != nil {
		t.Fatal(err)
	}
	recordTake(t, db, left.ID, practice.Situation, 20*time.Second, true)
	if err := db.AbandonAttempt(ctx, left.ID); err != nil {
		t.Fatal(err)
	}
	if counts, err := db.Counts(ctx, now); err != nil || counts != want {
		t.Errorf("Counts with an attempt left = %+v, %v; want %+v", counts, err, want)
	}
}

// An attempt's pace is its counted takes' pooled, as the attempt detail
// works it out from the takes; History's row reads the same.
func TestAttemptPaceIsItsCountedTakesPooled(t *testing.T) {
	db := openTest(t, t.TempDir())
	a := newAttempt(t, db, "q")
	// A take as recordTake makes it, with a syllable rate.
	take := func(step practice.StepID, spoken time.Duration, syll float64) {
		t.Helper()
		tk := recordTake(t, db, a.ID, step, spoken, true)
		if _, err := db.db.Exec(`UPDATE takes SET syllables_per_s = ? WHERE id = ?`, syll, tk.ID); err != nil {
			t.Fatal(err)
		}
	}
	pace := func() practice.PaceResult {
		t.Helper()
		got, err := db.Attempt(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.Attempts(ctx, practice.HistoryFilter{})
		if err != nil || len(list) != 1 || list[0].Pace != got.Pace {
			t.Fatalf("History's row %+v (%v), want the attempt's %+v", list, err, got.Pace)
		}
		return got.Pace
	}
	if p := pace(); p.Band != practice.PaceUnknown || p.Why != "no speech" {
		t.Errorf("no takes: %+v", p)
	}
	take(practice.Situation, 20*time.Second, 9.0)
	take(practice.Situation, 20*time.Second, 5.5) // redone: this one counts
	take(practice.Result, 12*time.Second, 3.0)
	takes, err := db.Takes(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	counted := slices.DeleteFunc(takes, func(t practice.Take) bool { return !t.Counted })
	if len(counted) != 2 || counted[0].SyllablesPerSec != 5.5 {
		t.Fatalf("counted takes %+v", counted)
	}
	want := practice.AnswerPace(counted)
	if p := pace(); p != want || p.WPM == 0 {
		t.Errorf("pace %+v, want the counted takes' %+v", p, want)
	}
}
