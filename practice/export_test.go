package practice

import (
	"bytes"
	"encoding/csv"
	"errors"
	"testing"
	"time"
)

func TestExportCSV(t *testing.T) {
	started := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	action := paceTake(206, 55*time.Second, 61250*time.Millisecond)
	action.ID, action.Step, action.Counted, action.Checks, action.Note = 3, Action, true, []string{"a, b"}, "said \"no\"\nthen"
	action.Trust = Trust{SampleRate: 48000, SNR: 24.36, Clipped: 0.0123, Overflows: 1}
	rows := []TakeRow{
		{Attempt: Attempt{ID: 7, QuestionID: "q", Level: "sde1", Mode: Mock, StartedAt: started, Spoken: 95500 * time.Millisecond},
			Take: action},
		{Attempt: Attempt{ID: 7, Status: Abandoned}, Take: Take{ID: 4, Step: Result}},
	}
	var buf bytes.Buffer
	err := WriteCSV(&buf, func(row func(TakeRow) error) error {
		for _, r := range rows {
			if err := row(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 3 || len(recs[0]) != len(ExportColumns) {
		t.Fatalf("%d records (%v)", len(recs), err)
	}
	col := map[string]int{}
	for i, n := range recs[0] {
		col[n] = i
	}
	r := recs[1]
	for name, want := range map[string]string{
		"attempt_id": "7", "mode": "mock", "started": "2026-03-01T09:00:00Z", "finished": "",
		"attempt_spoken_s": "95.500", "spoken_s": "61.250", "counted": "true",
		"checks": `["a, b"]`, "note": "said \"no\"\nthen", "step": "action",
		"words_per_min": "206", "words_per_min_low": "190", "words_per_min_high": "240", "pace": "fast", "noisy": "false",
		"snr_db": "24.4", "clipped_pct": "1.23", "overflows": "1", "sample_rate_hz": "48000", "doubts": "audio lost; clipped",
	} {
		if got := r[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := recs[2][col["status"]]; got != "left" {
		t.Errorf("an attempt left unfinished exports as %q, want %q as the app says", got, "left")
	}
	if got := recs[2][col["checks"]]; got != "[]" {
		t.Errorf("no checks print as %q", got)
	}
	if wpm, pace := recs[2][col["words_per_min"]], recs[2][col["pace"]]; wpm != "" || pace != "unsure" {
		t.Errorf("a take without speech has pace %q, %q words a minute; want unsure and empty", pace, wpm)
	}

	for _, name := range []string{"snr_db", "clipped_pct", "overflows", "sample_rate_hz", "doubts"} {
		if got := recs[2][col[name]]; got != "" {
			t.Errorf("a take from before the trust signals were kept has %s %q, want empty", name, got)
		}
	}

	stop := errors.New("stop")
	if err := WriteCSV(&bytes.Buffer{}, func(func(TakeRow) error) error { return stop }); err != stop {
		t.Errorf("the source's error came back as %v", err)
	}
}

func TestHistoryFilterMatches(t *testing.T) {
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	a := Attempt{QuestionID: "q", Level: "sde2", Mode: StepByStep, StartedAt: at}
	for _, c := range []struct {
		f    HistoryFilter
		want bool
	}{
		{HistoryFilter{}, true},
		{HistoryFilter{QuestionID: "q", Level: "sde2", Mode: StepByStep}, true},
		{HistoryFilter{QuestionID: "other"}, false},
		{HistoryFilter{Level: "sde1"}, false},
		{HistoryFilter{Mode: Mock}, false},
		{HistoryFilter{From: at}, true},
		{HistoryFilter{From: at.Add(time.Millisecond)}, false},
		{HistoryFilter{To: at}, false},
		{HistoryFilter{To: at.Add(time.Millisecond)}, true},
	} {
		if got := c.f.Matches(a); got != c.want {
			t.Errorf("%+v matches: %v, want %v", c.f, got, c.want)
		}
	}
}
