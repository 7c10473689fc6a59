package device

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"starcoach/audio"
	"starcoach/audio/pcm"
	"starcoach/audio/wav"

	"github.com/gordonklaus/portaudio"
)

// Tuning of the pipeline from device to file.
const (
	blockTime     = 20 * time.Millisecond  // audio per Read and per ring block
	ringBlocks    = 256                    // ~5 s of slack for a slow disk
	pollInterval  = 10 * time.Millisecond  // how often the writer looks for blocks
	flushInterval = 500 * time.Millisecond // header kept this fresh: what a kill loses
	syncEvery     = time.Second            // of audio between fsyncs: what a power cut loses
	levelInterval = 100 * time.Millisecond // OnLevel rate
	stallTimeout  = 3 * time.Second        // no audio for this long: the device is gone
)

// inputStream is the part of a PortAudio blocking stream the capture
// goroutine uses: Read fills the slice the stream was opened with.
type inputStream interface {
	Read() error
	Close() error
}

// A Recorder captures from an input device to a WAV file until stopped.
//
// Three goroutines share the work. Capture only calls the stream's blocking
// Read into a block of a preallocated ring and publishes it, so it never
// allocates, locks or waits on the disk (it sleeps only if the disk is
// seconds behind and the ring full). The writer drains the ring to the
// file, refreshes the header every half second and computes levels. The
// reporter calls OnLevel, so a slow callback delays no one.
type Recorder struct {
	opts      audio.RecordOptions
	device    string
	rate      audio.SampleRate
	channels  int
	maxFrames int64 // 0 for no limit

	src     inputStream
	latency time.Duration // how long the device can buffer input
	in      []int16       // what src reads into; capture points it at a ring block
	ring    *pcm.Ring
	mono    []int16 // downmix of a stereo block
	wav     *wav.Writer
	live    *audio.Live // measures what the file holds as it is written
	levels  chan audio.Level

	stopping   atomic.Bool // capture should end
	stopped    atomic.Bool // Stop was called
	overflows  atomic.Int64
	captureEnd atomic.Bool // capture left its loop; captureErr is set
	captureErr error

	syncs  int           // fsyncs while recording, for the tests
	done   chan struct{} // the writer finished; result and err are set
	result audio.Recording
	err    error
}

// Record records until ctx is done, MaxDuration is reached or the device
// fails. Cancelling ctx is a normal end, not an error.
func Record(ctx context.Context, opts audio.RecordOptions) (audio.Recording, error) {
	r, err := StartRecording(opts)
	if err != nil {
		return audio.Recording{}, err
	}
	select {
	case <-ctx.Done():
	case <-r.Done():
	}
	return r.Stop()
}

// StartRecording opens the device and the file and starts recording. The
// device runs at its own rate (or opts.SampleRate) and is recorded mono;
// a device that will only capture stereo is mixed down.
func StartRecording(opts audio.RecordOptions) (*Recorder, error) {
	if err := paAcquire(); err != nil {
		return nil, err
	}
	r := &Recorder{opts: opts, done: make(chan struct{})}
	pa, err := r.open()
	if err != nil {
		paRelease()
		return nil, err
	}
	if opts.Path != "" {
		if r.wav, err = wav.Create(opts.Path, int(r.rate)); err != nil {
			r.closeStream()
			return nil, err
		}
	}
	paMu.Lock()
	err = pa.Start()
	paMu.Unlock()
	if err != nil {
		r.closeStream()
		if r.wav != nil {
			r.wav.Close()
		}
		return nil, fmt.Errorf("start recording from %q: %w", r.device, err)
	}
	r.start(r.closeStream)
	return r, nil
}

// start runs the pipeline; release runs once capture is done with src.
func (r *Recorder) start(release func()) {
	go func() {
		r.capture()
		release()
	}()
	go r.write()
}

