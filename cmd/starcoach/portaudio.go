package main

import (
	"starcoach/audio"
	"starcoach/audio/device"
	"starcoach/session"
	"starcoach/ui"
)

// portAudio is the real microphone and speaker. (The UI tests use a
// recorder that plays WAV files instead.)
type portAudio struct{}

var _ ui.Audio = portAudio{}

func (portAudio) Devices() ([]audio.Device, error) { return device.List() }

func (portAudio) Record(o audio.RecordOptions) (session.LiveRecording, error) {
	r, err := device.StartRecording(o)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return r, nil
}

func (portAudio) Play(path string, o audio.PlayOptions) (session.Playback, error) {
	p, err := device.Play(path, o)
	if err != nil {
		return nil, err
	}
	return p, nil
}
