package session

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"starcoach/assets"
	"starcoach/audio"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session/sessiontest"
)

// The session's tests run it against a real SQLite file in a temporary
// directory and fakes for the microphone, the analysis, the speaker, the
// preferences and the clock: what a recording holds is scripted as the
// spans of speech in it.

// said is what a fake recording holds: speech in these spans of a
// recording this long, at a clean 30 dB SNR unless the test says how it
// sounded.
type said struct {
	length    time.Duration
	speech    []audio.Span
	snr       float64 // dB; 0 for a clean 30
	clipped   float64 // share of samples at full scale
	overflows int     // times the recorder lost input
}

// speech is a recording of spoken seconds of speech after a second of
// quiet, with a second of quiet after it.
func speech(spoken time.Duration) said {
	return said{length: spoken + 2*time.Second, speech: []audio.Span{{Start: time.Second, End: time.Second + spoken}}}
}

// fakeMic records what the test scripts, one recording after another.
type fakeMic struct {
	mu       sync.Mutex
	script   []said
	files    map[string]said // what each recorded file holds
	active   *fakeRecording
	startErr error
	devErr   error   // what listing the devices says
	none     bool    // no device listed
	peak     float64 // a mic check's peak
	opened   []audio.RecordOptions
	// write writes what a recording holds, for a real analysis; nil
	// writes the header only.
	write func(path string, h said) error
}

// devices lists the fake microphone, or fails with devErr.
func (m *fakeMic) devices() ([]audio.Device, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.devErr != nil || m.none {
		return nil, m.devErr
	}
	return []audio.Device{{Name: "Fake microphone", SampleRate: 16000, InputChannels: 1, IsDefault: true}}, nil
}

func (m *fakeMic) Record(o audio.RecordOptions) (LiveRecording, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.opened = append(m.opened, o)
	if m.startErr != nil {
		return nil, m.startErr
	}
	r := &fakeRecording{mic: m, opts: o, done: make(chan struct{})}
	if o.Path == "" { // a mic check: done at once
		r.once.Do(func() { close(r.done) })
		return r, nil
	}
	if len(m.script) == 0 {
		return nil, errors.New("fake microphone: nothing scripted")
	}
	r.holds, m.script = m.script[0], m.script[1:]
	m.files[o.Path] = r.holds
	// As the real recorder does, the file gets its header at once.
	write := func(path string, _ said) error { return os.WriteFile(path, []byte("RIFF\x24\x00\x00\x00WAVE"), 0o600) }
	if m.write != nil {
		write = m.write
	}
	if err := write(o.Path, r.holds); err != nil {
		return nil, err
	}
	m.active = r
	return r, nil
}

type fakeRecording struct {
	mic   *fakeMic
	opts  audio.RecordOptions
	holds said
	done  chan struct{}
	once  sync.Once
	err   error // what Stop reports
}

func (r *fakeRecording) Stop() (audio.Recording, error) {
	r.once.Do(func() { close(r.done) })
	r.mic.mu.Lock()
	defer r.mic.mu.Unlock()
	return audio.Recording{Path: r.opts.Path, Duration: r.holds.length, Peak: r.mic.peak, Overflows: r.holds.overflows}, r.err
}

func (r *fakeRecording) Done() <-chan struct{} { return r.done }

// lose ends the recording by itself, as an unplugged microphone does.
func (r *fakeRecording) lose() {
	r.err = audio.ErrDeviceLost
	r.once.Do(func() { close(r.done) })
}

// analyse measures a scripted recording as the real analysis would: from
// the first word in each clip to its last.
func (m *fakeMic) analyse(path string, cut func(time.Duration) []audio.Span) ([]audio.Analysis, error) {
	m.mu.Lock()
	f, ok := m.files[path]
	m.mu.Unlock()
	if !ok {
		return nil, errors.New("fake analysis: not a recording: " + path)
	}
	clips := cut(f.length)
	out := make([]audio.Analysis, len(clips))
	for i, c := range clips {
		a := audio.Analysis{Duration: c.End - c.Start, SampleRate: 16000, SNR: f.snr, Clipped: f.clipped}
		if a.SNR == 0 {
			a.SNR = 30
		}
		a.LowSNR = a.SNR < audio.LowSNRdB
		for _, sp := range f.speech {
			from, to := max(sp.Start, c.Start), min(sp.End, c.End)
			if from >= to {
				continue
			}
			if a.Spoken == 0 {
				a.SpeechStart = from - c.Start
			}
			a.SpeechEnd = to - c.Start
			a.Spoken = a.SpeechEnd - a.SpeechStart
			a.Voiced += to - from
			a.Segments = append(a.Segments, audio.Span{Start: from - c.Start, End: to - c.Start})
		}
		out[i] = a
	}
	return out, nil
}

// fakeSpeaker plays nothing, but as a real player does: Position is
// absolute in the file and Done closes at the clip's end or on Stop.
type fakeSpeaker struct {
	mu     sync.Mutex
	played []*fakePlayback
	fail   error
}

