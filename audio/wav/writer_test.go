package wav

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"starcoach/audio/internal/audiotest"
	"starcoach/internal/privatetest"

	gowav "github.com/go-audio/wav"
)

func ramp(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i*37 - 20000)
	}
	return s
}

func TestWriterRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	w, err := Create(path, 48000)
	if err != nil {
		t.Fatal(err)
	}
	want := ramp(100_000) // more than the buffer: several writes
	if err := w.Write(want[:70_000]); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// A reader arriving now, as after a kill, sees all flushed samples.
	if riff, data, size := audiotest.HeaderSizes(t, path); data != 140_000 || riff != 140_036 || size != 140_044 {
		t.Errorf("after Flush: riff %d data %d size %d, want 140036 140000 140044", riff, data, size)
	}
	if err := w.Write(want[70_000:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Frames() != 100_000 {
		t.Errorf("Frames = %d, want 100000", w.Frames())
	}
	privatetest.Check(t, path) // recordings are private

	// go-audio/wav trusts the header entirely: a strict second opinion.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := gowav.NewDecoder(f)
	buf, err := d.FullPCMBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if d.SampleRate != 48000 || d.NumChans != 1 || d.BitDepth != 16 || len(buf.Data) != len(want) {
		t.Fatalf("decoded %d Hz %d ch %d bit, %d samples", d.SampleRate, d.NumChans, d.BitDepth, len(buf.Data))
	}
	for i, v := range buf.Data {
		if int16(v) != want[i] {
			t.Fatalf("sample %d = %d, want %d", i, v, want[i])
		}
	}
	if s, rate, err := Read(path); err != nil || rate != 48000 || len(s) != len(want) {
		t.Errorf("Read: %d samples at %d Hz, %v", len(s), rate, err)
	}
}

func TestWriterExistingFileMadePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	if err := os.WriteFile(path, []byte("old take, world-readable"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	privatetest.Check(t, path)
	if st, _ := os.Stat(path); st.Size() != headerLen {
		t.Errorf("size %d, want an empty WAV", st.Size())
	}
}

func TestWriterUnwritablePath(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, nil, 0o600)
	for _, p := range []string{filepath.Join(dir, "missing", "take.wav"), filepath.Join(notDir, "take.wav")} {
		_, err := Create(p, 16000)
		if err == nil {
			t.Fatalf("Create(%s) succeeded", p)
		}
		var pe *os.PathError
		if !errors.As(err, &pe) || pe.Path != p {
			t.Errorf("error %q does not name %s", err, p)
		}
	}
}

func TestWriterWriteFailureKeepsValidFile(t *testing.T) {
	// An odd limit leaves half a sample: Close must cut it off.
	sink := &audiotest.FailAfter{Limit: headerLen + 50_001}
	w, err := NewWriter(sink, 16000)
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i := 0; i < 10 && werr == nil; i++ {
		werr = w.Write(ramp(16000))
	}
	if !errors.Is(werr, syscall.ENOSPC) {
		t.Fatalf("Write error %v, want ENOSPC", werr)
	}
	if err := w.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Close error %v, want the write error again", err)
	}
	if w.Frames() != 25_000 || len(sink.B) != headerLen+50_000 {
		t.Fatalf("kept %d frames, %d bytes; want 25000 frames, %d bytes", w.Frames(), len(sink.B), headerLen+50_000)
	}
	s, rate, err := Decode(bytesReader(sink.B))
	if err != nil || rate != 16000 || len(s) != 25_000 {
		t.Errorf("decoded %d samples at %d Hz, %v; want 25000 at 16000", len(s), rate, err)
	}
	if riff, data := binary.LittleEndian.Uint32(sink.B[4:]), binary.LittleEndian.Uint32(sink.B[40:]); riff != 50_036 || data != 50_000 {
		t.Errorf("header riff %d data %d, want 50036 50000", riff, data)
	}
}

// TestWriterDiskFull fills a real, tiny tmpfs.
func TestWriterDiskFull(t *testing.T) {
	dir := audiotest.TinyDisk(t, "64k")
	path := filepath.Join(dir, "take.wav")
	w, err := Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i := 0; i < 100 && werr == nil; i++ {
		if werr = w.Write(ramp(1600)); werr == nil {
			werr = w.Flush()
		}
	}
	if !errors.Is(werr, syscall.ENOSPC) {
		t.Fatalf("error %v, want ENOSPC", werr)
	}
	w.Close()
	riff, data, size := audiotest.HeaderSizes(t, path)
	if int64(data) != size-headerLen || int64(riff) != size-8 || data < 30_000 {
		t.Errorf("riff %d data %d size %d: header does not match the file, or too little kept", riff, data, size)
	}
	if repaired, err := Repair(path); repaired || err != nil {
		t.Errorf("Repair = %v, %v; want a file that needs none", repaired, err)
	}
}
