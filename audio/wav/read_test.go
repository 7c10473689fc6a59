package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Real speech from Debian's pocketsphinx-testdata.
const (
	librivoxDir = "/usr/share/pocketsphinx/test/data/librivox"
	missingData = "speech test data missing: install pocketsphinx-testdata (scripts/install-deps.sh --test)"
)

// wavBytes builds a WAV by hand: format tag, channels, rate, bits, the
// data bytes, and the size to write in the data chunk header.
func wavBytes(tag, channels, rate, bits int, data []byte, dataSize uint32) []byte {
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	le(uint32(4 + 8 + 16 + 8 + len(data)))
	b.WriteString("WAVEfmt ")
	le(uint32(16))
	le(uint16(tag))
	le(uint16(channels))
	le(uint32(rate))
	le(uint32(rate * channels * bits / 8))
	le(uint16(channels * bits / 8))
	le(uint16(bits))
	b.WriteString("LIST") // a chunk the reader must skip
	le(uint32(3))
	b.WriteString("abc\x00")
	b.WriteString("data")
	le(dataSize)
	b.Write(data)
	return b.Bytes()
}

// The same ramp in every sample format decodes to the same values.
func TestWAVDecodesEveryFormat(t *testing.T) {
	want := []float64{0, 0.5, -0.5, 0.25, -1}
	enc := map[string]struct {
		tag, bits int
		put       func(v float64) []byte
		tol       float64
	}{
		"8-bit":   {1, 8, func(v float64) []byte { return []byte{byte(math.Round(v*127) + 128)} }, 1.0 / 64},
		"16-bit":  {1, 16, func(v float64) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(int16(v*32767))) }, 1e-4},
		"24-bit":  {1, 24, func(v float64) []byte { x := int32(v * 8388607); return []byte{byte(x), byte(x >> 8), byte(x >> 16)} }, 1e-6},
		"32-bit":  {1, 32, func(v float64) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(int32(v*2147483647))) }, 1e-6},
		"float32": {3, 32, func(v float64) []byte { return binary.LittleEndian.AppendUint32(nil, math.Float32bits(float32(v))) }, 1e-7},
		"float64": {3, 64, func(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }, 1e-7},
	}
	for name, e := range enc {
		var data []byte
		for _, v := range want {
			data = append(data, e.put(v)...)
		}
		got, rate, err := Decode(bytes.NewReader(wavBytes(e.tag, 1, 22050, e.bits, data, uint32(len(data)))))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if rate != 22050 || len(got) != len(want) {
			t.Errorf("%s: rate %d, %d samples; want 22050, %d", name, rate, len(got), len(want))
			continue
		}
		for i := range want {
			if math.Abs(float64(got[i])-want[i]) > e.tol {
				t.Errorf("%s: sample %d = %v, want %v", name, i, got[i], want[i])
			}
		}
	}
}

// Stereo is mixed down to mono; WAVE_FORMAT_EXTENSIBLE is read through
// its sub-format.
func TestWAVStereoAndExtensible(t *testing.T) {
	var data []byte
	for _, lr := range [][2]int16{{16384, 0}, {-16384, -16384}} {
		data = binary.LittleEndian.AppendUint16(data, uint16(lr[0]))
		data = binary.LittleEndian.AppendUint16(data, uint16(lr[1]))
	}
	got, _, err := Decode(bytes.NewReader(wavBytes(1, 2, 48000, 16, data, uint32(len(data)))))
	if err != nil || len(got) != 2 || got[0] != 0.25 || got[1] != -0.5 {
		t.Errorf("stereo: %v, %v; want [0.25 -0.5]", got, err)
	}

	// Extensible header: cbSize 22, valid bits, channel mask, GUID whose
	// first two bytes are the PCM tag.
	b := wavBytes(0xFFFE, 2, 48000, 16, data, uint32(len(data)))
	ext := append([]byte{22, 0, 16, 0, 3, 0, 0, 0, 1, 0}, make([]byte, 14)...)
	fmtEnd := 12 + 8 + 16
	b = append(append(append([]byte{}, b[:fmtEnd]...), ext...), b[fmtEnd:]...)
	binary.LittleEndian.PutUint32(b[16:], 16+uint32(len(ext)))
	got, _, err = Decode(bytes.NewReader(b))
	if err != nil || len(got) != 2 || got[0] != 0.25 {
		t.Errorf("extensible: %v, %v; want [0.25 -0.5]", got, err)
	}
}

// A recorder killed mid-take leaves placeholder sizes; whatever audio is
// in the file is decoded, a trailing partial frame dropped.
func TestWAVLenientWithBrokenSizes(t *testing.T) {
	data := make([]byte, 2*1000+1) // 1000 16-bit samples and half of one more
	for name, size := range map[string]uint32{
		"placeholder 0":          0,
		"placeholder 0xFFFFFFFF": math.MaxUint32,
		"larger than the file":   1 << 20,
	} {
		b := wavBytes(1, 1, 16000, 16, data, size)
		for _, r := range []struct {
			kind string
			r    interface{ Read([]byte) (int, error) }
		}{{"seeker", bytes.NewReader(b)}, {"stream", strings.NewReader(string(b))}} {
			got, _, err := Decode(r.r)
			if err != nil || len(got) != 1000 {
				t.Errorf("%s (%s): %d samples, %v; want 1000", name, r.kind, len(got), err)
			}
		}
	}
}

