package audio

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An endless stream (a FIFO nobody closes) is refused at MaxLength, with
// memory bounded, instead of growing without end.
func TestAnalyzeEndlessStreamIsBounded(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "endless.wav")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		// An 8-bit mono 8 kHz header with the streaming placeholder size.
		h := []byte("RIFF\xff\xff\xff\xffWAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x40\x1f\x00\x00\x01\x00\x08\x00data\xff\xff\xff\xff")
		f.Write(h)
		quiet := bytes.Repeat([]byte{128}, 64<<10)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := f.Write(quiet); err != nil {
				return
			}
		}
	}()
	var err error
	n := allocated(func() { _, err = AnalyzeFile(fifo) })
	if err == nil || !strings.Contains(err.Error(), "longer than 30m0s") {
		t.Fatalf("endless stream: %v", err)
	}
	t.Logf("half an hour of an endless stream allocated %.1f MB in all before it was refused", float64(n)/1e6)
	if n > 256<<20 {
		t.Errorf("allocated %d bytes", n)
	}
}
