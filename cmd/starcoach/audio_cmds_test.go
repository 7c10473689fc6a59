package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"starcoach/audio/wav"
)

const childEnv = "STARCOACH_CLI_CHILD"

// TestCLIChild runs the command line given in its environment: commands
// that open a device, or whose environment matters (ALSA reads the fake
// microphone's configuration once per process; Fyne reads the locale while
// it initialises), run in a child process of their own.
func TestCLIChild(t *testing.T) {
	args := os.Getenv(childEnv)
	if args == "" {
		t.Skip("helper process for the command tests")
	}
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		t.Fatal(err)
	}
	os.Exit(run(&env{stdout: os.Stdout, stderr: os.Stderr}, a))
}

// childCLI is starcoach with args, in a child process with env added.
func childCLI(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	b, _ := json.Marshal(args)
	c := exec.Command(os.Args[0], "-test.run=^TestCLIChild$")
	c.Env = append(append(os.Environ(), env...), childEnv+"="+string(b))
	return c
}

const cliSpeech = "Situation: the build was broken every Monday. " +
	"Action: I added a check before each merge. Result: it has not broken since."

func TestAudioAnalyzeJSON(t *testing.T) {
	speech, _ := speech(t, cliSpeech, 16000, 500*time.Millisecond)
	dir := t.TempDir()
	silence := filepath.Join(dir, "silence.wav")
	w, err := wav.Create(silence, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]int16, 32000))
	w.Close()
	notWAV := filepath.Join(dir, "notes.wav")
	os.WriteFile(notWAV, []byte("these are my notes, not a recording"), 0o600)

	var out, errs bytes.Buffer
	code := run(&env{stdout: &out, stderr: &errs}, []string{"analyze", "--json", speech, notWAV, silence})
	if code != 1 {
		t.Errorf("exit %d, want 1 after a bad file", code)
	}
	if lines := strings.Split(strings.TrimSpace(errs.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], notWAV) {
		t.Errorf("stderr %q, want one line naming %s", errs.String(), notWAV)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("stdout %q, want a line per good file", out.String())
	}
	want := []string{"clipped_pct", "doubts", "duration_s", "file", "longest_pause_s", "pace", "pauses", "sample_rate_hz", "segments", "snr_db",
		"speech_end_s", "speech_start_s", "spoken_s", "syllables_per_s", "voiced_s", "words_per_min", "words_per_min_high", "words_per_min_low"}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("fields %v, want exactly %v", keys, want)
		}
		got = append(got, m)
	}
	sp, si := got[0], got[1]
	if sp["file"] != speech || si["file"] != silence {
		t.Errorf("files %v, %v", sp["file"], si["file"])
	}
	if sp["spoken_s"].(float64) < 4 || len(sp["segments"].([]any)) == 0 || sp["syllables_per_s"].(float64) <= 0 {
		t.Errorf("speech: %s", lines[0])
	}
	wpm, ok := sp["words_per_min"].(float64)
	low, okLow := sp["words_per_min_low"].(float64)
	high, okHigh := sp["words_per_min_high"].(float64)
	if !ok || !okLow || !okHigh || wpm < 100 || wpm > 400 || low > wpm || high < wpm || sp["pace"] == "unsure" {
		t.Errorf("speech: pace %v, %v words a minute (%v-%v); want a band and a range around the figure", sp["pace"], wpm, low, high)
	}
	if d := sp["doubts"].([]any); len(d) != 0 || sp["snr_db"].(float64) < 20 || sp["clipped_pct"].(float64) != 0 || sp["sample_rate_hz"].(float64) == 0 {
		t.Errorf("clean speech: doubts %v, SNR %v dB, clipped %v %%, %v Hz", d, sp["snr_db"], sp["clipped_pct"], sp["sample_rate_hz"])
	}
	if si["words_per_min"] != nil || si["words_per_min_low"] != nil || si["words_per_min_high"] != nil || si["pace"] != "unsure" {
		t.Errorf("silence: pace %v, %v words a minute; want unsure and null", si["pace"], si["words_per_min"])
	}
	if si["spoken_s"].(float64) != 0 || si["duration_s"].(float64) != 2 || !strings.Contains(lines[1], `"segments":[]`) || !strings.Contains(lines[1], `"pauses":[]`) {
		t.Errorf("silence: %s, want no speech and empty lists", lines[1])
	}

	out.Reset()
	errs.Reset()
	if code := run(&env{stdout: &out, stderr: &errs}, []string{"analyze", speech, silence}); code != 0 || !strings.Contains(out.String(), speech) || !strings.Contains(out.String(), "SPOKEN") {
		t.Errorf("table: exit %d\n%s%s", code, out.String(), errs.String())
	}
	// The trust columns: clean speech has an SNR and no doubts; silence
	// has no speech to set against the noise.
	rows := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(rows) != 3 || !strings.HasSuffix(rows[1], " dB    none") || !strings.HasSuffix(rows[2], "–    none") {
		t.Errorf("table rows:\n%s\nwant the speech's SNR and no doubts, and none for silence", out.String())
	}
	if code := run(&env{stdout: &out, stderr: &errs}, []string{"analyze"}); code != 2 {
		t.Errorf("analyze without files: exit %d, want 2", code)
	}
}

