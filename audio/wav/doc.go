// Package wav reads, writes and repairs the WAV files StarCoach keeps its
// recordings in. The writer keeps its header current while recording, so
// a file cut off by a crash still decodes; one header scanner serves
// decoding, repair and playback. Pure Go, no cgo.
package wav
