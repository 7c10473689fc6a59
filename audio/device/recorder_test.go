package device

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/audio/internal/audiotest"
	"starcoach/audio/wav"

	"github.com/gordonklaus/portaudio"
)

// fakeStream stands in for a PortAudio input: Read fills the slice the
// recorder points it at with a tone, unpaced.
type fakeStream struct {
	buf     *[]int16
	reads   int
	fail    map[int]error // error returned by the nth Read
	hangAt  int           // the nth Read blocks until Close; 0 never
	closed  chan struct{}
	phase   float64
	closeMu sync.Once
}

func (f *fakeStream) Read() error {
	f.reads++
	if f.reads == f.hangAt {
		<-f.closed
		return errors.New("stream closed")
	}
	for i := range *f.buf {
		(*f.buf)[i] = int16(16384 * math.Sin(f.phase)) // -6 dBFS
		f.phase += 2 * math.Pi * 440 / 16000
	}
	return f.fail[f.reads]
}

func (f *fakeStream) Close() error {
	f.closeMu.Do(func() { close(f.closed) })
	return nil
}

// startFake runs a Recorder at 16 kHz on a fake stream, writing to sink
// when given, else to opts.Path.
func startFake(t *testing.T, opts audio.RecordOptions, src *fakeStream, sink wav.Sink) *Recorder {
	t.Helper()
	src.closed = make(chan struct{})
	r := &Recorder{opts: opts, device: "fake mic", rate: 16000, done: make(chan struct{})}
	src.buf = &r.in
	r.setup(src, 1, 320, 40*time.Millisecond)
	var err error
	switch {
	case sink != nil:
		r.wav, err = wav.NewWriter(sink, int(r.rate))
	case opts.Path != "":
		r.wav, err = wav.Create(opts.Path, int(r.rate))
	}
	if err != nil {
		t.Fatal(err)
	}
	r.start(func() { src.Close() })
	return r
}

func TestRecordCaptureDoesNotAllocate(t *testing.T) {
	src := &fakeStream{closed: make(chan struct{})}
	r := &Recorder{rate: 16000, done: make(chan struct{})}
	src.buf = &r.in
	r.setup(src, 1, 320, time.Hour) // nobody drains: the ring fills and capture waits
	allocs := testing.AllocsPerRun(5, func() {
		r.stopping.Store(false)
		r.maxFrames = 100 * 320 // 100 blocks per run
		for r.ring.Filled() != nil {
			r.ring.Release() // as if drained
		}
		r.capture()
	})
	if allocs != 0 {
		t.Errorf("capture allocated %v times per run, want 0", allocs)
	}
	// A full ring makes capture wait, and it still does not allocate.
	go func() {
		time.Sleep(50 * time.Millisecond)
		r.stopping.Store(true)
	}()
	r.maxFrames = 0
	if allocs := testing.AllocsPerRun(1, func() { r.capture() }); allocs != 0 {
		t.Errorf("capture waiting on a full ring allocated %v times, want 0", allocs)
	}
}

func TestRecordMaxDurationAndLevels(t *testing.T) {
	var mu sync.Mutex
	var levels []audio.Level
	path := filepath.Join(t.TempDir(), "take.wav")
	r := startFake(t, audio.RecordOptions{Path: path, MaxDuration: 2500 * time.Millisecond, OnLevel: func(l audio.Level) {
		mu.Lock()
		levels = append(levels, l)
		mu.Unlock()
		time.Sleep(5 * time.Millisecond) // a slow UI must not slow recording
	}}, &fakeStream{}, nil)
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("recording did not end by itself at MaxDuration")
	}
	rec, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Frames != 40000 || rec.Duration != 2500*time.Millisecond || rec.Path != path || rec.SampleRate != 16000 {
		t.Errorf("recording %+v, want exactly 2.5 s (40000 frames) at 16 kHz in %s", rec, path)
	}
	if math.Abs(rec.Peak-(-6)) > 0.1 {
		t.Errorf("peak %.2f dBFS, want -6", rec.Peak)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(levels) == 0 {
		t.Fatal("no level reports")
	}
	l := levels[len(levels)-1]
	if math.Abs(l.RMS-(-9.03)) > 0.2 || math.Abs(l.Peak-(-6)) > 0.2 || l.Elapsed <= 0 || l.Elapsed > 2500*time.Millisecond {
		t.Errorf("level %+v, want RMS -9 dBFS, peak -6 dBFS of a sine", l)
	}
	if s, rate, err := wav.Read(path); err != nil || rate != 16000 || len(s) != 40000 {
		t.Errorf("ReadWAV: %d samples at %d Hz, %v", len(s), rate, err)
	}
	// 2.5 s of audio: on disk after each whole second, then at Close.
	if r.syncs != 2 {
		t.Errorf("%d fsyncs while recording 2.5 s, want 2 (a power cut loses at most a second)", r.syncs)
	}
	if rec2, err2 := r.Stop(); rec2 != rec || err2 != nil {
		t.Error("second Stop returned something else")
	}
}