func TestAudioRecordUsage(t *testing.T) {
	c := childCLI(t, nil, "record")
	if err := c.Run(); err == nil || err.(*exec.ExitError).ExitCode() != 2 {
		t.Errorf("record without a file: %v, want exit 2", err)
	}
}

// record never overwrites a file: an earlier take stays as it was.
func TestAudioRecordRefusesAnExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	if err := os.WriteFile(path, []byte("an earlier take"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCmd(t, "record", "--seconds", "1", path)
	if b, _ := os.ReadFile(path); code != 1 || string(b) != "an earlier take" || !strings.Contains(errOut, "already exists") {
		t.Errorf("exit %d, %q, file now %q; want 1, the reason, the file untouched", code, errOut, b)
	}
}

func regexpMatch(expr, s string) bool { return regexp.MustCompile(expr).MatchString(s) }

func need(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not found: install the Debian package %s (scripts/install-deps.sh --test)", tool, pkg)
	}
}

// speech synthesises text with espeak-ng as mono 16-bit at rate, padded
// with silence, and returns it as a WAV file and a raw file.
func speech(t *testing.T, text string, rate int, pad time.Duration) (wav, raw string) {
	t.Helper()
	need(t, "espeak-ng", "espeak-ng")
	need(t, "sox", "sox")
	dir := t.TempDir()
	src, wav, raw := filepath.Join(dir, "espeak.wav"), filepath.Join(dir, "speech.wav"), filepath.Join(dir, "speech.raw")
	p := fmt.Sprint(pad.Seconds())
	for _, c := range [][]string{
		{"espeak-ng", "-s", "150", "-w", src, text},
		{"sox", src, "-r", fmt.Sprint(rate), "-c", "1", "-b", "16", "-e", "signed", wav, "pad", p, p},
		{"sox", wav, "-t", "raw", raw},
	} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c[0], err, out)
		}
	}
	return wav, raw
}

// repair fixes the header of a recording cut off by a kill (its sizes are
// the writer's placeholders) and says so; a text file is an error.
func TestRepairCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.wav")
	w, err := wav.Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]int16, 16000))
	w.Close()
	b, _ := os.ReadFile(path)
	copy(b[40:44], []byte{0, 0, 0, 0}) // the data size a killed writer leaves
	os.WriteFile(path, b, 0o600)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not audio at all"), 0o600)
	out, errOut, code := runCmd(t, "repair", path, notes)
	if code != 1 || !strings.Contains(out, "cut.wav: header fixed") || !strings.Contains(errOut, "notes.txt") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if s, _, err := wav.Read(path); err != nil || len(s) != 16000 {
		t.Errorf("after repair: %d samples, %v", len(s), err)
	}
	if out, _, _ := runCmd(t, "repair", path); !strings.Contains(out, "already whole") {
		t.Errorf("second repair: %q", out)
	}
}
