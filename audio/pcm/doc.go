// Package pcm is what the recorder does to 16-bit samples on their way
// from the device to the file: a ring of blocks between the capture and
// writer goroutines, the stereo downmix and the level meter. None of it
// allocates, locks or does I/O, so the capture path may call any of it,
// and none of it needs cgo, so it is tested without PortAudio.
package pcm
