package device

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/audio/internal/audiotest"
	"starcoach/audio/wav"
)

// These tests drive the real PortAudio and ALSA stack. ALSA reads its
// configuration once per process, so each runs TestRecordChild in a child
// process with the environment of a fake microphone (see audiotest).

const childEnv = "STARCOACH_AUDIO_CHILD"

// childRequest is what the child does.
type childRequest struct {
	Mode      string // "record", "devices", "play", "memory"
	Device    string
	Path      string
	Seconds   float64 // MaxDuration; for play, the clip's end
	From      float64 // play from
	Rate      int
	StopAfter float64 // play: Stop after this many seconds
	Raw       string  // memory: the file mic's raw samples, to measure the live clock alone
}

// childEvent is one line the child prints.
type childEvent struct {
	Level     *audio.Level
	Result    *audio.Recording
	Err       string
	NoDevice  bool
	Lost      bool
	Devices   []audio.Device
	Positions []time.Duration
	Alloc     []uint64 // memory: bytes allocated by two recordings
}

func TestRecordChild(t *testing.T) {
	req := os.Getenv(childEnv)
	if req == "" {
		t.Skip("helper process for the tests on the real audio stack")
	}
	var r childRequest
	if err := json.Unmarshal([]byte(req), &r); err != nil {
		t.Fatal(err)
	}
	out := json.NewEncoder(os.Stdout)
	emit := func(ev childEvent) { out.Encode(ev) }
	fail := func(err error) {
		emit(childEvent{Err: err.Error(), NoDevice: errors.Is(err, audio.ErrNoInputDevice), Lost: errors.Is(err, audio.ErrDeviceLost)})
	}
	opts := audio.RecordOptions{Device: r.Device, Path: r.Path, SampleRate: r.Rate,
		MaxDuration: time.Duration(r.Seconds * float64(time.Second))}
	switch r.Mode {
	case "devices":
		devs, err := List()
		if err != nil {
			fail(err)
		}
		emit(childEvent{Devices: devs})
	case "record":
		opts.OnLevel = func(l audio.Level) { emit(childEvent{Level: &l}) }
		rec, err := Record(context.Background(), opts)
		if err != nil {
			fail(err)
		}
		emit(childEvent{Result: &rec})
	case "memory":
		// The same recording at two lengths, then the live clock alone on
		// the same audio: what grows with the length beyond the live
		// clock's frames is a leak.
		raw, err := os.ReadFile(r.Raw)
		if err != nil {
			fail(err)
			return
		}
		var alloc []uint64
		measure := func(f func()) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			f()
			runtime.ReadMemStats(&after)
			alloc = append(alloc, after.TotalAlloc-before.TotalAlloc)
		}
		for _, d := range []time.Duration{5 * time.Second, 65 * time.Second} {
			opts.MaxDuration = d
			measure(func() {
				if _, err := Record(context.Background(), opts); err != nil {
					fail(err)
				}
			})
		}
		for _, d := range []time.Duration{5 * time.Second, 65 * time.Second} {
			// As the writer feeds it: 20 ms blocks, read at each level.
			pcm := make([]int16, audio.SampleRate(48000).N(d))
			for i := range min(len(pcm), len(raw)/2) {
				pcm[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
			}
			measure(func() {
				l := audio.NewLive(48000)
				for i := 0; i < len(pcm); i += 960 {
					l.Feed(pcm[i:min(i+960, len(pcm))])
					if (i/960)%5 == 4 {
						l.Speech()
					}
				}
			})
		}
		emit(childEvent{Alloc: alloc})
	case "play":
		p, err := Play(r.Path, audio.PlayOptions{
			From: time.Duration(r.From * float64(time.Second)),
			To:   opts.MaxDuration,
		})
		if err != nil {
			fail(err)
			return
		}
		var pos []time.Duration
		var stopAt <-chan time.Time
		if r.StopAfter > 0 {
			stopAt = time.After(time.Duration(r.StopAfter * float64(time.Second)))
		}
		tick := time.NewTicker(100 * time.Millisecond)
		for {
			select {
			case <-tick.C:
				pos = append(pos, p.Position())
				continue
			case <-stopAt:
				p.Stop()
				pos = append(pos, p.Position())
			case <-p.Done():
				if err := p.Err(); err != nil {
					fail(err)
				}
				pos = append(pos, p.Position())
			}
			break
		}
		<-p.Done()
		emit(childEvent{Positions: pos})
	}
}

