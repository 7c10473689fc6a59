package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"starcoach/practice"
)

// planRow is one question of the plan as --json prints it.
type planRow struct {
	Question string `json:"question"`
	Title    string `json:"title"`
	Reason   string `json:"reason"`
	Due      string `json:"due"` // RFC 3339
	DueNow   bool   `json:"due_now"`
	Never    bool   `json:"never"`
}

// runPlan prints every question of the bank, imported ones included, in
// the order to rehearse them (practice.Plan), each with when it is due and
// why.
func runPlan(e *env, args []string) error {
	fs := newFlags(e, "plan")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per question")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	hist, err := db.PlanHistory(ctx)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	interview, err := db.InterviewDate(ctx)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	now := time.Now()
	plan := practice.Plan(bank.Questions(), hist, interview, now)
	if *asJSON {
		return writePlanJSON(e.stdout, plan, now)
	}
	return writePlan(e.stdout, plan, interview, now)
}

func writePlanJSON(w io.Writer, plan []practice.Due, now time.Time) error {
	rows := make([]planRow, len(plan)) // an empty plan is [], not null
	for i, d := range plan {
		rows[i] = planRow{Question: d.Question.ID, Title: d.Question.Title, Reason: d.Reason,
			Due: d.Due.Format(time.RFC3339), DueNow: d.IsDue(now), Never: d.Never}
	}
	enc := json.NewEncoder(jsonOut{w})
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// writePlan prints the days to the interview, how many questions are due,
// then one line per question: when, its ID, its title and the reason.
func writePlan(w io.Writer, plan []practice.Due, interview, now time.Time) error {
	if !interview.IsZero() {
		fmt.Fprintln(w, interviewLine(interview, now))
	}
	fmt.Fprintln(w, planSummary(plan, now))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, d := range plan {
		fmt.Fprintf(tw, "%s\t%s\t%s — %s\n", d.When(now), practice.Printable(d.Question.ID), practice.Printable(d.Question.Title), practice.Printable(d.Reason))
	}
	return tw.Flush()
}

// interviewLine counts the days to the interview, or says it has passed
// and no longer shapes the plan.
func interviewLine(interview, now time.Time) string {
	n := practice.DaysUntil(interview, now)
	line := fmt.Sprintf("Interview %s, %s.", practice.InDays(n), interview.Format("Monday 2 January 2006"))
	if n < 0 {
		line += " The plan no longer counts down to it."
	}
	return line
}

// planSummary says how many questions are due now, or, before the first
// complete attempt, which one to start with: the first of the bank, which
// the plan lists first.
func planSummary(plan []practice.Due, now time.Time) string {
	due, never := 0, 0
	for _, d := range plan {
		if d.IsDue(now) {
			due++
		}
		if d.Never {
			never++
		}
	}
	if never > 0 && never == len(plan) {
		q := plan[0].Question
		return fmt.Sprintf("Nothing rehearsed yet: start with “%s” (%s), step by step in the app.", practice.Printable(q.Title), practice.Printable(q.ID))
	}
	return fmt.Sprintf("%s due now, %d later.", practice.Plural(due, "question", "questions"), len(plan)-due)
}
