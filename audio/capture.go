package audio

import (
	"errors"
	"time"
)

// The vocabulary of recording and playback, shared by the PortAudio
// implementation (package device) and the code that drives it, which
// needs no cgo to speak it.

// ErrNoInputDevice is returned (wrapped) when there is no microphone to
// record from, or none by the name asked for.
var ErrNoInputDevice = errors.New("no audio input device")

// ErrDeviceLost is returned (wrapped) when the input device fails or stops
// delivering audio mid-recording, as when a USB microphone is unplugged.
var ErrDeviceLost = errors.New("audio input lost")

// MaxSampleRate is the highest rate a recording is made at; a device that
// runs faster is recorded at 48 kHz. It is practice.MaxSampleRate, which
// bounds a take's file.
const MaxSampleRate = 96000

// MinDBFS is the level reported for silence: the floor of 16-bit audio.
const MinDBFS = -96.0

// Device is an audio input the candidate can record from.
type Device struct {
	Name          string
	HostAPI       string // ALSA, CoreAudio, WASAPI...
	SampleRate    int    // the rate the device runs at by default; recordings use it
	InputChannels int    // most channels it can capture
	IsDefault     bool   // the system's default input
}

// RecordOptions says what to record and where.
type RecordOptions struct {
	Device      string        // input device name, as listed; empty for the default
	Path        string        // WAV file to write; empty only meters, as a mic check does
	MaxDuration time.Duration // stop after this much audio; zero for no limit
	SampleRate  int           // zero for the device's own rate, which is best
	// OnLevel, when set, is called about ten times a second from a goroutine
	// of its own. It must return quickly; it is never called after Stop
	// returns.
	OnLevel func(Level)
}

// Level is a live reading for a level meter.
type Level struct {
	Elapsed   time.Duration // audio captured so far
	RMS, Peak float64       // dBFS over the last ~100 ms, no lower than MinDBFS
	Overflows int           // times input audio was lost so far (see Recording)
	// SpeechStart is where the first word began, by the analysis of what
	// was recorded so far (see Live); Spoke says one was heard. A mic
	// check, which saves nothing, does not look for words.
	SpeechStart time.Duration
	Spoke       bool
}

// Recording is what a finished recording left behind. Stop returns it
// even with an error: Frames then counts what the file kept.
type Recording struct {
	Path       string // empty when only metering
	Device     string
	SampleRate int
	Frames     int64 // mono frames in the file (or metered)
	Duration   time.Duration
	// Overflows counts the times input audio was lost: the device's buffer
	// overran, or the disk fell so far behind that the recorder's own
	// buffer of several seconds filled up. Zero on a healthy system.
	Overflows int
	Peak      float64 // loudest sample, dBFS: a mic check wants it well above MinDBFS
}

// PlayOptions says which part of a recording to play.
type PlayOptions struct {
	From, To time.Duration // the clip [From, To); To zero plays to the end
}

// aliases are the names ALSA gives its ways to the system's default input
// ("default", "sysdefault", "pulse", "pipewire"): the choice of the
// system default already is each of them.
var aliases = map[string]bool{"default": true, "sysdefault": true, "pulse": true, "pipewire": true}

// Choices are the devices worth offering beside the system default: the
// ones with input, without ALSA's aliases of the default.
func Choices(devs []Device) []Device {
	var out []Device
	for _, d := range devs {
		if d.InputChannels > 0 && !(d.HostAPI == "ALSA" && aliases[d.Name]) {
			out = append(out, d)
		}
	}
	return out
}