// child starts TestRecordChild with env; the caller reads its events.
func child(t *testing.T, env []string, req childRequest) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	b, _ := json.Marshal(req)
	c := exec.Command(os.Args[0], "-test.run=^TestRecordChild$", "-test.timeout=120s")
	c.Env = append(append(os.Environ(), env...), childEnv+"="+string(b))
	c.Stderr = os.Stderr
	out, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Process.Kill()
		c.Wait()
	})
	return c, bufio.NewScanner(out)
}

// runChild runs a child to the end and returns its last event and the
// levels it reported.
func runChild(t *testing.T, env []string, req childRequest) (last childEvent, levels []audio.Level) {
	t.Helper()
	c, sc := child(t, env, req)
	for sc.Scan() {
		var ev childEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue // the test framework's own lines
		}
		if ev.Level != nil {
			levels = append(levels, *ev.Level)
			continue
		}
		if ev.Err != "" {
			last.Err, last.NoDevice, last.Lost = ev.Err, ev.NoDevice, ev.Lost
			continue
		}
		ev.Err, ev.NoDevice, ev.Lost = last.Err, last.NoDevice, last.Lost
		last = ev
	}
	c.Wait()
	return last, levels
}

const speechText = "Situation: our team had missed the release date twice. " +
	"Task: I had to get us back on track. Action: I split the work into weekly milestones."

// TestRecordDevice48kOnly records from a device that only runs at 48 kHz
// (ALSA's file plugin behind a plug with no rate converter) and checks the
// take is exactly the source, sample for sample.
func TestRecordDevice48kOnly(t *testing.T) {
	speechWAV, raw := audiotest.Speech(t, speechText, 48000, 500*time.Millisecond)
	env := audiotest.FileMic(t, raw, 48000, true)
	src, rate, err := wav.Read(speechWAV)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "take.wav")
	secs := len(src)/rate + 1 // and silence after the file's end
	ev, levels := runChild(t, env, childRequest{Mode: "record", Path: path, Seconds: float64(secs)})
	if ev.Err != "" || ev.Result == nil {
		t.Fatalf("record: %q", ev.Err)
	}
	if rec := ev.Result; rec.SampleRate != 48000 || rec.Frames != int64(secs*48000) || rec.Device != "default" {
		t.Errorf("recording %+v, want %d s at 48 kHz from default", rec, secs)
	}
	if len(levels) == 0 {
		t.Error("no level reports")
	}
	got, gotRate, err := wav.Read(path)
	if err != nil || gotRate != rate || len(got) != secs*48000 {
		t.Fatalf("take: %d samples at %d Hz, %v", len(got), gotRate, err)
	}
	for i := range min(len(src), len(got)) {
		if got[i] != src[i] {
			t.Fatalf("sample %d is %v, source %v: audio lost or altered on the way", i, got[i], src[i])
		}
	}
	want, _ := audio.AnalyzeFile(speechWAV)
	a, _ := audio.AnalyzeFile(path)
	if len(a.Segments) == 0 || absDur(a.Spoken-want.Spoken) > 200*time.Millisecond {
		t.Errorf("take spoken %v in %d segments; the source %v", a.Spoken, len(a.Segments), want.Spoken)
	}
	// The live clock, measured in the recorder as the file was written,
	// counts from the first word the take's analysis finds.
	heard := slices.IndexFunc(levels, func(l audio.Level) bool { return l.Spoke })
	if heard < 0 {
		t.Fatal("no level report heard the first word")
	}
	if l := levels[heard]; l.Elapsed > a.SpeechStart+750*time.Millisecond {
		t.Errorf("the first word (at %v) was first heard at %v, want within 750 ms", a.SpeechStart, l.Elapsed)
	}
	if l := levels[len(levels)-1]; !l.Spoke || absDur(l.SpeechStart-a.SpeechStart) > 50*time.Millisecond {
		t.Errorf("the live clock counted from %v (spoke %v); the take's first word is at %v", l.SpeechStart, l.Spoke, a.SpeechStart)
	}

	// The same device refuses 16 kHz, and says so.
	ev, _ = runChild(t, env, childRequest{Mode: "record", Path: path, Seconds: 1, Rate: 16000})
	if !strings.Contains(ev.Err, "16000 Hz") || !strings.Contains(ev.Err, "default") {
		t.Errorf("recording at 16 kHz: error %q, want one naming the device and rate", ev.Err)
	}

	ev, _ = runChild(t, env, childRequest{Mode: "devices"})
	if len(ev.Devices) == 0 || !ev.Devices[0].IsDefault || ev.Devices[0].SampleRate != 48000 {
		t.Errorf("devices %+v, want the default first, at 48 kHz", ev.Devices)
	}
}

