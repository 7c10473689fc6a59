package device

/*
#cgo pkg-config: alsa
#include <alsa/asoundlib.h>

// ALSA prints a line to stderr for every PCM in its configuration that has
// no card behind it, which PortAudio probes one by one at Initialize: a
// screenful of noise on a terminal that hides real messages.
static void starcoach_alsa_silent(const char *file, int line, const char *function, int err, const char *fmt, ...) {}

static void starcoach_quiet_alsa(void) {
	snd_lib_error_set_handler(starcoach_alsa_silent);
}
*/
import "C"

import (
	"os"
	"sync"
	"syscall"
)

var quietOnce sync.Once

// quietALSA silences ALSA's error printing; PortAudio still reports the
// errors that matter to us as return values.
func quietALSA() { quietOnce.Do(func() { C.starcoach_quiet_alsa() }) }

// quietly runs f with the process's stderr pointed at /dev/null. While
// PortAudio probes devices, Debian's libportaudio prints "Expression ...
// failed" lines and the JACK client prints "cannot connect to server" with
// no way to turn either off; the errors that matter come back as values.
// Only Initialize runs under it, holding paMu, so the redirections never
// overlap.
func quietly(f func()) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		f()
		return
	}
	defer null.Close()
	saved, err := syscall.Dup(2)
	if err != nil {
		f()
		return
	}
	defer syscall.Close(saved)
	if err := syscall.Dup3(int(null.Fd()), 2, 0); err != nil {
		f()
		return
	}
	defer syscall.Dup3(saved, 2, 0)
	f()
}
