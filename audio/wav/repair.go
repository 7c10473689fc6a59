package wav

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// Repair makes the sizes in a WAV file's header agree with its length, as
// after a crash mid-recording: the data chunk is taken to run to the end of
// the file, a partial trailing frame is cut off, and the RIFF size is fixed.
// It reports whether the file needed repair. Chunks after the data chunk
// are kept when the header accounts for them exactly.
func Repair(path string) (repaired bool, err error) {
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
	l, err := readFileHeader(f, size)
	if err != nil {
		return false, fmt.Errorf("repair wav %s: %w", path, err)
	}
	if l.DataSize <= size-l.DataOffset && l.RIFFSize == size-8 && chunksFit(f, l.DataOffset+l.DataSize+l.DataSize&1, size) {
		return false, nil
	}
	data := size - l.DataOffset
	data -= data % int64(l.Block)
	end := l.DataOffset + data
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
	if _, err := f.WriteAt(b[:], l.DataOffset-4); err != nil {
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
