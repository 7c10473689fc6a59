package practice

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// The history export: one row per take with its attempt's fields. The
// command line (`starcoach history`) and the History screen both write it
// from these columns, so a CSV saved from the app and one printed by the
// command are the same format.

// ExportColumn is one field of the history export: its name (the CSV
// header and JSON key), whether the plain table shows it, and its value.
// Values print with fmt.Sprint in CSV and tables and marshal as JSON.
type ExportColumn struct {
	Name  string
	Table bool
	Value func(r *TakeRow) any
}

// ExportColumns are the attempt's fields, then the take's. A rating of 0
// means not rated.
var ExportColumns = []ExportColumn{
	{"attempt_id", true, func(r *TakeRow) any { return r.Attempt.ID }},
	{"question", true, func(r *TakeRow) any { return r.Attempt.QuestionID }},
	{"level", true, func(r *TakeRow) any { return string(r.Attempt.Level) }},
	{"mode", true, func(r *TakeRow) any { return string(r.Attempt.Mode) }},
	{"loop_id", false, func(r *TakeRow) any { return exportMaybe{int(r.Attempt.Loop), r.Attempt.Loop != 0} }},
	{"started", true, func(r *TakeRow) any { return exportTime(r.Attempt.StartedAt) }},
	{"finished", false, func(r *TakeRow) any { return exportTime(r.Attempt.FinishedAt) }},
	{"status", true, func(r *TakeRow) any { return r.Attempt.Status.Word() }},
	{"attempt_spoken_s", true, func(r *TakeRow) any { return exportSeconds(r.Attempt.Spoken) }},
	{"attempt_verdict", true, func(r *TakeRow) any { return string(r.Attempt.Verdict) }},
	{"attempt_rating", false, func(r *TakeRow) any { return r.Attempt.Rating }},
	{"attempt_note", false, func(r *TakeRow) any { return r.Attempt.Note }},
	{"take_id", false, func(r *TakeRow) any { return r.Take.ID }},
	{"step", true, func(r *TakeRow) any { return string(r.Take.Step) }},
	{"counted", true, func(r *TakeRow) any { return r.Take.Counted }},
	{"created", false, func(r *TakeRow) any { return exportTime(r.Take.CreatedAt) }},
	{"wav", false, func(r *TakeRow) any { return r.Take.WAV }},
	{"clip_start_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.ClipStart) }},
	{"clip_end_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.ClipEnd) }},
	{"duration_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.Duration) }},
	{"speech_start_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.SpeechStart) }},
	{"speech_end_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.SpeechEnd) }},
	{"spoken_s", true, func(r *TakeRow) any { return exportSeconds(r.Take.Spoken) }},
	{"voiced_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.Voiced) }},
	{"pauses", true, func(r *TakeRow) any { return r.Take.Pauses }},
	{"longest_pause_s", false, func(r *TakeRow) any { return exportSeconds(r.Take.LongestPause) }},
	{"syllables_per_s", false, func(r *TakeRow) any { return r.Take.SyllablesPerSec }},
	{"words_per_min", true, func(r *TakeRow) any { w := TakePace(r.Take).WPM; return exportMaybe{w, w > 0} }},
	{"words_per_min_low", false, func(r *TakeRow) any { w := TakePace(r.Take).Low; return exportMaybe{w, w > 0} }},
	{"words_per_min_high", false, func(r *TakeRow) any { w := TakePace(r.Take).High; return exportMaybe{w, w > 0} }},
	{"pace", true, func(r *TakeRow) any { return TakePace(r.Take).Bands() }},
	{"noisy", false, func(r *TakeRow) any { return r.Take.Noisy }},
	{"snr_db", false, func(r *TakeRow) any { return exportTrust(&r.Take, math.Round(r.Take.SNR*10)/10) }},
	{"clipped_pct", false, func(r *TakeRow) any { return exportTrust(&r.Take, math.Round(r.Take.Clipped*1e5)/1e3) }},
	{"overflows", false, func(r *TakeRow) any { return exportTrust(&r.Take, r.Take.Overflows) }},
	{"sample_rate_hz", false, func(r *TakeRow) any { return exportTrust(&r.Take, r.Take.SampleRate) }},
	{"doubts", false, func(r *TakeRow) any { return strings.Join(r.Take.DoubtWords(), "; ") }},
	{"target_s", true, func(r *TakeRow) any { return exportSeconds(r.Take.Target) }},
	{"verdict", true, func(r *TakeRow) any { return string(r.Take.Verdict) }},
	{"rating", true, func(r *TakeRow) any { return r.Take.Rating }},
	{"checks", false, func(r *TakeRow) any { return exportChecks(r.Take.Checks) }},
	{"note", true, func(r *TakeRow) any { return r.Take.Note }},
}

// exportSeconds prints a duration as seconds with three decimals, in text
// and as a JSON number.
type exportSeconds time.Duration

func (s exportSeconds) String() string {
	return strconv.FormatFloat(time.Duration(s).Seconds(), 'f', 3, 64)
}

func (s exportSeconds) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// exportTime prints a time in RFC 3339; the zero time (an attempt not
// finished) is empty text or JSON null.
type exportTime time.Time

func (t exportTime) String() string {
	if time.Time(t).IsZero() {
		return ""
	}
	return time.Time(t).Format(time.RFC3339)
}

func (t exportTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.String())
}

// exportMaybe prints a figure that may be unknown (a pace not estimated,
// the trust signals of a take from before they were kept) as empty text
// or JSON null, never as a zero.
type exportMaybe struct {
	v     any
	known bool
}

func (m exportMaybe) String() string {
	if !m.known {
		return ""
	}
	return fmt.Sprint(m.v)
}

func (m exportMaybe) MarshalJSON() ([]byte, error) {
	if !m.known {
		return []byte("null"), nil
	}
	return json.Marshal(m.v)
}

// exportTrust is one of a take's trust signals, unknown for a take from
// before they were kept.
func exportTrust(t *Take, v any) exportMaybe { return exportMaybe{v, t.SampleRate > 0} }

// exportChecks prints the ticked self-checks as a JSON array, in CSV too:
// an item may contain any separator.
type exportChecks []string

func (c exportChecks) String() string {
	b, _ := c.MarshalJSON()
	return string(b)
}

func (c exportChecks) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(c))
}

// CSVExport writes the history export as CSV (RFC 4180) with a header row,
// one take at a time.
type CSVExport struct{ w *csv.Writer }

// NewCSVExport writes the header row to out.
func NewCSVExport(out io.Writer) (*CSVExport, error) {
	h := &CSVExport{w: csv.NewWriter(out)}
	names := make([]string, len(ExportColumns))
	for i, c := range ExportColumns {
		names[i] = c.Name
	}
	return h, h.w.Write(names)
}

// Row writes one take, its text's controls escaped (PrintableText): a
// CSV file is as likely to be printed as opened.
func (h *CSVExport) Row(r TakeRow) error {
	rec := make([]string, len(ExportColumns))
	for i, c := range ExportColumns {
		rec[i] = PrintableText(fmt.Sprint(c.Value(&r)))
	}
	return h.w.Write(rec)
}

// Flush writes what is buffered and reports any write error.
func (h *CSVExport) Flush() error {
	h.w.Flush()
	return h.w.Error()
}

// WriteCSV writes the takes each yields as CSV with a header row. each
// calls its argument once per take, in order, and stops at its first
// error (sqlite's EachTake has this shape).
func WriteCSV(out io.Writer, each func(row func(TakeRow) error) error) error {
	h, err := NewCSVExport(out)
	if err == nil {
		err = each(h.Row)
	}
	if err == nil {
		err = h.Flush()
	}
	return err
}

// Matches reports whether f selects the attempt by question, level, mode,
// status and date range (Limit and Offset aside), as the store's queries
// do.
func (f HistoryFilter) Matches(a Attempt) bool {
	switch {
	case f.QuestionID != "" && a.QuestionID != f.QuestionID,
		f.Level != "" && a.Level != f.Level,
		f.Mode != "" && a.Mode != f.Mode,
		f.Status != "" && a.Status != f.Status,
		f.Loop != 0 && a.Loop != f.Loop,
		!f.From.IsZero() && a.StartedAt.Before(f.From),
		!f.To.IsZero() && !a.StartedAt.Before(f.To):
		return false
	}
	return true
}
