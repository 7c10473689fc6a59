package audio

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

import "sync"

var quietOnce sync.Once

// quietALSA silences ALSA's error printing; PortAudio still reports the
// errors that matter to us as return values.
func quietALSA() { quietOnce.Do(func() { C.starcoach_quiet_alsa() }) }
