package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"starcoach/audio"
	"starcoach/audio/device"
	"starcoach/audio/wav"
	"starcoach/practice"
	"starcoach/session"
)

// runAnalyze measures recordings. A file that cannot be analysed is
// reported and skipped; the exit status then says something failed.
func runAnalyze(e *env, args []string) error {
	fs := newFlags(e, "analyze")
	asJSON := fs.Bool("json", false, "print one JSON object per file, one per line")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return errUsage
	}
	var results []fileAnalysis
	failed := false
	for _, path := range fs.Args() {
		a, err := audio.AnalyzeFile(path)
		if err != nil {
			reportFileError(e, path, err)
			failed = true
			continue
		}
		if *asJSON {
			if err := writeAnalysisJSON(e.stdout, path, a); err != nil {
				return err
			}
			continue
		}
		results = append(results, fileAnalysis{path, a})
	}
	if !*asJSON && len(results) > 0 {
		if err := writeAnalysisTable(e.stdout, results); err != nil {
			return err
		}
	}
	if failed {
		return exitError(1)
	}
	return nil
}

func reportFileError(e *env, path string, err error) {
	msg := err.Error()
	if !strings.Contains(msg, path) {
		msg = path + ": " + msg
	}
	fmt.Fprintf(e.stderr, "starcoach: analyze: %s\n", strings.ReplaceAll(msg, "\n", " "))
}

type fileAnalysis struct {
	path string
	a    audio.Analysis
}

// analysisJSON is the stable --json form: seconds rounded to the
// millisecond, lists never null.
type analysisJSON struct {
	File            string     `json:"file"`
	Duration        float64    `json:"duration_s"`
	SpeechStart     float64    `json:"speech_start_s"`
	SpeechEnd       float64    `json:"speech_end_s"`
	Spoken          float64    `json:"spoken_s"`
	Voiced          float64    `json:"voiced_s"`
	Segments        []spanJSON `json:"segments"`
	Pauses          []spanJSON `json:"pauses"`
	LongestPause    float64    `json:"longest_pause_s"`
	SyllablesPerSec float64    `json:"syllables_per_s"`
	// WordsPerMin is the estimate and Low and High the range the true
	// pace lies in for nine answers in ten; all three are null where the
	// pace cannot be estimated: under 5 s of speech, or too noisy. Pace
	// is the range's band, or its two ends' ("comfortable to fast"), or
	// "unsure".
	WordsPerMin *int   `json:"words_per_min"`
	Low         *int   `json:"words_per_min_low"`
	High        *int   `json:"words_per_min_high"`
	Pace        string `json:"pace"`
	// What the recording says about how far these can be trusted, as a
	// take keeps it; doubts lists "audio lost", "noisy", "clipped".
	SampleRate int      `json:"sample_rate_hz"`
	SNR        float64  `json:"snr_db"`
	Clipped    float64  `json:"clipped_pct"`
	Doubts     []string `json:"doubts"`
}

// asTake is a whole recording measured as a take of it would be, for its
// pace and its doubts.
func asTake(a audio.Analysis) practice.Take { return session.Measure(a, "", 0) }

type spanJSON struct {
	Start float64 `json:"start_s"`
	End   float64 `json:"end_s"`
}