func absDur(d time.Duration) time.Duration { return max(d, -d) }

func TestRecordNoDevice(t *testing.T) {
	env := audiotest.NoMic(t)
	start := time.Now()
	ev, _ := runChild(t, env, childRequest{Mode: "record", Path: filepath.Join(t.TempDir(), "t.wav"), Seconds: 1})
	if !ev.NoDevice {
		t.Errorf("error %q, want audio.ErrNoInputDevice", ev.Err)
	}
	ev, _ = runChild(t, env, childRequest{Mode: "record", Device: "Blue Yeti", Seconds: 1})
	if !ev.NoDevice || !strings.Contains(ev.Err, "Blue Yeti") {
		t.Errorf("error %q, want audio.ErrNoInputDevice naming the device", ev.Err)
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("took %v to find nothing", time.Since(start))
	}
}

func TestRecordUnwritablePath(t *testing.T) {
	_, raw := audiotest.Speech(t, "hello", 48000, 0)
	env := audiotest.FileMic(t, raw, 48000, false)
	path := filepath.Join(t.TempDir(), "missing", "take.wav")
	ev, _ := runChild(t, env, childRequest{Mode: "record", Path: path, Seconds: 1})
	if !strings.Contains(ev.Err, path) || !strings.Contains(ev.Err, "no such file") {
		t.Errorf("error %q, want one naming %s", ev.Err, path)
	}
}

