// Package audio measures how long a candidate actually spoke in a
// recording (onset, offset, pauses, pace) and names what recording and
// playback deal in. It is pure Go: the WAV files are package wav's, the
// microphone and speaker (PortAudio, cgo) package device's.
package audio
