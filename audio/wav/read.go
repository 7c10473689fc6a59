package wav

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// Read decodes any PCM WAV (8/16/24/32-bit integer or 32/64-bit float,
// any rate, any channel count) into mono samples in [-1, 1].
func Read(path string) ([]float32, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("read wav: %w", err)
	}
	defer f.Close()
	s, rate, err := Decode(f)
	if err != nil {
		return nil, 0, fmt.Errorf("read wav %s: %w", path, err)
	}
	return s, rate, nil
}

// Decode decodes a WAV stream like Read. It does not trust the sizes in
// the header, because a recorder killed mid-take leaves placeholders: a
// data chunk whose size is zero, or larger than what follows, is read to
// the end of the stream. When r is also an io.Seeker its length bounds the
// sample buffer allocated up front.
func Decode(r io.Reader) ([]float32, int, error) {
	length := int64(-1) // bytes in the stream from here, -1 when unknown
	if sk, ok := r.(io.Seeker); ok {
		if cur, err := sk.Seek(0, io.SeekCurrent); err == nil {
			if end, err := sk.Seek(0, io.SeekEnd); err == nil {
				length = end - cur
			}
			if _, err := sk.Seek(cur, io.SeekStart); err != nil {
				return nil, 0, fmt.Errorf("rewind: %w", err)
			}
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	h, err := ReadHeader(br)
	if err != nil {
		return nil, 0, err
	}
	size := h.DataLen(length)
	capacity := size
	if length < 0 {
		capacity = 0 // a size nothing confirms must not decide the allocation
	}
	s, err := h.Format.decode(br, size, capacity)
	if err != nil {
		return nil, 0, err
	}
	return s, h.Rate, nil
}

// decode reads size bytes of frames (to EOF when size < 0) and mixes them
// down to mono, starting with room for capacity bytes of frames. A
// trailing partial frame is dropped.
func (f *Format) decode(r io.Reader, size, capacity int64) ([]float32, error) {
	var out []float32
	if capacity > 0 {
		out = make([]float32, 0, capacity/int64(f.Block))
	}
	bps := f.Bits / 8
	gain := 1 / float32(f.Channels)
	buf := make([]byte, f.Block*4096)
	var read int64
	for size < 0 || read < size {
		want := len(buf)
		if size >= 0 && int64(want) > size-read {
			want = int(size - read)
		}
		n, err := io.ReadFull(r, buf[:want])
		n -= n % f.Block
		read += int64(n)
		for p := 0; p < n; p += f.Block {
			var sum float32
			for c := 0; c < f.Channels; c++ {
				sum += f.sample(buf[p+c*bps:])
			}
			out = append(out, sum*gain)
		}
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break // short file: keep what there is
			}
			return nil, fmt.Errorf("read WAV data: %w", err)
		}
	}
	return out, nil
}

func (f *Format) sample(b []byte) float32 {
	switch {
	case f.Float && f.Bits == 32:
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	case f.Float:
		return float32(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case f.Bits == 8: // unsigned, centred on 128
		return (float32(b[0]) - 128) / 128
	case f.Bits == 16:
		return float32(int16(binary.LittleEndian.Uint16(b))) / (1 << 15)
	case f.Bits == 24:
		v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
		return float32(v) / (1 << 23)
	default:
		return float32(int32(binary.LittleEndian.Uint32(b))) / (1 << 31)
	}
}
