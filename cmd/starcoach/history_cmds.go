package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"starcoach/practice"
)

// Owned by the storage work (issue 4): history, backup.

// seconds prints a duration as seconds with three decimals, in text and
// as a JSON number.
type seconds time.Duration

func (s seconds) String() string {
	return strconv.FormatFloat(time.Duration(s).Seconds(), 'f', 3, 64)
}

func (s seconds) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// stamp prints a time in RFC 3339; the zero time (an attempt not finished)
// is empty text or JSON null.
type stamp time.Time

func (t stamp) String() string {
	if time.Time(t).IsZero() {
		return ""
	}
	return time.Time(t).Format(time.RFC3339)
}

func (t stamp) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.String())
}

// checks prints the ticked self-checks as a JSON array, in CSV too: an
// item may contain any separator.
type checks []string

func (c checks) String() string {
	b, _ := c.MarshalJSON()
	return string(b)
}

func (c checks) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(c))
}

// historyColumn is one field of the history export: its name (the CSV
// header and JSON key), whether the plain table shows it, and its value.
type historyColumn struct {
	name  string
	table bool
	value func(r *practice.TakeRow) any
}

// historyColumns are the attempt's fields, then the take's. A rating of 0
// means not rated.
var historyColumns = []historyColumn{
	{"attempt_id", true, func(r *practice.TakeRow) any { return r.Attempt.ID }},
	{"question", true, func(r *practice.TakeRow) any { return r.Attempt.QuestionID }},
	{"level", true, func(r *practice.TakeRow) any { return string(r.Attempt.Level) }},
	{"mode", true, func(r *practice.TakeRow) any { return string(r.Attempt.Mode) }},
	{"started", true, func(r *practice.TakeRow) any { return stamp(r.Attempt.StartedAt) }},
	{"finished", false, func(r *practice.TakeRow) any { return stamp(r.Attempt.FinishedAt) }},
	{"status", true, func(r *practice.TakeRow) any { return string(r.Attempt.Status) }},
	{"attempt_spoken_s", true, func(r *practice.TakeRow) any { return seconds(r.Attempt.Spoken) }},
	{"attempt_verdict", true, func(r *practice.TakeRow) any { return string(r.Attempt.Verdict) }},
	{"attempt_rating", false, func(r *practice.TakeRow) any { return r.Attempt.Rating }},
	{"attempt_note", false, func(r *practice.TakeRow) any { return r.Attempt.Note }},
	{"take_id", false, func(r *practice.TakeRow) any { return r.Take.ID }},
	{"step", true, func(r *practice.TakeRow) any { return string(r.Take.Step) }},
	{"counted", true, func(r *practice.TakeRow) any { return r.Take.Counted }},
	{"created", false, func(r *practice.TakeRow) any { return stamp(r.Take.CreatedAt) }},
	{"wav", false, func(r *practice.TakeRow) any { return r.Take.WAV }},
	{"clip_start_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.ClipStart) }},
	{"clip_end_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.ClipEnd) }},
	{"duration_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.Duration) }},
	{"speech_start_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.SpeechStart) }},
	{"speech_end_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.SpeechEnd) }},
	{"spoken_s", true, func(r *practice.TakeRow) any { return seconds(r.Take.Spoken) }},
	{"voiced_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.Voiced) }},
	{"pauses", true, func(r *practice.TakeRow) any { return r.Take.Pauses }},
	{"longest_pause_s", false, func(r *practice.TakeRow) any { return seconds(r.Take.LongestPause) }},
	{"syllables_per_s", false, func(r *practice.TakeRow) any { return r.Take.SyllablesPerSec }},
	{"target_s", true, func(r *practice.TakeRow) any { return seconds(r.Take.Target) }},
	{"verdict", true, func(r *practice.TakeRow) any { return string(r.Take.Verdict) }},
	{"rating", true, func(r *practice.TakeRow) any { return r.Take.Rating }},
	{"checks", false, func(r *practice.TakeRow) any { return checks(r.Take.Checks) }},
	{"note", true, func(r *practice.TakeRow) any { return r.Take.Note }},
}

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
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
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

type csvHistory struct{ w *csv.Writer }

func newCSVHistory(out io.Writer) (*csvHistory, error) {
	h := &csvHistory{w: csv.NewWriter(out)}
	names := make([]string, len(historyColumns))
	for i, c := range historyColumns {
		names[i] = c.name
	}
	return h, h.w.Write(names)
}

func (h *csvHistory) row(r practice.TakeRow) error {
	rec := make([]string, len(historyColumns))
	for i, c := range historyColumns {
		rec[i] = fmt.Sprint(c.value(&r))
	}
	return h.w.Write(rec)
}

func (h *csvHistory) flush() error {
	h.w.Flush()
	return h.w.Error()
}

type jsonHistory struct{ out io.Writer }

func (h *jsonHistory) row(r practice.TakeRow) error {
	// Built by hand so the keys keep column order; a map would sort them.
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range historyColumns {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c.name)
		v, err := json.Marshal(c.value(&r))
		if err != nil {
			return err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteString("}\n")
	_, err := h.out.Write(b.Bytes())
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
	for _, c := range historyColumns {
		if c.table {
			names = append(names, c.name)
		}
	}
	fmt.Fprintln(h.tw, strings.Join(names, "\t"))
	return h
}

func (h *tableHistory) row(r practice.TakeRow) error {
	var cells []string
	for _, c := range historyColumns {
		if c.table {
			cells = append(cells, cell(fmt.Sprint(c.value(&r))))
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

// cell fits free text in one table cell: one line, at most 40 characters.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
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
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(context.Background(), out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database backed up to %s (recordings are in %s)\n", out, filepath.Join(db.Dir(), "recordings"))
	return nil
}
