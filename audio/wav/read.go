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
	sr, err := NewReader(r)
	if err != nil {
		return nil, 0, err
	}
	var out []float32
	if n := sr.Frames(); n > 0 {
		out = make([]float32, 0, n)
	}
	buf := make([]float32, 4096)
	for {
		n, err := sr.Read(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, sr.Rate, nil
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

// A Reader decodes a WAV stream block by block into mono samples in
// [-1, 1], so a long recording is never held whole in memory.
type Reader struct {
	Header
	r    *bufio.Reader
	left int64 // bytes of frames still to read; -1 to the end of the stream
	raw  []byte
}

// Open opens a WAV file for reading block by block; close the file with
// the returned closer.
func Open(path string) (*Reader, io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read wav: %w", err)
	}
	r, err := NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read wav %s: %w", path, err)
	}
	return r, f, nil
}

// NewReader reads the header of a WAV stream. When r is also an io.Seeker
// its length bounds the samples read: the header's sizes are not trusted.
func NewReader(r io.Reader) (*Reader, error) {
	length := int64(-1) // bytes in the stream from here, -1 when unknown
	if sk, ok := r.(io.Seeker); ok {
		if cur, err := sk.Seek(0, io.SeekCurrent); err == nil {
			if end, err := sk.Seek(0, io.SeekEnd); err == nil {
				length = end - cur
			}
			if _, err := sk.Seek(cur, io.SeekStart); err != nil {
				return nil, fmt.Errorf("rewind: %w", err)
			}
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	h, err := ReadHeader(br)
	if err != nil {
		return nil, err
	}
	return &Reader{Header: h, r: br, left: h.DataLen(length)}, nil
}

// Frames is how many frames are left to read, or -1 when the stream's
// length is unknown.
func (r *Reader) Frames() int64 {
	if r.left < 0 {
		return -1
	}
	return r.left / int64(r.Block)
}

// Read decodes up to len(dst) frames, each mixed down to one sample. It
// returns io.EOF at the end of the samples; a trailing partial frame is
// dropped.
func (r *Reader) Read(dst []float32) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	want := len(dst) * r.Block
	if r.left > 0 && int64(want) > r.left {
		want = int(r.left)
	}
	if cap(r.raw) < want {
		r.raw = make([]byte, want)
	}
	n, err := io.ReadFull(r.r, r.raw[:want])
	n -= n % r.Block
	if r.left > 0 {
		r.left -= int64(n)
	}
	bps := r.Bits / 8
	gain := 1 / float32(r.Channels)
	frames := n / r.Block
	for i := range frames {
		var sum float32
		p := i * r.Block
		for c := range r.Channels {
			sum += r.sample(r.raw[p+c*bps:])
		}
		dst[i] = sum * gain
	}
	switch {
	case err == nil:
		return frames, nil
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		r.left = 0 // short file: keep what there is
		if frames > 0 {
			return frames, nil
		}
		return 0, io.EOF
	}
	return frames, fmt.Errorf("read WAV data: %w", err)
}

func (f *Format) sample(b []byte) float32 {
	switch {
	case f.Float && f.Bits == 32:
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	case f.Float:
		return float32(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case f.MuLaw:
		return muLawSample(b[0])
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