func TestWAVErrorsNameTheProblem(t *testing.T) {
	pcm := wavBytes(1, 1, 16000, 16, make([]byte, 4), 4)
	cases := map[string]struct {
		in   []byte
		want string
	}{
		"text":        {[]byte("hello, this is not audio"), "not a WAV file: missing RIFF header"},
		"empty":       {nil, "not a WAV file: missing RIFF header"},
		"AVI":         {[]byte("RIFF\x04\x00\x00\x00AVI "), `not a WAV file: RIFF form is "AVI ", not WAVE`},
		"big-endian":  {[]byte("RIFX\x04\x00\x00\x00WAVE"), "unsupported WAV: big-endian RIFX"},
		"no fmt":      {[]byte("RIFF\x04\x00\x00\x00WAVE"), "not a WAV file: no fmt chunk"},
		"no data":     {pcm[:12+8+16+12], "invalid WAV: no data chunk"},
		"ADPCM":       {wavBytes(2, 1, 16000, 4, nil, 0), "unsupported WAV: format tag 0x2 is not PCM, float or μ-law"},
		"12-bit":      {wavBytes(1, 1, 16000, 12, nil, 0), "unsupported WAV: 12-bit PCM"},
		"zero rate":   {wavBytes(1, 1, 0, 16, nil, 0), "invalid WAV: sample rate 0 Hz"},
		"no channels": {wavBytes(1, 0, 16000, 16, nil, 0), "invalid WAV: zero channels"},
		// A 100-byte file whose fmt chunk claims 4 GB: refused before any
		// allocation of that size (it used to cost gigabytes).
		"a huge fmt chunk": {func() []byte {
			b := wavBytes(1, 1, 16000, 16, make([]byte, 40), 40)
			copy(b[16:20], []byte{0xf0, 0xff, 0xff, 0xff})
			return b
		}(), "invalid WAV: fmt chunk is 4294967280 bytes, at most 1024 expected"},
		"65,535 channels": {wavBytes(1, 65535, 16000, 32, nil, 0), "unsupported WAV: 65535 channels, at most 64"},
	}
	for name, c := range cases {
		_, _, err := Decode(bytes.NewReader(c.in))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", name, err, c.want)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(p, []byte("not audio"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Read(p); err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "missing RIFF header") {
		t.Errorf("Read of a text file: %v, want the path and the reason", err)
	}
	if _, _, err := Read(filepath.Join(dir, "none.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read of a missing file: %v, want os.ErrNotExist", err)
	}
}

// Real files written by sox in other formats decode to the same audio as
// the 16-bit mono original.
// soxSpeech is a LibriVox clip for comparing with sox's conversions of
// it: its path and samples. It skips the test without the clip or sox.
func soxSpeech(t *testing.T) (src string, ref []float32, rate int) {
	t.Helper()
	src = filepath.Join(librivoxDir, "sense_and_sensibility_01_austen_64kb-0880.wav")
	if _, err := os.Stat(src); err != nil {
		t.Skip(missingData)
	}
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox missing: install sox (scripts/install-deps.sh --test)")
	}
	ref, rate, err := Read(src)
	if err != nil {
		t.Fatal(err)
	}
	return src, ref, rate
}

func TestWAVMatchesSoxConversions(t *testing.T) {
	src, ref, rate := soxSpeech(t)
	for name, args := range map[string][]string{
		"24-bit stereo": {"-b", "24", "-c", "2"},
		"32-bit float":  {"-e", "float", "-b", "32"},
		"8-bit":         {"-b", "8", "-e", "unsigned"},
		"32-bit int":    {"-b", "32", "-e", "signed"},
	} {
		out := filepath.Join(t.TempDir(), "x.wav")
		cmd := append(append([]string{src}, args...), out)
		if b, err := exec.Command("sox", cmd...).CombinedOutput(); err != nil {
			t.Fatalf("sox %v: %v: %s", cmd, err, b)
		}
		got, r, err := Read(out)
		if err != nil || r != rate || len(got) != len(ref) {
			t.Errorf("%s: rate %d, %d samples, %v; want %d, %d", name, r, len(got), err, rate, len(ref))
			continue
		}
		tol := 1e-4
		if name == "8-bit" {
			tol = 1.0 / 64 // sox dithers to 8 bits
		}
		for i := range ref {
			if math.Abs(float64(got[i]-ref[i])) > tol {
				t.Errorf("%s: sample %d = %v, want %v", name, i, got[i], ref[i])
				break
			}
		}
	}
}
