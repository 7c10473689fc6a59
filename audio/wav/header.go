package wav

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Format tags from the fmt chunk.
const (
	formatPCM        = 1
	formatFloat      = 3
	formatExtensible = 0xFFFE
)

// maxFmtChunk bounds the fmt chunk read into memory: a real one is 16 to
// 40 bytes, and a damaged size field must not make the reader allocate
// gigabytes.
const maxFmtChunk = 1 << 10

// maxChannels bounds the channel count a file may claim; the decoder mixes
// every channel down, so a nonsense count would only waste memory.
const maxChannels = 64

// Format is what a WAV file's fmt chunk says about its samples.
type Format struct {
	Float    bool // IEEE float samples
	MuLaw    bool // G.711 μ-law bytes; neither: integer PCM
	Channels int
	Rate     int // frames per second
	Bits     int // per sample
	Block    int // bytes per frame, all channels
}

// Header is where a WAV file keeps its samples, as its chunks say. It is
// read by one scanner, ReadHeader, for decoding, repair and playback.
type Header struct {
	Format
	DataOffset int64 // first byte of the samples, from the start of the file
	DataSize   int64 // as the data chunk header claims: maybe a placeholder
	RIFFSize   int64 // as the RIFF header claims
}

// ReadHeader reads the RIFF header and the chunks up to the first sample,
// leaving r there. It skips chunks it does not need and checks that the
// format is one Decode can read.
func ReadHeader(r io.Reader) (Header, error) {
	var h Header
	var hdr [12]byte
	n, err := io.ReadFull(r, hdr[:])
	switch {
	case n < 4 || (string(hdr[0:4]) != "RIFF" && string(hdr[0:4]) != "RIFX"):
		return h, errors.New("not a WAV file: missing RIFF header")
	case err != nil:
		return h, errors.New("not a WAV file: truncated RIFF header")
	case string(hdr[0:4]) == "RIFX":
		return h, errors.New("unsupported WAV: big-endian RIFX")
	case string(hdr[8:12]) != "WAVE":
		return h, fmt.Errorf("not a WAV file: RIFF form is %q, not WAVE", hdr[8:12])
	}
	h.RIFFSize = int64(binary.LittleEndian.Uint32(hdr[4:8]))
	off := int64(12)
	haveFmt := false
	for {
		var ch [8]byte
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				if !haveFmt {
					return h, errors.New("not a WAV file: no fmt chunk")
				}
				return h, errors.New("invalid WAV: no data chunk")
			}
			return h, fmt.Errorf("read chunk header: %w", err)
		}
		off += 8
		id, size := string(ch[0:4]), int64(binary.LittleEndian.Uint32(ch[4:8]))
		switch id {
		case "fmt ":
			if err := h.Format.parse(r, size); err != nil {
				return h, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return h, errors.New("invalid WAV: data chunk before fmt chunk")
			}
			h.DataOffset, h.DataSize = off, size
			return h, nil
		default:
			if _, err := io.CopyN(io.Discard, r, size+size&1); err != nil {
				return h, fmt.Errorf("invalid WAV: truncated %q chunk: %w", id, err)
			}
		}
		off += size + size&1
	}
}

// DataLen is how many bytes of whole frames follow the header in a file
// of the given size (-1 when unknown, as for a pipe, where -1 means "to
// the end"): the data chunk's own claim, unless it is a streaming
// writer's placeholder (0 or 0xFFFFFFFF) or runs past the end of the file,
// as after a crash mid-recording.
func (h Header) DataLen(fileSize int64) int64 {
	if fileSize < 0 {
		if h.DataSize == 0 || h.DataSize == math.MaxUint32 {
			return -1
		}
		return h.DataSize - h.DataSize%int64(h.Block)
	}
	avail := max(fileSize-h.DataOffset, 0)
	n := h.DataSize
	if n == 0 || n == math.MaxUint32 || n > avail {
		n = avail
	}
	return n - n%int64(h.Block)
}

func (f *Format) parse(r io.Reader, size int64) error {
	if size < 16 {
		return fmt.Errorf("invalid WAV: fmt chunk is %d bytes, want at least 16", size)
	}
	if size > maxFmtChunk {
		return fmt.Errorf("invalid WAV: fmt chunk is %d bytes, at most %d expected", size, maxFmtChunk)
	}
	b := make([]byte, size+size&1)
	if _, err := io.ReadFull(r, b); err != nil {
		return fmt.Errorf("invalid WAV: truncated fmt chunk: %w", err)
	}
	tag := int(binary.LittleEndian.Uint16(b[0:2]))
	f.Channels = int(binary.LittleEndian.Uint16(b[2:4]))
	f.Rate = int(binary.LittleEndian.Uint32(b[4:8]))
	f.Bits = int(binary.LittleEndian.Uint16(b[14:16]))
	if tag == formatExtensible && size >= 26 {
		// The sub-format GUID starts with the real format tag.
		tag = int(binary.LittleEndian.Uint16(b[24:26]))
	}
	switch tag {
	case formatPCM:
		if f.Bits != 8 && f.Bits != 16 && f.Bits != 24 && f.Bits != 32 {
			return fmt.Errorf("unsupported WAV: %d-bit PCM", f.Bits)
		}
	case formatFloat:
		if f.Bits != 32 && f.Bits != 64 {
			return fmt.Errorf("unsupported WAV: %d-bit float", f.Bits)
		}
		f.Float = true
	case formatMuLaw:
		if f.Bits != 8 {
			return fmt.Errorf("unsupported WAV: %d-bit μ-law", f.Bits)
		}
		f.MuLaw = true
	default:
		return fmt.Errorf("unsupported WAV: format tag %#x is not PCM, float or μ-law", tag)
	}
	if f.Channels < 1 {
		return errors.New("invalid WAV: zero channels")
	}
	if f.Channels > maxChannels {
		return fmt.Errorf("unsupported WAV: %d channels, at most %d", f.Channels, maxChannels)
	}
	if f.Rate < 1000 || f.Rate > 1_000_000 {
		return fmt.Errorf("invalid WAV: sample rate %d Hz", f.Rate)
	}
	// Block align is recomputed: some writers get it wrong, the sample
	// size and channel count are what the data really holds.
	f.Block = f.Channels * f.Bits / 8
	return nil
}

// readFileHeader reads the header of an open file from its start.
func readFileHeader(r io.ReaderAt, size int64) (Header, error) {
	return ReadHeader(bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 4<<10))
}
