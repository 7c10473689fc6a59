package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// WAV format tags from the fmt chunk.
const (
	wavFormatPCM        = 1
	wavFormatFloat      = 3
	wavFormatExtensible = 0xFFFE
)

// ReadWAV decodes any PCM WAV (8/16/24/32-bit integer or 32/64-bit float,
// any rate, any channel count) into mono samples in [-1, 1].
func ReadWAV(path string) ([]float32, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("read wav: %w", err)
	}
	defer f.Close()
	s, rate, err := DecodeWAV(f)
	if err != nil {
		return nil, 0, fmt.Errorf("read wav %s: %w", path, err)
	}
	return s, rate, nil
}

// DecodeWAV decodes a WAV stream like ReadWAV. It parses the RIFF chunks
// itself rather than trusting their sizes, because a recorder killed
// mid-take leaves placeholder sizes: a data chunk whose size is zero, or
// larger than what follows, is read to the end of the stream. When r is
// also an io.Seeker its length bounds the sample buffer allocated up front.
func DecodeWAV(r io.Reader) ([]float32, int, error) {
	remaining := int64(-1) // bytes left in the stream, -1 when unknown
	if sk, ok := r.(io.Seeker); ok {
		if cur, err := sk.Seek(0, io.SeekCurrent); err == nil {
			if end, err := sk.Seek(0, io.SeekEnd); err == nil {
				remaining = end - cur
			}
			if _, err := sk.Seek(cur, io.SeekStart); err != nil {
				return nil, 0, fmt.Errorf("rewind: %w", err)
			}
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)

	var hdr [12]byte
	n, err := io.ReadFull(br, hdr[:])
	switch {
	case n < 4 || (string(hdr[0:4]) != "RIFF" && string(hdr[0:4]) != "RIFX"):
		return nil, 0, errors.New("not a WAV file: missing RIFF header")
	case err != nil:
		return nil, 0, errors.New("not a WAV file: truncated RIFF header")
	}
	switch {
	case string(hdr[0:4]) == "RIFX":
		return nil, 0, errors.New("unsupported WAV: big-endian RIFX")
	case string(hdr[8:12]) != "WAVE":
		return nil, 0, fmt.Errorf("not a WAV file: RIFF form is %q, not WAVE", hdr[8:12])
	}
	consume := func(n int64) {
		if remaining >= 0 {
			remaining = max(remaining-n, 0)
		}
	}
	consume(12)

	var f wavFormat
	for {
		var ch [8]byte
		if _, err := io.ReadFull(br, ch[:]); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				if !f.ok {
					return nil, 0, errors.New("not a WAV file: no fmt chunk")
				}
				return nil, 0, errors.New("invalid WAV: no data chunk")
			}
			return nil, 0, fmt.Errorf("read chunk header: %w", err)
		}
		consume(8)
		id, size := string(ch[0:4]), int64(binary.LittleEndian.Uint32(ch[4:8]))
		switch id {
		case "fmt ":
			if err := f.parse(br, size); err != nil {
				return nil, 0, err
			}
		case "data":
			if !f.ok {
				return nil, 0, errors.New("invalid WAV: data chunk before fmt chunk")
			}
			// Zero and 0xFFFFFFFF are the usual placeholders of a streaming
			// writer that never came back to fix the header.
			if size == 0 || size == math.MaxUint32 || (remaining >= 0 && size > remaining) {
				size = remaining // -1 when unknown: read to EOF
			}
			s, err := f.decode(br, size)
			if err != nil {
				return nil, 0, err
			}
			return s, f.rate, nil
		default:
			if _, err := io.CopyN(io.Discard, br, size+size&1); err != nil {
				return nil, 0, fmt.Errorf("invalid WAV: truncated %q chunk: %w", id, err)
			}
		}
		consume(size + size&1)
	}
}

type wavFormat struct {
	ok       bool
	float    bool
	channels int
	rate     int
	bits     int
	block    int // bytes per frame, all channels
}

func (f *wavFormat) parse(r io.Reader, size int64) error {
	if size < 16 {
		return fmt.Errorf("invalid WAV: fmt chunk is %d bytes, want at least 16", size)
	}
	b := make([]byte, size+size&1)
	if _, err := io.ReadFull(r, b); err != nil {
		return fmt.Errorf("invalid WAV: truncated fmt chunk: %w", err)
	}
	tag := int(binary.LittleEndian.Uint16(b[0:2]))
	f.channels = int(binary.LittleEndian.Uint16(b[2:4]))
	f.rate = int(binary.LittleEndian.Uint32(b[4:8]))
	f.bits = int(binary.LittleEndian.Uint16(b[14:16]))
	if tag == wavFormatExtensible && size >= 26 {
		// The sub-format GUID starts with the real format tag.
		tag = int(binary.LittleEndian.Uint16(b[24:26]))
	}
	switch tag {
	case wavFormatPCM:
		if f.bits != 8 && f.bits != 16 && f.bits != 24 && f.bits != 32 {
			return fmt.Errorf("unsupported WAV: %d-bit PCM", f.bits)
		}
	case wavFormatFloat:
		if f.bits != 32 && f.bits != 64 {
			return fmt.Errorf("unsupported WAV: %d-bit float", f.bits)
		}
		f.float = true
	default:
		return fmt.Errorf("unsupported WAV: format tag %#x is not PCM or float", tag)
	}
	if f.channels < 1 {
		return errors.New("invalid WAV: zero channels")
	}
	if f.rate < 1000 || f.rate > 1_000_000 {
		return fmt.Errorf("invalid WAV: sample rate %d Hz", f.rate)
	}
	// Block align is recomputed: some writers get it wrong, the sample
	// size and channel count are what the data really holds.
	f.block = f.channels * f.bits / 8
	f.ok = true
	return nil
}

// decode reads size bytes of frames (to EOF when size < 0) and mixes them
// down to mono. A trailing partial frame is dropped.
func (f *wavFormat) decode(r io.Reader, size int64) ([]float32, error) {
	var out []float32
	if size >= 0 {
		out = make([]float32, 0, size/int64(f.block))
	}
	bps := f.bits / 8
	gain := 1 / float32(f.channels)
	buf := make([]byte, f.block*4096)
	var read int64
	for size < 0 || read < size {
		want := len(buf)
		if size >= 0 && int64(want) > size-read {
			want = int(size - read)
		}
		n, err := io.ReadFull(r, buf[:want])
		n -= n % f.block
		read += int64(n)
		for p := 0; p < n; p += f.block {
			var sum float32
			for c := 0; c < f.channels; c++ {
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

func (f *wavFormat) sample(b []byte) float32 {
	switch {
	case f.float && f.bits == 32:
		return math.Float32frombits(binary.LittleEndian.Uint32(b))
	case f.float:
		return float32(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case f.bits == 8: // unsigned, centred on 128
		return (float32(b[0]) - 128) / 128
	case f.bits == 16:
		return float32(int16(binary.LittleEndian.Uint16(b))) / (1 << 15)
	case f.bits == 24:
		v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
		return float32(v) / (1 << 23)
	default:
		return float32(int32(binary.LittleEndian.Uint32(b))) / (1 << 31)
	}
}
