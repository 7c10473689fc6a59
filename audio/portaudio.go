package audio

import (
	"fmt"
	"sync"

	"github.com/gordonklaus/portaudio"
)

// PortAudio's Initialize, Terminate, device enumeration and stream
// open/close are not safe to call concurrently (and the Go binding keeps
// unguarded globals), while the UI, a recording and a playback may all want
// them at once. paMu serialises those control calls; reading and writing an
// open stream does not take it.
var (
	paMu   sync.Mutex
	paRefs int
)

// paAcquire initialises PortAudio for one user; every successful call must
// be paired with paRelease. Holding a reference across a recording keeps
// PortAudio from being torn down under an open stream.
func paAcquire() error {
	paMu.Lock()
	defer paMu.Unlock()
	if paRefs == 0 {
		quietALSA()
		var err error
		quietly(func() { err = portaudio.Initialize() })
		if err != nil {
			return fmt.Errorf("initialize portaudio: %w", err)
		}
	}
	paRefs++
	return nil
}

// paRelease drops a reference; the last one terminates PortAudio, so the
// next paAcquire sees devices plugged in meanwhile.
func paRelease() {
	paMu.Lock()
	defer paMu.Unlock()
	if paRefs == 0 {
		return
	}
	paRefs--
	if paRefs == 0 {
		quietly(func() { portaudio.Terminate() })
	}
}

// paLocked runs f while holding the PortAudio control lock, with PortAudio
// initialised.
func paLocked(f func() error) error {
	if err := paAcquire(); err != nil {
		return err
	}
	defer paRelease()
	paMu.Lock()
	defer paMu.Unlock()
	return f()
}

// openStream opens a stream with PortAudio's diagnostics kept off stderr.
func openStream(p portaudio.StreamParameters, args ...any) (s *portaudio.Stream, err error) {
	quietly(func() { s, err = portaudio.OpenStream(p, args...) })
	return s, err
}
