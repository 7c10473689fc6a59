package wav

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// writeTake writes a Writer file of n frames and returns its bytes.
func writeTake(t *testing.T, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.wav")
	w, err := Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(ramp(n))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRepair(t *testing.T) {
	good := writeTake(t, 1000)
	withSizes := func(riff, data uint32, extra ...byte) []byte {
		b := append(bytes.Clone(good), extra...)
		binary.LittleEndian.PutUint32(b[4:], riff)
		binary.LittleEndian.PutUint32(b[40:], data)
		return b
	}
	list := []byte("LIST\x04\x00\x00\x00INFO")
	tests := []struct {
		name      string
		in        []byte
		repaired  bool
		wantData  int // frames' bytes after repair
		wantBytes int // file length after repair
	}{
		{"consistent", good, false, 2000, 2044},
		{"placeholder sizes", withSizes(0, 0), true, 2000, 2044},
		{"max placeholder", withSizes(0xFFFFFFFF, 0xFFFFFFFF), true, 2000, 2044},
		{"header behind the data", withSizes(36+1000, 1000), true, 2000, 2044},
		{"partial trailing frame", withSizes(36+1000, 1000, 0x7f), true, 2000, 2044},
		{"header past the end", withSizes(36+4000, 4000), true, 2000, 2044},
		{"chunk after the data kept", withSizes(36+2000+uint32(len(list)), 2000, list...), false, 2000, 2044 + len(list)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.wav")
			if err := os.WriteFile(path, tt.in, 0o600); err != nil {
				t.Fatal(err)
			}
			repaired, err := Repair(path)
			if err != nil || repaired != tt.repaired {
				t.Fatalf("Repair = %v, %v; want %v", repaired, err, tt.repaired)
			}
			b, _ := os.ReadFile(path)
			riff, data := binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[40:])
			if len(b) != tt.wantBytes || int(data) != tt.wantData || int(riff) != len(b)-8 {
				t.Errorf("after repair: %d bytes, riff %d, data %d; want %d bytes, riff %d, data %d",
					len(b), riff, data, tt.wantBytes, tt.wantBytes-8, tt.wantData)
			}
			if !bytes.Equal(b[44:2044], good[44:]) {
				t.Error("samples changed")
			}
			if again, err := Repair(path); again || err != nil {
				t.Errorf("second Repair = %v, %v; want nothing to do", again, err)
			}
		})
	}
}

func TestRepairNotAWAV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("just some text, long enough to have a header"), 0o600)
	if _, err := Repair(path); err == nil || !bytes.Contains([]byte(err.Error()), []byte(path)) {
		t.Errorf("error %v, want one naming %s", err, path)
	}
	if _, err := Repair(filepath.Join(t.TempDir(), "missing.wav")); err == nil {
		t.Error("Repair of a missing file succeeded")
	}
}
