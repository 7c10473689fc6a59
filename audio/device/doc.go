// Package device is the microphone and speaker, through PortAudio (cgo):
// it lists input devices, records to crash-safe WAV files (package wav)
// and plays them back. Everything else about audio is pure Go: what the
// recorder does to the samples is package pcm's, the rest package audio's.
package device