// open finds the device and opens a blocking input stream on it.
func (r *Recorder) open() (*portaudio.Stream, error) {
	paMu.Lock()
	defer paMu.Unlock()
	dev, err := inputDevice(r.opts.Device)
	if err != nil {
		return nil, err
	}
	r.device = dev.Name
	r.rate = audio.SampleRate(r.opts.SampleRate)
	if r.rate == 0 {
		r.rate = audio.SampleRate(dev.DefaultSampleRate)
	}
	if r.rate > audio.MaxSampleRate {
		// Speech needs no more, and a take's file stays within the size
		// a restored archive may claim for it.
		r.rate = 48000
	}
	frames := int(r.rate.N(blockTime))
	p := portaudio.StreamParameters{
		Input:           portaudio.StreamDeviceParameters{Device: dev, Channels: 1, Latency: dev.DefaultHighInputLatency},
		SampleRate:      float64(r.rate),
		FramesPerBuffer: frames,
	}
	pa, err := portaudio.OpenStream(p, &r.in)
	if err != nil && dev.MaxInputChannels >= 2 {
		p.Input.Channels = 2
		pa, err = portaudio.OpenStream(p, &r.in)
	}
	if err != nil {
		return nil, fmt.Errorf("open input %q at %d Hz: %w", dev.Name, r.rate, err)
	}
	latency := 2 * blockTime
	if info := pa.Info(); info != nil && info.InputLatency > 0 {
		latency = info.InputLatency
	}
	r.setup(pa, p.Input.Channels, frames, latency)
	return pa, nil
}

// setup allocates everything the pipeline needs up front, for a source
// read frames at a time.
func (r *Recorder) setup(src inputStream, channels, frames int, latency time.Duration) {
	r.src = src
	r.channels = channels
	r.latency = latency
	r.ring = pcm.NewRing(ringBlocks, frames*channels)
	r.mono = make([]int16, frames)
	if r.opts.OnLevel != nil {
		r.levels = make(chan audio.Level, 1)
	}
	if r.opts.MaxDuration > 0 {
		r.maxFrames = r.rate.N(r.opts.MaxDuration)
	}
}

// closeStream closes the stream and drops this recorder's PortAudio
// reference.
func (r *Recorder) closeStream() {
	paMu.Lock()
	r.src.Close()
	paMu.Unlock()
	paRelease()
}

// Done is closed when the recording ends by itself: MaxDuration reached,
// the device lost or the disk full. Call Stop for the result.
func (r *Recorder) Done() <-chan struct{} { return r.done }

// Stop ends the recording, finishes the file and returns what was
// recorded, with the error that ended it early, if any. It returns within
// a few seconds even if the device hangs, and may be called more than once.
func (r *Recorder) Stop() (audio.Recording, error) {
	r.stopped.Store(true)
	r.stopping.Store(true)
	<-r.done
	return r.result, r.err
}

// capture is the real-time loop: it must not allocate, lock or do I/O, or
// the device's buffer may overrun while it waits.
func (r *Recorder) capture() {
	var frames int64
	counted := false // an overflow already counted for the next Read
	for !r.stopping.Load() && (r.maxFrames == 0 || frames < r.maxFrames) {
		blk := r.ring.Free()
		if blk == nil {
			// The writer is seconds behind. Wait rather than drop: a
			// file-backed source is read faster than real time, and a
			// device buffers input meanwhile, up to its latency. Past
			// that, it has lost some.
			start := time.Now()
			for blk == nil && !r.stopping.Load() {
				time.Sleep(pollInterval / 2)
				blk = r.ring.Free()
			}
			if blk == nil {
				break
			}
			if time.Since(start) > r.latency {
				r.overflows.Add(1)
				counted = true
			}
		}
		r.in = blk
		if err := r.src.Read(); err != nil {
			if err != portaudio.InputOverflowed {
				r.captureErr = err
				break
			}
			// The samples read are good; some before them were lost.
			if !counted {
				r.overflows.Add(1)
			}
		}
		counted = false
		r.ring.Publish()
		frames += int64(len(blk) / r.channels)
	}
	r.captureEnd.Store(true)
}

