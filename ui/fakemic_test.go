package ui

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"starcoach/audio"
	"starcoach/audio/wav"
	"starcoach/session"
)

const librivox = "/usr/share/pocketsphinx/test/data/librivox"

// speechClips are the LibriVox clips, real human speech, as samples.
func speechClips(t *testing.T) ([][]float32, int) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(librivox, "*.wav"))
	if len(paths) == 0 {
		t.Skip("no LibriVox speech: install pocketsphinx-testdata (make test does)")
	}
	var clips [][]float32
	rate := 0
	for _, p := range paths {
		s, r, err := wav.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		clips, rate = append(clips, s), r
	}
	return clips, rate
}

// speech returns about secs seconds of real speech, clips back to back.
func speech(clips [][]float32, rate int, secs float64) []float32 {
	var out []float32
	for i := 0; float64(len(out)) < secs*float64(rate); i++ {
		out = append(out, clips[i%len(clips)]...)
	}
	return out[:int(secs*float64(rate))]
}

// silence is quiet room tone, as a real microphone gives, not digital zero.
func silence(rate int, secs float64) []float32 {
	out := make([]float32, int(secs*float64(rate)))
	seed := uint32(1)
	for i := range out {
		seed = seed*1664525 + 1013904223
		out[i] = (float32(seed>>8)/float32(1<<24) - 0.5) * 0.0005
	}
	return out
}

func writeWAV(t *testing.T, path string, rate int, parts ...[]float32) string {
	t.Helper()
	w, err := wav.Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		buf := make([]int16, len(p))
		for i, v := range p {
			buf[i] = int16(math.Max(-32768, math.Min(32767, float64(v)*32767)))
		}
		if err := w.Write(buf); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeMic stands in for the microphone in UI tests: each recording is a
// copy of the next WAV of real speech in its queue, and levels arrive when
// the test advances the clock. The app itself always uses PortAudio.
type fakeMic struct {
	mu        sync.Mutex
	queue     []string
	active    *fakeRecording
	startErr  error
	played    []audio.PlayOptions
	playbacks []*fakePlayback
	overflows int // what the next recording reports lost
}

func (f *fakeMic) Devices() ([]audio.Device, error) {
	if f.startErr != nil {
		return nil, f.startErr
	}
	return []audio.Device{{Name: "Test microphone", SampleRate: 16000, InputChannels: 1, IsDefault: true}}, nil
}

func (f *fakeMic) Record(o audio.RecordOptions) (session.LiveRecording, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.startErr != nil {
		return nil, f.startErr
	}
	r := &fakeRecording{opts: o, done: make(chan struct{}), overflows: f.overflows}
	f.overflows = 0
	if o.Path == "" { // a mic check: a few levels, then done
		if o.OnLevel != nil {
			o.OnLevel(audio.Level{Elapsed: time.Second, RMS: -24, Peak: -9})
		}
		close(r.done)
		return r, nil
	}
	if len(f.queue) == 0 {
		return nil, errors.New("fake microphone: nothing left to record")
	}
	r.src, f.queue = f.queue[0], f.queue[1:]
	data, err := os.ReadFile(r.src)
	if err != nil {
		return nil, err
	}
	// The live clock, as the recorder runs it: the take's samples go
	// through audio.Live as the test advances the recording.
	x, rate, err := wav.Read(r.src)
	if err != nil {
		return nil, err
	}
	r.rate, r.live = rate, audio.NewLive(rate)
	r.pcm = make([]int16, len(x))
	for i, v := range x {
		r.pcm[i] = int16(max(-32768, min(32767, math.Round(float64(v)*32768))))
	}
	if err := os.WriteFile(o.Path, data, 0o600); err != nil {
		return nil, err
	}
	f.active = r
	return r, nil
}

// advance reports d more of recorded audio to the live meter.
func (f *fakeMic) advance(d time.Duration) {
	f.mu.Lock()
	r := f.active
	f.mu.Unlock()
	if r != nil && r.opts.OnLevel != nil {
		r.elapsed += d
		l := audio.Level{Elapsed: r.elapsed, RMS: -20, Peak: -6}
		if r.live != nil {
			to := min(len(r.pcm), int(audio.SampleRate(r.rate).N(r.elapsed)))
			r.live.Feed(r.pcm[min(r.fed, to):to])
			r.fed = to
			a := r.live.Speech()
			l.SpeechStart, l.Spoke = a.SpeechStart, a.Spoken > 0
		}
		r.opts.OnLevel(l)
	}
}

func (f *fakeMic) Play(path string, o audio.PlayOptions) (session.Playback, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.played = append(f.played, o)
	p := &fakePlayback{pos: o.From, done: make(chan struct{})}
	f.playbacks = append(f.playbacks, p)
	return p, nil
}

// playing is the newest playback.
func (f *fakeMic) playing() *fakePlayback {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.playbacks) == 0 {
		return nil
	}
	return f.playbacks[len(f.playbacks)-1]
}

// playedClips is what was played so far.
func (f *fakeMic) playedClips() []audio.PlayOptions {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]audio.PlayOptions(nil), f.played...)
}

type fakeRecording struct {
	opts      audio.RecordOptions
	src       string
	elapsed   time.Duration
	done      chan struct{}
	once      sync.Once
	overflows int
	// What the recording holds and how much of it the live clock heard.
	pcm  []int16
	rate int
	fed  int
	live *audio.Live
}

func (r *fakeRecording) Stop() (audio.Recording, error) {
	r.once.Do(func() {
		select {
		case <-r.done:
		default:
			close(r.done)
		}
	})
	res := audio.Recording{Path: r.opts.Path, Device: "Test microphone", SampleRate: 16000, Peak: -9, Overflows: r.overflows}
	if r.opts.Path != "" {
		s, rate, err := wav.Read(r.opts.Path)
		if err != nil {
			return res, err
		}
		res.Frames = int64(len(s))
		res.Duration = audio.SampleRate(rate).D(int64(len(s)))
	}
	return res, nil
}

func (r *fakeRecording) Done() <-chan struct{} { return r.done }

// fakePlayback plays nothing; its position is absolute in the file, as
// the real player's is, and the test moves it.
type fakePlayback struct {
	mu   sync.Mutex
	pos  time.Duration
	done chan struct{}
	once sync.Once
}

func (p *fakePlayback) Stop() { p.once.Do(func() { close(p.done) }) }
func (p *fakePlayback) Position() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pos
}
func (p *fakePlayback) seek(d time.Duration)  { p.mu.Lock(); p.pos = d; p.mu.Unlock() }
func (p *fakePlayback) Done() <-chan struct{} { return p.done }