func TestRecordOverflowsCounted(t *testing.T) {
	src := &fakeStream{fail: map[int]error{3: portaudio.InputOverflowed, 10: portaudio.InputOverflowed}}
	var last audio.Level
	r := startFake(t, audio.RecordOptions{MaxDuration: time.Second, OnLevel: func(l audio.Level) { last = l }}, src, nil)
	<-r.Done()
	rec, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Overflows != 2 {
		t.Errorf("Overflows = %d, want 2", rec.Overflows)
	}
	if rec.Frames != 16000 {
		t.Errorf("Frames = %d: an overflow's block is still good audio", rec.Frames)
	}
	if last.Overflows != 2 {
		t.Errorf("last level reports %d overflows, want 2", last.Overflows)
	}
}

func TestRecordDeviceFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	src := &fakeStream{fail: map[int]error{60: portaudio.DeviceUnavailable}}
	r := startFake(t, audio.RecordOptions{Path: path}, src, nil)
	<-r.Done()
	rec, err := r.Stop()
	if !errors.Is(err, audio.ErrDeviceLost) {
		t.Fatalf("error %v, want audio.ErrDeviceLost", err)
	}
	t.Log(err)
	if rec.Frames != 59*320 {
		t.Errorf("kept %d frames, want the 59 blocks read", rec.Frames)
	}
	if repaired, err := wav.Repair(path); repaired || err != nil {
		t.Errorf("file left needing repair (%v, %v)", repaired, err)
	}
}

func TestRecordDeviceHangs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	r := startFake(t, audio.RecordOptions{Path: path}, &fakeStream{hangAt: 30}, nil)
	select {
	case <-r.Done():
	case <-time.After(stallTimeout + 2*time.Second):
		t.Fatal("a device that stops delivering audio hung the recording")
	}
	rec, err := r.Stop()
	if !errors.Is(err, audio.ErrDeviceLost) || rec.Frames != 29*320 {
		t.Errorf("got %d frames, %v; want 29 blocks and audio.ErrDeviceLost", rec.Frames, err)
	}
}

func TestRecordWriteFails(t *testing.T) {
	sink := &audiotest.FailAfter{Limit: 44 + 32000}
	r := startFake(t, audio.RecordOptions{}, &fakeStream{}, sink)
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a full disk hung the recording")
	}
	rec, err := r.Stop()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("error %v, want ENOSPC", err)
	}
	if rec.Frames != 16000 || rec.Duration != time.Second {
		t.Errorf("kept %d frames, want the 16000 that fit", rec.Frames)
	}
	if s, _, err := wav.Decode(bytes.NewReader(sink.B)); err != nil || len(s) != 16000 {
		t.Errorf("what was kept decodes to %d samples, %v", len(s), err)
	}
}

func TestRecordDiskFull(t *testing.T) {
	path := filepath.Join(audiotest.TinyDisk(t, "128k"), "take.wav")
	r := startFake(t, audio.RecordOptions{Path: path}, &fakeStream{}, nil)
	select {
	case <-r.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a full disk hung the recording")
	}
	rec, err := r.Stop()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("error %v, want ENOSPC", err)
	}
	t.Log(err)
	riff, data, size := audiotest.HeaderSizes(t, path)
	if int64(data) != size-44 || int64(riff) != size-8 || int64(data) != 2*rec.Frames || rec.Frames < 30000 {
		t.Errorf("riff %d data %d size %d, %d frames: header does not match what was kept", riff, data, size, rec.Frames)
	}
}
