package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"starcoach/practice"
)

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

// builtinBank loads the embedded questions; a failure here is a build
// defect, which the bank test catches first.

type questionRow struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	Category       string `json:"category"`
	ReferenceTotal int    `json:"reference_total_s"`
}

func runQuestions(e *env, args []string) error {
	fs := newFlags(e, "questions")
	asJSON := fs.Bool("json", false, "one JSON object per question per line")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	db, bank, err := openBank(e)
	if err != nil {
		return err
	}
	defer db.Close()
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, q := range bank.Questions() {
			if err := enc.Encode(questionRow{q.ID, q.Title, q.Category, q.ReferenceTotal()}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tCATEGORY\tREFERENCE")
	for _, q := range bank.Questions() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", q.ID, q.Title, q.Category, practice.FormatClock(secs(q.ReferenceTotal())))
	}
	return tw.Flush()
}