type fakePlayback struct {
	opts audio.PlayOptions
	mu   sync.Mutex
	pos  time.Duration
	done chan struct{}
	once sync.Once
}

func (s *fakeSpeaker) Play(path string, o audio.PlayOptions) (Playback, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return nil, s.fail
	}
	p := &fakePlayback{opts: o, pos: o.From, done: make(chan struct{})}
	s.played = append(s.played, p)
	return p, nil
}

func (s *fakeSpeaker) playbacks() []*fakePlayback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*fakePlayback(nil), s.played...)
}

func (p *fakePlayback) Stop()                   { p.once.Do(func() { close(p.done) }) }
func (p *fakePlayback) Position() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.pos }
func (p *fakePlayback) seek(d time.Duration)    { p.mu.Lock(); p.pos = d; p.mu.Unlock() }
func (p *fakePlayback) Done() <-chan struct{}   { return p.done }

// prefs is an in-memory fyne.Preferences.
type prefs struct {
	mu   sync.Mutex
	ints map[string]int
	strs map[string]string
}

func (p *prefs) IntWithFallback(k string, d int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.ints[k]; ok {
		return v
	}
	return d
}
func (p *prefs) SetInt(k string, v int) { p.mu.Lock(); p.ints[k] = v; p.mu.Unlock() }
func (p *prefs) StringWithFallback(k, d string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.strs[k]; ok {
		return v
	}
	return d
}
func (p *prefs) SetString(k, v string) { p.mu.Lock(); p.strs[k] = v; p.mu.Unlock() }

// rig is one session under test.
type rig struct {
	t       *testing.T
	db      *sqlite.DB
	w       *Worker
	mic     *fakeMic
	speaker *fakeSpeaker
	prefs   *prefs
	clock   *sessiontest.Clock
	s       *Session
	q       *practice.Question

	mu      sync.Mutex
	snaps   []Snapshot
	notices []string
}

// builtin is the built-in question bank.
func builtin(t *testing.T) *practice.Bank {
	t.Helper()
	b, err := assets.Bank()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newRig opens a store and starts a session on the seed question.
func newRig(t *testing.T, mode practice.Mode, level practice.LevelID) *rig {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	g := &rig{t: t, db: db, w: NewWorker(),
		mic:     &fakeMic{files: map[string]said{}, peak: -9},
		speaker: &fakeSpeaker{},
		prefs:   &prefs{ints: map[string]int{}, strs: map[string]string{}},
		clock:   sessiontest.NewClock(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)),
		q:       builtin(t).Question("unpopular-decision"),
	}
	t.Cleanup(func() {
		g.w.Wait()
		db.Close()
	})
	g.start(mode, level)
	return g
}

// start begins a new session in the rig, as "Practise again" does.
func (g *rig) start(mode practice.Mode, level practice.LevelID) {
	l, _ := practice.LevelByID(level)
	g.s = New(Config{
		Question: g.q, Mode: mode, Level: l,
		Worker: g.w, Recorder: g.mic, Analyse: g.mic.analyse, Speaker: g.speaker, Store: g.db,
		Devices: g.mic.devices,
		Prefs:   g.prefs, Clock: g.clock, Rand: func(n int) int { return 0 },
		Publish: func(s Snapshot) {
			g.mu.Lock()
			g.snaps = append(g.snaps, s)
			g.mu.Unlock()
		},
		Notify: g.notice,
	})
	g.settle()
}

// notice keeps what a session says went wrong.
func (g *rig) notice(doing string, err error) {
	g.mu.Lock()
	g.notices = append(g.notices, doing+": "+err.Error())
	g.mu.Unlock()
}

// settle lets every queued command and event run, and the slow work
// they started.
func (g *rig) settle() { g.w.Wait() }

// snap is the latest snapshot.
func (g *rig) snap() Snapshot {
	g.t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.snaps) == 0 {
		g.t.Fatal("nothing published")
	}
	return g.snaps[len(g.snaps)-1]
}

func (g *rig) noticesSaid() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.notices...)
}

// record records a take that holds h: Space, then Space.
func (g *rig) record(h said) Snapshot {
	g.t.Helper()
	g.mic.script = append(g.mic.script, h)
	g.s.Toggle()
	g.settle()
	if st := g.snap().State; st != Recording {
		g.t.Fatalf("after Space: %s, want recording (%v)", st, g.noticesSaid())
	}
	g.clock.Add(h.length)
	g.s.Toggle()
	g.settle()
	return g.snap()
}

// stored reads an attempt's takes from the database.
func (g *rig) stored(id int64) []practice.Take {
	g.t.Helper()
	takes, err := g.db.Takes(ctx, id)
	if err != nil {
		g.t.Fatal(err)
	}
	return takes
}

func (g *rig) attempt(id int64) practice.Attempt {
	g.t.Helper()
	a, err := g.db.Attempt(ctx, id)
	if err != nil {
		g.t.Fatal(err)
	}
	return a
}

// files is how many recordings the attempt's folder holds.
func files(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
