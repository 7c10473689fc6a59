package wav

import (
	"encoding/binary"
	"math"
)

// formatMuLaw is G.711 μ-law, 8 bits a sample: the telephone's own
// encoding, which every browser's WAV decoder reads. A report embeds its
// recordings in it at 8 kHz, 8 KB a second, a quarter of 16-bit 16 kHz.
const formatMuLaw = 7

// MuLawHeader is the header of a mono 8-bit μ-law WAV file of frames
// samples at rate: RIFF, an 18-byte fmt chunk, the fact chunk that
// non-PCM formats carry, and the data chunk's header.
func MuLawHeader(rate, frames int) []byte {
	b := make([]byte, 0, 58)
	le32 := func(v int) { b = binary.LittleEndian.AppendUint32(b, uint32(v)) }
	le16 := func(v int) { b = binary.LittleEndian.AppendUint16(b, uint16(v)) }
	b = append(b, "RIFF"...)
	le32(50 + frames + frames&1)
	b = append(b, "WAVEfmt "...)
	le32(18)
	le16(formatMuLaw)
	le16(1)    // channels
	le32(rate) // frames a second
	le32(rate) // bytes a second
	le16(1)    // block align
	le16(8)    // bits a sample
	le16(0)    // no extra format bytes
	b = append(b, "fact"...)
	le32(4)
	le32(frames)
	b = append(b, "data"...)
	le32(frames)
	return b
}

// MuLaw encodes a sample in [-1, 1] as G.711 μ-law: a sign, a 3-bit
// exponent and a 4-bit mantissa of the magnitude biased by 132, all bits
// inverted.
func MuLaw(v float32) byte {
	const bias, clip = 132, 32635
	if v != v { // NaN: silence
		v = 0
	}
	s := int(math.Round(float64(max(-1, min(1, v))) * 32767))
	sign := 0
	if s < 0 {
		sign, s = 0x80, -s
	}
	s = min(s, clip) + bias
	exp := 7
	for mask := 0x4000; s&mask == 0 && exp > 0; mask >>= 1 {
		exp--
	}
	mant := s >> (exp + 3) & 0x0f
	return ^byte(sign | exp<<4 | mant)
}

// muLawSample decodes a μ-law byte to [-1, 1].
func muLawSample(b byte) float32 {
	u := ^b
	exp := int(u>>4) & 7
	s := (int(u&0x0f)<<3 + 132) << exp
	s -= 132
	if u&0x80 != 0 {
		s = -s
	}
	return float32(s) / 32768
}