// TestRecordKilled kills a recording from a paced microphone with SIGKILL
// and checks what the file kept: the header is at most flushInterval
// behind, and RepairWAV recovers the rest.
func TestRecordKilled(t *testing.T) {
	speechWAV, _ := audiotest.Speech(t, speechText+" "+speechText, 44100, 0)
	pulse := audiotest.StartPulse(t, 44100)
	pulse.Feed(t, speechWAV)
	path := filepath.Join(t.TempDir(), "take.wav")
	c, sc := child(t, pulse.Env(), childRequest{Mode: "record", Path: path})

	var first time.Time
	var last audio.Level
	var killed time.Time
	for sc.Scan() {
		var ev childEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Level == nil {
			if ev.Err != "" {
				t.Fatalf("record: %s", ev.Err)
			}
			continue
		}
		if first.IsZero() {
			first = time.Now()
		}
		last = *ev.Level
		if time.Since(first) >= 3*time.Second {
			killed = time.Now()
			c.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	if killed.IsZero() {
		t.Fatal("the recording ended before it could be killed")
	}
	c.Wait()
	if last.Overflows != 0 {
		t.Errorf("%d overflows from a paced source", last.Overflows)
	}

	samples, rate, err := wav.Read(path)
	if err != nil {
		t.Fatalf("killed take does not decode: %v", err)
	}
	got := audio.SampleRate(rate).D(int64(len(samples)))
	t.Logf("killed after %v of audio (%v wall since the first level); the header kept %v", last.Elapsed, killed.Sub(first), got)
	if got < last.Elapsed-time.Second || got < killed.Sub(first)-time.Second {
		t.Errorf("kept %v, more than a second short of %v recorded", got, last.Elapsed)
	}

	repaired, err := wav.Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 44 {
		t.Fatalf("after repair: %d bytes, %v", len(b), err)
	}
	riff, data, size := binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[40:]), int64(len(b))
	if int64(data) != size-44 || int64(riff) != size-8 || data%2 != 0 {
		t.Errorf("after repair: riff %d data %d size %d", riff, data, size)
	}
	after := audio.SampleRate(rate).D(int64(data / 2))
	t.Logf("RepairWAV (repaired=%v) recovered %v", repaired, after)
	if after < got {
		t.Errorf("repair lost audio: %v < %v", after, got)
	}
	if a, err := audio.AnalyzeFile(path); err != nil || len(a.Segments) == 0 {
		t.Errorf("no speech in the killed take (%v)", err)
	}
}

// TestRecordDeviceLost kills the sound server mid-recording, as unplugging
// a USB microphone would: the recording ends with audio.ErrDeviceLost and a valid
// file.
func TestRecordDeviceLost(t *testing.T) {
	speechWAV, _ := audiotest.Speech(t, speechText, 44100, 0)
	pulse := audiotest.StartPulse(t, 44100)
	pulse.Feed(t, speechWAV)
	path := filepath.Join(t.TempDir(), "take.wav")
	c, sc := child(t, pulse.Env(), childRequest{Mode: "record", Path: path})
	var ev childEvent
	killed := time.Time{}
	for sc.Scan() {
		var e childEvent
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		if e.Level != nil && e.Level.Elapsed > time.Second && killed.IsZero() {
			pulse.Kill()
			killed = time.Now()
		}
		if e.Err != "" {
			ev = e
		}
		if e.Result != nil {
			ev.Result = e.Result
		}
	}
	c.Wait()
	if killed.IsZero() {
		t.Fatal("recording never got going")
	}
	if !ev.Lost || ev.Result == nil {
		t.Fatalf("error %q, want audio.ErrDeviceLost and a result", ev.Err)
	}
	t.Logf("%s, %v after the server died; kept %v", ev.Err, time.Since(killed), ev.Result.Duration)
	if time.Since(killed) > stallTimeout+3*time.Second {
		t.Errorf("took %v to notice", time.Since(killed))
	}
	if repaired, err := wav.Repair(path); repaired || err != nil || ev.Result.Duration < time.Second {
		t.Errorf("file needed repair (%v, %v) or kept too little (%v)", repaired, err, ev.Result.Duration)
	}
}

// TestRecordMemoryFlat records 5 s and 65 s from the unpaced file mic: the
// longer take must not allocate more, but for the live clock, which keeps
// the frames the take's analysis reads (about 18 KB a second) and
// analyses them again and again; that part is measured on its own, on
// the same audio, and set aside.
func TestRecordMemoryFlat(t *testing.T) {
	_, raw := audiotest.Speech(t, speechText, 48000, 0)
	env := audiotest.FileMic(t, raw, 48000, false)
	ev, _ := runChild(t, env, childRequest{Mode: "memory", Path: filepath.Join(t.TempDir(), "long.wav"), Raw: raw})
	if ev.Err != "" || len(ev.Alloc) != 4 {
		t.Fatalf("memory child: %q %v", ev.Err, ev.Alloc)
	}
	rec, live := int64(ev.Alloc[1]-ev.Alloc[0]), int64(ev.Alloc[3])-int64(ev.Alloc[2])
	t.Logf("allocated %d KiB for 5 s, %d KiB for 65 s; the live clock alone %d KiB and %d KiB",
		ev.Alloc[0]>>10, ev.Alloc[1]>>10, ev.Alloc[2]>>10, ev.Alloc[3]>>10)
	if rec-live > 256<<10 {
		t.Errorf("a minute more of audio allocated %d KiB more, %d KiB of it beyond the live clock's", rec>>10, (rec-live)>>10)
	}
}

// TestPlayClip plays a clip through the private PulseAudio's sink, which
// plays in real time.
func TestPlayClip(t *testing.T) {
	speechWAV, _ := audiotest.Speech(t, speechText, 44100, 0)
	pulse := audiotest.StartPulse(t, 44100)
	start := time.Now()
	ev, _ := runChild(t, pulse.Env(), childRequest{Mode: "play", Path: speechWAV, From: 1, Seconds: 2.5})
	if ev.Err != "" || len(ev.Positions) < 5 {
		t.Fatalf("play: %q, positions %v", ev.Err, ev.Positions)
	}
	pos := ev.Positions
	if pos[0] < time.Second || pos[len(pos)-1] != 2500*time.Millisecond {
		t.Errorf("positions %v, want from 1 s to exactly 2.5 s", pos)
	}
	for i := 1; i < len(pos); i++ {
		if pos[i] < pos[i-1] {
			t.Errorf("position went back: %v", pos)
		}
	}
	if el := time.Since(start); el < 1500*time.Millisecond {
		t.Errorf("a 1.5 s clip played in %v", el)
	}

	// Stop ends it at once, part way through the 10 s of speech.
	start = time.Now()
	ev, _ = runChild(t, pulse.Env(), childRequest{Mode: "play", Path: speechWAV, StopAfter: 1.5})
	if ev.Err != "" {
		t.Fatal(ev.Err)
	}
	t.Logf("positions %v", ev.Positions)
	if end := ev.Positions[len(ev.Positions)-1]; end <= 0 || end > 1500*time.Millisecond {
		t.Errorf("stopped after 1.5 s at %v", end)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Stop took the child %v to end", el)
	}
}

func TestPlayRejectsOtherFormats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.wav")
	os.WriteFile(path, []byte("RIFF....WAVEfmt "), 0o600)
	if _, err := Play(path, audio.PlayOptions{}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want one naming %s", err, path)
	}
	take := filepath.Join(t.TempDir(), "take.wav")
	w, err := wav.Create(take, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]int16, 1600))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Play(take, audio.PlayOptions{From: 2 * time.Second}); err == nil {
		t.Error("playing from past the end succeeded")
	}
}
