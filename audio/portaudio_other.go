//go:build !linux

package audio

func quietALSA() {}
