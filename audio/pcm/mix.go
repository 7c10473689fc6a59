package pcm

// Downmix averages each frame of the interleaved channels in src into a
// sample of dst, and returns those samples; mono src is returned as it is.
// dst must hold len(src)/channels samples.
func Downmix(dst, src []int16, channels int) []int16 {
	if channels == 1 {
		return src
	}
	m := dst[:len(src)/channels]
	for i := range m {
		var sum int
		for c := range channels {
			sum += int(src[i*channels+c])
		}
		m[i] = int16(sum / channels)
	}
	return m
}