func writeAnalysisJSON(w io.Writer, path string, a audio.Analysis) error {
	spans := func(in []audio.Span) []spanJSON {
		out := make([]spanJSON, len(in))
		for i, s := range in {
			out[i] = spanJSON{roundSecs(s.Start), roundSecs(s.End)}
		}
		return out
	}
	t := asTake(a)
	p := practice.TakePace(t)
	doubts := append([]string{}, t.DoubtWords()...) // [] in JSON, never null
	var wpm, low, high *int
	if p.Band != practice.PaceUnknown {
		wpm, low, high = &p.WPM, &p.Low, &p.High
	}
	b, err := json.Marshal(analysisJSON{
		File:            path,
		Duration:        roundSecs(a.Duration),
		SpeechStart:     roundSecs(a.SpeechStart),
		SpeechEnd:       roundSecs(a.SpeechEnd),
		Spoken:          roundSecs(a.Spoken),
		Voiced:          roundSecs(a.Voiced),
		Segments:        spans(a.Segments),
		Pauses:          spans(a.Pauses),
		LongestPause:    roundSecs(a.LongestPause),
		SyllablesPerSec: math.Round(a.SyllablesPerSec*100) / 100,
		WordsPerMin:     wpm,
		Low:             low,
		High:            high,
		Pace:            p.Bands(),
		SampleRate:      a.SampleRate,
		SNR:             math.Round(a.SNR*10) / 10,
		Clipped:         math.Round(a.Clipped*1e5) / 1e3,
		Doubts:          doubts,
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// roundSecs rounds to the millisecond: finer than any analysis is accurate.
func roundSecs(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

func writeAnalysisTable(w io.Writer, results []fileAnalysis) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "FILE\tLENGTH\tSPEECH FROM\tTO\tSPOKEN\tVOICED\tPAUSES\tLONGEST\tSYLL/S\tWORDS/MIN\tSNR\tDOUBTS\t")
	for _, r := range results {
		a, t := r.a, asTake(r.a)
		wpm := "unsure"
		if p := practice.TakePace(t); p.Band != practice.PaceUnknown {
			wpm = fmt.Sprintf("%d-%d %s", p.Low, p.High, p.Bands())
		}
		doubts := strings.Join(t.DoubtWords(), ", ")
		if doubts == "" {
			doubts = "none"
		}
		snr := "–" // no speech to set against the noise
		if a.Spoken > 0 {
			snr = fmt.Sprintf("%.0f dB", a.SNR)
		}
		fmt.Fprintf(tw, "%s\t%.1fs\t%.2fs\t%.2fs\t%.1fs\t%.1fs\t%d\t%.1fs\t%.2f\t%s\t%s\t%s\t\n",
			r.path, a.Duration.Seconds(), a.SpeechStart.Seconds(), a.SpeechEnd.Seconds(),
			a.Spoken.Seconds(), a.Voiced.Seconds(), len(a.Pauses), a.LongestPause.Seconds(), a.SyllablesPerSec, wpm, snr, doubts)
	}
	return tw.Flush()
}

func runDevices(e *env, args []string) error {
	fs := newFlags(e, "devices")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	devs, err := device.List()
	if err != nil {
		return err
	}
	if len(devs) == 0 {
		return audio.ErrNoInputDevice
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tRATE\tCHANNELS\tHOST API")
	for _, d := range devs {
		mark := " "
		if d.IsDefault {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s %s\t%d Hz\t%d\t%s\n", mark, d.Name, d.SampleRate, d.InputChannels, d.HostAPI)
	}
	fmt.Fprintln(tw, "\n* the default input")
	return tw.Flush()
}

// runRecord records until --seconds or Ctrl+C, then analyses the take. On
// SIGINT or SIGTERM it stops cleanly: the file is finished, not cut.
func runRecord(e *env, args []string) error {
	fs := newFlags(e, "record")
	deviceName := fs.String("device", "", "input device `name` (see starcoach devices); default: the system's")
	limit := fs.Float64("seconds", 0, "stop after `N` seconds; default: at Ctrl+C")
	asJSON := fs.Bool("json", false, "print the analysis as JSON, as analyze --json does")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || *limit < 0 {
		return errUsage
	}
	path := fs.Arg(0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	opts := audio.RecordOptions{
		Device:      *deviceName,
		Path:        path,
		MaxDuration: time.Duration(*limit * float64(time.Second)),
	}
	tty := isTerminal(e.stderr)
	if tty {
		opts.OnLevel = func(l audio.Level) { fmt.Fprintf(e.stderr, "\r%s", meterLine(l)) }
	}
	// Reserve the name first: a file that exists is never overwritten.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("record: %s already exists; name a new file, or delete this one first", path)
	}
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	f.Close()
	r, err := device.StartRecording(opts)
	if err != nil {
		os.Remove(path) // reserved above, never written
		return fmt.Errorf("record: %w", err)
	}
	until := "Ctrl+C"
	if opts.MaxDuration > 0 {
		until = fmt.Sprintf("%gs or Ctrl+C", *limit)
	}
	fmt.Fprintf(e.stderr, "recording to %s; stops at %s\n", path, until)
	select {
	case <-ctx.Done():
	case <-r.Done():
	}
	take, recErr := r.Stop()
	if tty {
		fmt.Fprintln(e.stderr)
	}
	fmt.Fprintf(e.stderr, "recorded %.1fs from %q at %d Hz\n", take.Duration.Seconds(), take.Device, take.SampleRate)
	if take.Overflows > 0 {
		fmt.Fprintf(e.stderr, "warning: input overflowed %d times: some audio was lost\n", take.Overflows)
	}
	if recErr != nil {
		if take.Frames == 0 {
			return fmt.Errorf("record: %w", recErr)
		}
		fmt.Fprintf(e.stderr, "starcoach: record: %v (the %.1fs before it are kept)\n", recErr, take.Duration.Seconds())
	}
	a, err := audio.AnalyzeFile(path)
	if err != nil {
		return fmt.Errorf("analyze %s: %w", path, err)
	}
	if *asJSON {
		err = writeAnalysisJSON(e.stdout, path, a)
	} else {
		err = writeAnalysisTable(e.stdout, []fileAnalysis{{path, a}})
	}
	if err == nil && recErr != nil {
		err = exitError(1)
	}
	return err
}

// meterLine is a one-line live level meter for a terminal.
func meterLine(l audio.Level) string {
	const width = 30
	n := int(math.Round((l.RMS - audio.MinDBFS) / -audio.MinDBFS * width))
	n = min(max(n, 0), width)
	warn := ""
	if l.Overflows > 0 {
		warn = fmt.Sprintf("  %d overflows", l.Overflows)
	}
	return fmt.Sprintf("%5.1fs [%-*s] %4.0f dBFS%s ", l.Elapsed.Seconds(), width, strings.Repeat("#", n), l.Peak, warn)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// runRepair makes the header of each WAV agree with its length, as after
// a recording cut off by a crash (the app does it itself at start-up for
// its own recordings). It reports each file it fixed; a file that is not
// a WAV gets an error and the others are still done.
func runRepair(e *env, args []string) error {
	fs := newFlags(e, "repair")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return errUsage
	}
	failed := false
	for _, path := range fs.Args() {
		fixed, err := wav.Repair(path)
		switch {
		case err != nil:
			fmt.Fprintf(e.stderr, "starcoach: repair: %v\n", err)
			failed = true
		case fixed:
			fmt.Fprintf(e.stdout, "%s: header fixed\n", path)
		default:
			fmt.Fprintf(e.stdout, "%s: already whole\n", path)
		}
	}
	if failed {
		return exitError(1)
	}
	return nil
}