// write drains the ring to the file until capture ends, then finishes the
// file and the result.
func (r *Recorder) write() {
	reported := make(chan struct{})
	if r.levels != nil {
		go func() {
			for l := range r.levels {
				r.opts.OnLevel(l)
			}
			close(reported)
		}()
	} else {
		close(reported)
	}

	if r.wav != nil {
		r.live = audio.NewLive(int(r.rate))
	}
	var (
		frames     int64
		meter      pcm.Meter // since the last level reading
		take       pcm.Meter // the whole recording, for its peak
		lastData   = time.Now()
		lastFlush  = time.Now()
		synced     int64 // frames on disk at the last Sync
		syncFrames = r.rate.N(syncEvery)
		failure    error
		levelEvery = int(r.rate.N(levelInterval))
	)
	for {
		blk := r.ring.Filled()
		if blk == nil {
			if r.captureEnd.Load() {
				if blk = r.ring.Filled(); blk == nil {
					break // published before capture ended: now all drained
				}
			} else {
				if time.Since(lastData) > stallTimeout {
					if !r.stopped.Load() {
						failure = fmt.Errorf("%w: %q delivered no audio for %v", audio.ErrDeviceLost, r.device, stallTimeout)
					}
					// Capture is stuck in Read; it closes the stream if it
					// ever returns.
					r.stopping.Store(true)
					break
				}
				time.Sleep(pollInterval)
				continue
			}
		}
		lastData = time.Now()
		samples := pcm.Downmix(r.mono, blk, r.channels)
		if r.maxFrames > 0 {
			samples = samples[:min(int64(len(samples)), r.maxFrames-frames)]
		}
		take.Add(samples)
		var err error
		if r.wav != nil {
			err = r.wav.Write(samples)
			r.live.Feed(samples)
		}
		full := meter.Add(samples) >= levelEvery
		// Only now is the block done with: capture refills it at once.
		r.ring.Release()
		frames += int64(len(samples))
		if err != nil {
			failure = err
			r.stopping.Store(true)
			break
		}
		if full {
			l := audio.Level{Elapsed: r.rate.D(frames), Overflows: int(r.overflows.Load())}
			l.RMS, l.Peak = meter.Read()
			if r.live != nil {
				a := r.live.Speech()
				l.SpeechStart, l.Spoke = a.SpeechStart, a.Spoken > 0
			}
			r.sendLevel(l)
		}
		if r.wav != nil && frames-synced >= syncFrames {
			// On disk, not only in the page cache: a power cut loses at
			// most the last second. Here, not in capture: fsync blocks.
			if err := r.wav.Sync(); err != nil {
				failure = err
				r.stopping.Store(true)
				break
			}
			synced, lastFlush = frames, time.Now()
			r.syncs++
		}
		if time.Since(lastFlush) >= flushInterval && r.wav != nil {
			if err := r.wav.Flush(); err != nil {
				failure = err
				r.stopping.Store(true)
				break
			}
			lastFlush = time.Now()
		}
	}

	if failure == nil && r.captureEnd.Load() && r.captureErr != nil {
		failure = fmt.Errorf("%w: %q: %s", audio.ErrDeviceLost, r.device, paErrorText(r.captureErr))
	}
	if r.wav != nil {
		if err := r.wav.Close(); err != nil && failure == nil {
			failure = err
		}
		frames = r.wav.Frames()
	}
	_, peak := take.Read()
	r.result = audio.Recording{
		Path:       r.opts.Path,
		Device:     r.device,
		SampleRate: int(r.rate),
		Frames:     frames,
		Duration:   r.rate.D(frames),
		Overflows:  int(r.overflows.Load()),
		Peak:       peak,
	}
	r.err = failure
	if r.levels != nil {
		close(r.levels)
	}
	<-reported
	close(r.done)
}

// sendLevel hands a reading to the reporter, or drops it if the reporter
// is still busy with the last one.
func (r *Recorder) sendLevel(l audio.Level) {
	if r.levels == nil {
		return
	}
	select {
	case r.levels <- l:
	default:
	}
}

// paErrorText describes a PortAudio error; a host error often comes with
// no text of its own.
func paErrorText(err error) string {
	var host portaudio.UnanticipatedHostError
	if errors.As(err, &host) && host.Text == "" {
		return fmt.Sprintf("host API error %d", host.Code)
	}
	return err.Error()
}
