package wav

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// headerLen is the size of the canonical header Writer writes:
// RIFF, fmt (16-byte PCM) and data chunk headers, samples right after.
const headerLen = 44

// Writer streams 16-bit mono PCM to a WAV file. Unlike writers that fix
// the sizes in the header only on Close, it brings them up to date on every
// Flush, so the file of a killed process still decodes up to the last Flush.
// A Writer is not safe for concurrent use.
type Writer struct {
	f    Sink
	rate int
	buf  []byte // encoded samples not yet written
	data int64  // data bytes in the file, including a partial write's
	err  error  // first write error; the writer refuses work after it
}

// Sink is what Writer needs of a file: appending samples, and
// rewriting the sizes in the header in place.
type Sink interface {
	io.Writer
	io.WriterAt
}

// bufferSize bounds what Write holds before it goes to the file:
// 32 KiB is a third of a second at 48 kHz.
const bufferSize = 32 << 10

// Create creates (or truncates) path as a mono 16-bit WAV file at rate,
// readable by the user only: it holds a recording of their voice.
func Create(path string, rate int) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create recording: %w", err)
	}
	// O_CREATE keeps the mode of a file that already existed.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("create recording: %w", err)
	}
	w, err := NewWriter(f, rate)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// NewWriter starts a mono 16-bit WAV at rate on f, which Create opens as a
// file; a test passes a sink that fails on cue.
func NewWriter(f Sink, rate int) (*Writer, error) {
	var h [headerLen]byte
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], headerLen-8)
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1) // PCM
	binary.LittleEndian.PutUint16(h[22:], 1) // mono
	binary.LittleEndian.PutUint32(h[24:], uint32(rate))
	binary.LittleEndian.PutUint32(h[28:], uint32(rate*2)) // bytes per second
	binary.LittleEndian.PutUint16(h[32:], 2)              // bytes per frame
	binary.LittleEndian.PutUint16(h[34:], 16)             // bits per sample
	copy(h[36:], "data")
	if _, err := f.Write(h[:]); err != nil {
		return nil, fmt.Errorf("write recording header: %w", err)
	}
	return &Writer{f: f, rate: rate, buf: make([]byte, 0, bufferSize)}, nil
}

// Write appends samples. They reach the file when the buffer fills, on
// Flush and on Close.
func (w *Writer) Write(samples []int16) error {
	for len(samples) > 0 {
		if w.err != nil {
			return w.err
		}
		n := min(len(samples), (cap(w.buf)-len(w.buf))/2)
		for _, s := range samples[:n] {
			w.buf = binary.LittleEndian.AppendUint16(w.buf, uint16(s))
		}
		samples = samples[n:]
		if len(w.buf) == cap(w.buf) {
			w.writeBuffer()
		}
	}
	return w.err
}

// Flush writes the buffered samples, then the sizes in the header, in that
// order, so the header never claims samples the file does not hold.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.writeBuffer()
	if err := w.writeSizes(); err != nil && w.err == nil {
		w.err = err
	}
	return w.err
}

// Sync flushes and asks the operating system to put the file on disk, so
// a power cut loses no more than what came after it. It is slow (a disk
// write): a recorder calls it about once a second, off the audio thread.
func (w *Writer) Sync() error {
	if err := w.Flush(); err != nil {
		return err
	}
	if s, ok := w.f.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			w.err = fmt.Errorf("sync recording: %w", err)
		}
	}
	return w.err
}

// Frames returns how many frames the file holds.
func (w *Writer) Frames() int64 { return w.data / 2 }

// Close flushes, syncs and closes the file. After a write error it still
// leaves a valid file: the header describes the whole frames that made it
// to disk and a partial trailing frame is cut off.
func (w *Writer) Close() error {
	if w.err == nil {
		w.writeBuffer()
	}
	if w.data%2 != 0 {
		if t, ok := w.f.(interface{ Truncate(int64) error }); ok && t.Truncate(headerLen+w.data-1) == nil {
			w.data--
		}
	}
	// Rewriting the header touches blocks already allocated, so it works
	// on a full disk too.
	err := w.writeSizes()
	if f, ok := w.f.(*os.File); ok {
		if serr := f.Sync(); err == nil && serr != nil {
			err = fmt.Errorf("sync recording: %w", serr)
		}
	}
	if c, ok := w.f.(io.Closer); ok {
		if cerr := c.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close recording: %w", cerr)
		}
	}
	if w.err != nil {
		return w.err
	}
	return err
}

func (w *Writer) writeBuffer() {
	if len(w.buf) == 0 {
		return
	}
	n, err := w.f.Write(w.buf)
	w.data += int64(n)
	w.buf = w.buf[:0]
	if err != nil {
		w.err = fmt.Errorf("write recording: %w", err)
	}
}

func (w *Writer) writeSizes() error {
	data := w.data - w.data%2 // whole frames only
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(headerLen-8+data))
	if _, err := w.f.WriteAt(b[:], 4); err != nil {
		return fmt.Errorf("update recording header: %w", err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(data))
	if _, err := w.f.WriteAt(b[:], 40); err != nil {
		return fmt.Errorf("update recording header: %w", err)
	}
	return nil
}
