package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"text/tabwriter"
	"time"

	"starcoach/practice"
)

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

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
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	if *asJSON {
		enc := json.NewEncoder(jsonOut{e.stdout})
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", practice.Printable(q.ID), practice.Printable(q.Title), practice.Printable(q.Category),
			practice.FormatClock(secs(q.ReferenceTotal())))
	}
	return tw.Flush()
}

// runLint checks a question pack against the rules of a complete
// walkthrough, the rules the built-in bank is held to, and prints each
// rule a question breaks as a warning. A pack that cannot be read at all
// is an error; one with warnings exits 1, so a script can insist on none.
func runLint(e *env, args []string) error {
	fs := newFlags(e, "lint")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	path := fs.Arg(0)
	p, _, err := practice.ReadPackFile(path)
	if err != nil {
		return fmt.Errorf("lint: %w", err)
	}
	qs := make([]*practice.Question, len(p.Questions))
	for i := range p.Questions {
		qs[i] = &p.Questions[i]
	}
	findings, more := practice.LintPack(qs)
	for _, f := range findings {
		fmt.Fprintf(e.stdout, "warning: %s\n", practice.Printable(f.String()))
	}
	if more > 0 {
		fmt.Fprintf(e.stdout, "… and %s\n", practice.Plural(more, "more warning", "more warnings"))
	}
	if len(findings) == 0 {
		fmt.Fprintf(e.stdout, "%s: %s, each a complete walkthrough\n", filepath.Base(path), practice.Plural(len(qs), "question", "questions"))
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: %s in %s\n", filepath.Base(path), practice.Plural(len(findings)+more, "warning", "warnings"), practice.Plural(len(qs), "question", "questions"))
	return exitError(1)
}

func runImport(e *env, args []string) error {
	fs := newFlags(e, "import")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	dir, err := openDataDir(e)
	if err != nil {
		return err
	}
	lock, err := lockForWrite(dir, "import")
	if err != nil {
		return err
	}
	defer lock.Release()
	db, bank, err := openBank(e, openStore)
	if err != nil {
		return err
	}
	defer db.Close()
	p, name, err := practice.ImportPack(fs.Arg(0), bank, func(name string, data []byte) error {
		return db.SavePack(context.Background(), name, data)
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(e.stdout, "imported %s from %s\n", practice.Plural(len(p.Questions), "question", "questions"), name)
	return nil
}
