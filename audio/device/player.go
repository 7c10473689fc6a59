package device

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"starcoach/audio"
	"starcoach/audio/wav"

	"github.com/gordonklaus/portaudio"
)

// A Player plays a 16-bit PCM WAV file through the default output device,
// streaming it from disk.
type Player struct {
	rate     audio.SampleRate
	from, to time.Duration
	latency  int64        // frames the device holds before they are heard
	played   atomic.Int64 // frames handed to the device
	stop     atomic.Bool
	finished atomic.Bool // the whole clip was played
	done     chan struct{}
	err      error
}

// playBlock is the audio handed to the device per Write.
const playBlock = 50 * time.Millisecond

// Play starts playing path (a clip of it, see PlayOptions) and returns at
// once.
func Play(path string, opts audio.PlayOptions) (*Player, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("play: %w", err)
	}
	p, src, err := newPlayer(f, opts)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("play %s: %w", path, err)
	}
	if err := paAcquire(); err != nil {
		f.Close()
		return nil, err
	}
	var out []int16
	stream, err := p.open(&out, src.channels)
	if err != nil {
		paRelease()
		f.Close()
		return nil, fmt.Errorf("play %s: %w", path, err)
	}
	go func() {
		p.err = p.run(stream, &out, src)
		paMu.Lock()
		stream.Close()
		paMu.Unlock()
		paRelease()
		f.Close()
		close(p.done)
	}()
	return p, nil
}

// clipSource is the part of the file to play.
type clipSource struct {
	r        *io.SectionReader
	channels int
}

func newPlayer(f *os.File, opts audio.PlayOptions) (*Player, clipSource, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, clipSource{}, err
	}
	l, err := wav.ReadHeader(bufio.NewReader(f))
	if err != nil {
		return nil, clipSource{}, err
	}
	if l.Bits != 16 || l.Float || l.Channels > 2 {
		return nil, clipSource{}, errors.New("only 16-bit PCM mono or stereo can be played")
	}
	rate := audio.SampleRate(l.Rate)
	frames := l.DataLen(st.Size()) / int64(l.Block)
	first := min(rate.N(max(opts.From, 0)), frames)
	last := frames
	if opts.To > 0 {
		last = min(rate.N(opts.To), frames)
	}
	if first >= last {
		return nil, clipSource{}, fmt.Errorf("nothing to play between %v and %v", opts.From, opts.To)
	}
	p := &Player{
		rate: rate,
		from: rate.D(first),
		to:   rate.D(last),
		done: make(chan struct{}),
	}
	r := io.NewSectionReader(f, l.DataOffset+first*int64(l.Block), (last-first)*int64(l.Block))
	return p, clipSource{r, l.Channels}, nil
}

// open opens and starts the default output at the file's rate.
func (p *Player) open(out *[]int16, channels int) (*portaudio.Stream, error) {
	paMu.Lock()
	defer paMu.Unlock()
	dev, err := portaudio.DefaultOutputDevice()
	if err != nil || dev == nil {
		return nil, errors.New("no audio output device")
	}
	params := portaudio.StreamParameters{
		Output:          portaudio.StreamDeviceParameters{Device: dev, Channels: channels, Latency: dev.DefaultHighOutputLatency},
		SampleRate:      float64(p.rate),
		FramesPerBuffer: int(p.rate.N(playBlock)),
	}
	s, err := portaudio.OpenStream(params, out)
	if err != nil {
		return nil, fmt.Errorf("open output %q at %d Hz: %w", dev.Name, p.rate, err)
	}
	if info := s.Info(); info != nil {
		p.latency = p.rate.N(info.OutputLatency)
	}
	if err := s.Start(); err != nil {
		s.Close()
		return nil, fmt.Errorf("start output %q: %w", dev.Name, err)
	}
	return s, nil
}

// run feeds the clip to the stream until it ends or Stop is called.
func (p *Player) run(s *portaudio.Stream, out *[]int16, src clipSource) error {
	frames := int(p.rate.N(playBlock))
	raw := make([]byte, frames*src.channels*2)
	samples := make([]int16, frames*src.channels)
	for !p.stop.Load() {
		n, err := io.ReadFull(src.r, raw)
		n -= n % (2 * src.channels)
		if n > 0 {
			for i := range n / 2 {
				samples[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
			}
			*out = samples[:n/2]
			if werr := s.Write(); werr != nil && werr != portaudio.OutputUnderflowed {
				return fmt.Errorf("play: %w", werr)
			}
			p.played.Add(int64(n / 2 / src.channels))
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			// Stop lets the device play out what it holds.
			if err := s.Stop(); err != nil {
				return fmt.Errorf("play: %w", err)
			}
			p.finished.Store(true)
			return nil
		}
		if err != nil {
			return fmt.Errorf("play: %w", err)
		}
	}
	s.Abort() // drop what the device holds: Stop means now
	return nil
}

// Position is where playback is in the file, allowing for the audio the
// device holds but has not played yet.
func (p *Player) Position() time.Duration {
	if p.finished.Load() {
		return p.to
	}
	heard := max(p.played.Load()-p.latency, 0)
	return min(p.from+p.rate.D(heard), p.to)
}

// Done is closed when playback has ended, by itself or by Stop.
func (p *Player) Done() <-chan struct{} { return p.done }

// Err says why playback ended early, once Done is closed.
func (p *Player) Err() error {
	<-p.done
	return p.err
}

// Stop stops playback at once and waits (a moment at most) for the device
// to be released. It may be called more than once, and after the end.
func (p *Player) Stop() {
	p.stop.Store(true)
	select {
	case <-p.done:
	case <-time.After(2 * time.Second): // a hung device must not hang the UI
	}
}
