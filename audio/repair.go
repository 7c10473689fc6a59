package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// riffLayout is where a WAV file keeps its samples, as its chunks say.
type riffLayout struct {
	tag      int // format tag: 1 PCM, 3 float, 0xFFFE extensible
	channels int
	rate     int
	bits     int
	block    int   // bytes per frame
	dataOff  int64 // first byte of the samples
	dataSize int64 // as the data chunk header claims
	riffSize int64 // as the RIFF header claims
}

// scanRIFF walks the chunks of a WAV file of the given size up to the data
// chunk.
func scanRIFF(r io.ReaderAt, size int64) (riffLayout, error) {
	var l riffLayout
	var h [12]byte
	if _, err := r.ReadAt(h[:], 0); err != nil || string(h[0:4]) != "RIFF" || string(h[8:12]) != "WAVE" {
		return l, errors.New("not a WAV file")
	}
	l.riffSize = int64(binary.LittleEndian.Uint32(h[4:8]))
	for off := int64(12); off+8 <= size; {
		var ch [8]byte
		if _, err := r.ReadAt(ch[:], off); err != nil {
			return l, fmt.Errorf("read chunk header: %w", err)
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:8]))
		switch string(ch[0:4]) {
		case "fmt ":
			var f [16]byte
			if n < 16 {
				return l, errors.New("invalid WAV: short fmt chunk")
			}
			if _, err := r.ReadAt(f[:], off+8); err != nil {
				return l, fmt.Errorf("read fmt chunk: %w", err)
			}
			l.tag = int(binary.LittleEndian.Uint16(f[0:2]))
			l.channels = int(binary.LittleEndian.Uint16(f[2:4]))
			l.rate = int(binary.LittleEndian.Uint32(f[4:8]))
			l.bits = int(binary.LittleEndian.Uint16(f[14:16]))
			l.block = l.channels * ((l.bits + 7) / 8)
		case "data":
			if l.block == 0 {
				return l, errors.New("invalid WAV: no fmt chunk before the data")
			}
			l.dataOff, l.dataSize = off+8, n
			return l, nil
		}
		off += 8 + n + n&1
	}
	return l, errors.New("invalid WAV: no data chunk")
}

// samplesEnd is where the samples really end: where the header says, unless
// that is past the end of the file or left as a streaming writer's
// placeholder, in which case the samples run to the last whole frame.
func (l riffLayout) samplesEnd(size int64) int64 {
	avail := size - l.dataOff
	if l.dataSize == 0 || l.dataSize == math.MaxUint32 || l.dataSize > avail {
		return l.dataOff + avail - avail%int64(l.block)
	}
	return l.dataOff + l.dataSize
}

// RepairWAV makes the sizes in a WAV file's header agree with its length, as
// after a crash mid-recording: the data chunk is taken to run to the end of
// the file, a partial trailing frame is cut off, and the RIFF size is fixed.
// It reports whether the file needed repair. Chunks after the data chunk
// are kept when the header accounts for them exactly.
func RepairWAV(path string) (repaired bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false, fmt.Errorf("repair wav: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("repair wav %s: %w", path, cerr)
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("repair wav: %w", err)
	}
	size := st.Size()
	l, err := scanRIFF(f, size)
	if err != nil {
		return false, fmt.Errorf("repair wav %s: %w", path, err)
	}
	if l.dataSize <= size-l.dataOff && l.riffSize == size-8 && chunksFit(f, l.dataOff+l.dataSize+l.dataSize&1, size) {
		return false, nil
	}
	data := size - l.dataOff
	data -= data % int64(l.block)
	end := l.dataOff + data
	if end < size {
		if err := f.Truncate(end); err != nil {
			return false, fmt.Errorf("repair wav %s: %w", path, err)
		}
	}
	if data%2 != 0 { // RIFF chunks are padded to even sizes
		if _, err := f.WriteAt([]byte{0}, end); err != nil {
			return false, fmt.Errorf("repair wav %s: %w", path, err)
		}
		end++
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	if _, err := f.WriteAt(b[:], l.dataOff-4); err != nil {
		return false, fmt.Errorf("repair wav %s: %w", path, err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(end-8))
	if _, err := f.WriteAt(b[:], 4); err != nil {
		return false, fmt.Errorf("repair wav %s: %w", path, err)
	}
	return true, nil
}

// chunksFit reports whether the bytes from off to size are whole chunks,
// as a LIST chunk after the samples would be, rather than samples the
// header does not count.
func chunksFit(r io.ReaderAt, off, size int64) bool {
	for off < size {
		var ch [8]byte
		if _, err := r.ReadAt(ch[:], off); err != nil {
			return false
		}
		for _, c := range ch[:4] {
			if c < ' ' || c > '~' {
				return false
			}
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:8]))
		off += 8 + n + n&1
	}
	return off == size
}
