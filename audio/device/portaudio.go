package device

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
		// Only Initialize probes every device and prints while it does;
		// anything later that writes to stderr (a crash report above all)
		// must reach it.
		quietly(func() { err = portaudio.Initialize() })
		if err != nil {
			return fmt.Errorf("initialize portaudio: %w", err)
		}
		skipSmallStreamIDs.Do(func() {
			for range minLegalHandle {
				portaudio.OpenStream(portaudio.StreamParameters{}) // fails its argument check
			}
		})
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
		portaudio.Terminate()
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

// skipSmallStreamIDs works around a crash of race-enabled builds. The Go
// binding hands each stream's ID to C as a pointer-sized handle,
// unsafe.Pointer(uintptr(id)); the checkptr pass that -race turns on
// takes a value below 4096 for a bad pointer and aborts the process, so
// the second stream a process opened (ID 1) killed it. The handle is
// never dereferenced. IDs count up from zero and an OpenStream call that
// fails its argument check still uses one up, so that many such calls,
// once per process, put every real stream's ID past the range checkptr
// refuses, at a cost well under a millisecond.
var skipSmallStreamIDs sync.Once

// minLegalHandle is the runtime's minLegalPointer: checkptr refuses
// pointers from 1 up to it.
const minLegalHandle = 4096
