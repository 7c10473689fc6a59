package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// historyWriter writes the export in one format, one take at a time.
type historyWriter interface {
	row(r practice.TakeRow) error
	flush() error
}

// runHistory prints every take of every attempt, one row per take with its
// attempt's fields: a table, CSV (RFC 4180, with a header row) or JSON
// Lines (one object per take and line, keys in column order), which
// streams and suits jq and grep.
func runHistory(e *env, args []string) error {
	fs := newFlags(e, "history")
	question := fs.String("question", "", "only the takes of this question `ID`")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	asJSON := fs.Bool("json", false, "print one JSON object per take and line")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *asCSV && *asJSON {
		return errUsage
	}
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	if *question != "" && bank.Question(*question) == nil {
		// Not in the bank (an imported pack since removed?): only its
		// history makes it a question.
		as, err := db.Attempts(context.Background(), practice.HistoryFilter{QuestionID: *question, Limit: 1})
		if err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if len(as) == 0 {
			return fmt.Errorf("history: no question %q; `starcoach questions` lists their IDs", *question)
		}
	}
	var w historyWriter
	switch {
	case *asCSV:
		w, err = newCSVHistory(e.stdout)
	case *asJSON:
		w = &jsonHistory{out: e.stdout}
	default:
		w = newTableHistory(e.stdout)
	}
	if err == nil {
		err = db.EachTake(context.Background(), *question, w.row)
	}
	if err == nil {
		err = w.flush()
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// csvHistory is practice's CSV export, the one the History screen saves
// too.
type csvHistory struct{ *practice.CSVExport }

func newCSVHistory(out io.Writer) (csvHistory, error) {
	h, err := practice.NewCSVExport(out)
	return csvHistory{h}, err
}

func (h csvHistory) row(r practice.TakeRow) error { return h.Row(r) }
func (h csvHistory) flush() error                 { return h.Flush() }

type jsonHistory struct{ out io.Writer }

func (h *jsonHistory) row(r practice.TakeRow) error {
	// Built by hand so the keys keep column order; a map would sort them.
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range practice.ExportColumns {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c.Name)
		v, err := json.Marshal(c.Value(&r))
		if err != nil {
			return err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteString("}\n")
	_, err := h.out.Write(practice.EscapeJSON(b.Bytes()))
	return err
}

func (h *jsonHistory) flush() error { return nil }

// tableHistory shows the table columns aligned, one line per take.
type tableHistory struct {
	out  io.Writer
	tw   *tabwriter.Writer
	rows int
}

func newTableHistory(out io.Writer) *tableHistory {
	h := &tableHistory{out: out, tw: tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)}
	var names []string
	for _, c := range practice.ExportColumns {
		if c.Table {
			names = append(names, c.Name)
		}
	}
	fmt.Fprintln(h.tw, strings.Join(names, "\t"))
	return h
}

func (h *tableHistory) row(r practice.TakeRow) error {
	var cells []string
	for _, c := range practice.ExportColumns {
		if c.Table {
			cells = append(cells, cell(fmt.Sprint(c.Value(&r))))
		}
	}
	h.rows++
	_, err := fmt.Fprintln(h.tw, strings.Join(cells, "\t"))
	return err
}

func (h *tableHistory) flush() error {
	if h.rows == 0 {
		_, err := fmt.Fprintln(h.out, "no takes recorded yet")
		return err
	}
	return h.tw.Flush()
}

// cell fits free text in one table cell: one line, its controls escaped,
// at most 40 characters.
func cell(s string) string {
	s = practice.Printable(strings.Join(strings.Fields(s), " "))
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	if s == "" {
		s = "-"
	}
	return s
}

// runBackup writes a consistent copy of the database to a new file; the
// app may be running meanwhile.
func runBackup(e *env, args []string) error {
	fs := newFlags(e, "backup")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	out, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	db, err := openToRead(e)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.BackupArchive(context.Background(), out)
	if err != nil {
		return err
	}
	if len(rep.Missing) == 0 {
		fmt.Fprintf(e.stdout, "backed up the database and every recording it names to %s\n", out)
		return nil
	}
	fmt.Fprintf(e.stdout, "backed up the database and %s to %s; %s missing, and left out (their takes are kept):\n",
		practice.Plural(rep.Recordings, "recording", "recordings"), out, practice.Plural(len(rep.Missing), "recording it names was", "recordings it names were"))
	for _, m := range rep.Missing {
		fmt.Fprintf(e.stdout, "  %s\n", m)
	}
	return exitError(exitPartial)
}

// exitPartial is backup's exit status when it left out recordings that
// were gone: the backup is written and restores, without them.
const exitPartial = 3

// runRestore puts a backup archive back in the data directory, after
// checking it is whole. A directory that already holds a history is
// refused unless --replace, which moves the old one aside.
func runRestore(e *env, args []string) error {
	fs := newFlags(e, "restore")
	replace := fs.Bool("replace", false, "move the data directory's history aside and restore over it")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	dir, err := openDataDir(e)
	if err != nil {
		return err
	}
	lock, err := lockForWrite(dir, "restore")
	if err != nil {
		return err
	}
	defer lock.Release()
	rep, err := sqlite.Restore(dir, fs.Arg(0), *replace)
	if errors.Is(err, sqlite.ErrNotEmpty) {
		return fmt.Errorf("%w; add --replace to move it aside (nothing is deleted) and restore over it", err)
	}
	if err != nil {
		return err
	}
	for _, n := range rep.Tidied {
		fmt.Fprintln(e.stderr, "starcoach:", n)
	}
	if rep.Aside != "" {
		fmt.Fprintf(e.stdout, "the earlier history was moved aside to %s\n", rep.Aside)
	}
	fmt.Fprintf(e.stdout, "restored the database and %s into %s\n", practice.Plural(rep.Recordings, "recording", "recordings"), dir)
	if n := len(rep.Missing); n > 0 {
		fmt.Fprintf(e.stdout, "%s missing when the backup was made; the takes are kept without audio:\n",
			practice.Plural(n, "recording was", "recordings were"))
		for _, m := range rep.Missing {
			fmt.Fprintf(e.stdout, "  %s\n", m)
		}
	}
	return nil
}

// runCheck compares the takes with the recordings on disk: takes whose WAV
// is gone, and WAVs no take names. It changes nothing; exit 1 when they
// disagree.
func runCheck(e *env, args []string) error {
	fs := newFlags(e, "check")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	db, err := openToRead(e)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Check(context.Background())
	if err != nil {
		return err
	}
	for _, m := range rep.Missing {
		fmt.Fprintf(e.stdout, "missing: take %d of attempt %d names %s, which is not there\n", m.TakeID, m.AttemptID, practice.Printable(m.WAV))
	}
	for _, o := range rep.Orphans {
		fmt.Fprintf(e.stdout, "orphan:  %s belongs to no take\n", practice.Printable(o))
	}
	if !rep.OK() {
		return exitError(1)
	}
	fmt.Fprintln(e.stdout, "every take has its recording, and every recording its take")
	return nil
}
