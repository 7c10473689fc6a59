// Package audiotest gives tests a microphone without a sound card, through
// the real PortAudio and ALSA stack:
//
//   - FileMic: ALSA's file plugin serves a raw PCM file as the default
//     capture device, as fast as it is read (not paced), then silence.
//   - Pulse: a private PulseAudio daemon whose null sink "mic" is fed with
//     paplay; its monitor is the default source, so capture is paced in
//     real time like a real microphone.
//
// Each returns the environment variables that select it; the test runs
// the code under test in a child process with them, because ALSA reads
// its configuration once per process.
package audiotest

import (
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// alsaConf is ALSA's top-level configuration, which ALSA_CONFIG_PATH
// replaces: the test's own file is loaded after it.
const alsaConf = "/usr/share/alsa/alsa.conf"

// Need skips the test unless the tool is installed, naming the Debian
// package that provides it.
func Need(t testing.TB, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not found: install the Debian package %s (scripts/install-deps.sh --test)", tool, pkg)
	}
}

func needALSA(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(alsaConf); err != nil {
		t.Skipf("%s not found: install the Debian package libasound2-data (with portaudio19-dev)", alsaConf)
	}
}

// Speech synthesises text with espeak-ng and converts it with sox to mono
// 16-bit at rate, with pad of silence before and after. It returns a WAV
// file and the same samples as a raw file.
func Speech(t testing.TB, text string, rate int, pad time.Duration) (wav, raw string) {
	t.Helper()
	Need(t, "espeak-ng", "espeak-ng")
	Need(t, "sox", "sox")
	dir := t.TempDir()
	src := filepath.Join(dir, "espeak.wav")
	wav = filepath.Join(dir, "speech.wav")
	raw = filepath.Join(dir, "speech.raw")
	run(t, "espeak-ng", "-s", "150", "-w", src, text)
	p := fmt.Sprint(pad.Seconds())
	run(t, "sox", src, "-r", fmt.Sprint(rate), "-c", "1", "-b", "16", "-e", "signed", wav, "pad", p, p)
	run(t, "sox", wav, "-t", "raw", raw)
	return wav, raw
}

// FileMic makes ALSA's default capture device read raw, mono S16_LE
// samples at rate. Anything past the end of the file reads as silence.
// With onlyRate the device refuses every other rate, like hardware that
// runs at 48 kHz only: its plug has no rate converter to fall back on.
func FileMic(t testing.TB, raw string, rate int, onlyRate bool) []string {
	t.Helper()
	needALSA(t)
	converter := ""
	if onlyRate {
		converter = `rate_converter "none_so_only_native_rate"`
	}
	return alsaEnv(t, fmt.Sprintf(`pcm.!default {
	type asym
	playback.pcm "null"
	capture.pcm "filemic"
}
pcm.filemic {
	type plug
	%s
	slave {
		pcm {
			type file
			slave.pcm "null"
			file "/dev/null"
			infile %q
			format "raw"
		}
		format S16_LE
		rate %d
		channels 1
	}
}
`, converter, raw, rate))
}

// NoMic is an environment in which ALSA has no devices at all.
func NoMic(t testing.TB) []string {
	t.Helper()
	needALSA(t)
	return alsaEnv(t, "pcm.!default { type hw card 99 }\n")
}

func alsaEnv(t testing.TB, conf string) []string {
	p := filepath.Join(t.TempDir(), "asoundrc")
	if err := os.WriteFile(p, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"ALSA_CONFIG_PATH=" + alsaConf + ":" + p}
}

// Pulse is a private PulseAudio daemon with a null sink named "mic" whose
// monitor is the default source, reached through ALSA's pulse plugin.
type Pulse struct {
	env    []string
	daemon *exec.Cmd
}

// StartPulse starts the daemon in a temporary directory; the test's
// cleanup kills it. Its sink runs at rate.
func StartPulse(t testing.TB, rate int) *Pulse {
	t.Helper()
	needALSA(t)
	Need(t, "pulseaudio", "pulseaudio")
	Need(t, "pactl", "pulseaudio-utils")
	if !pulsePlugin() {
		t.Skip("ALSA's pulse plugin not found: install the Debian package libasound2-plugins")
	}
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	home := filepath.Join(dir, "home")
	for _, d := range []string{run, home} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	clientConf := filepath.Join(dir, "client.conf")
	if err := os.WriteFile(clientConf, []byte("autospawn = no\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := &Pulse{env: append(alsaEnv(t, "pcm.!default { type pulse }\nctl.!default { type pulse }\n"),
		"XDG_RUNTIME_DIR="+run,
		"HOME="+home,
		"PULSE_SERVER=unix:"+filepath.Join(run, "pulse", "native"),
		"PULSE_CLIENTCONFIG="+clientConf,
	)}
	// In the foreground, so the test owns the process and can kill it.
	// --system=false and no idle exit keep a root daemon up for the test.
	p.daemon = exec.Command("pulseaudio", "-n", "--daemonize=no", "--system=false",
		"--exit-idle-time=-1", "--disallow-module-loading=false", "--log-target=stderr", "--log-level=error",
		"--load=module-native-protocol-unix",
		fmt.Sprintf("--load=module-null-sink sink_name=mic rate=%d channels=1", rate))
	p.daemon.Env = append(os.Environ(), p.env...)
	var log strings.Builder
	p.daemon.Stderr = &log
	if err := p.daemon.Start(); err != nil {
		t.Fatalf("start pulseaudio: %v", err)
	}
	t.Cleanup(p.Kill)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if p.ctl("set-default-source", "mic.monitor") == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pulseaudio did not come up: %s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return p
}

func pulsePlugin() bool {
	m, _ := filepath.Glob("/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so")
	if len(m) == 0 {
		m, _ = filepath.Glob("/usr/lib*/alsa-lib/libasound_module_pcm_pulse.so")
	}
	return len(m) > 0
}

// Env selects the daemon's monitor as the default input (and its sink as
// the default output) for a child process.
func (p *Pulse) Env() []string { return p.env }

func (p *Pulse) ctl(args ...string) error {
	c := exec.Command("pactl", args...)
	c.Env = append(os.Environ(), p.env...)
	return c.Run()
}

// Feed plays wav into the mic sink in real time, in the background; the
// test's cleanup stops it.
func (p *Pulse) Feed(t testing.TB, wav string) *exec.Cmd {
	t.Helper()
	Need(t, "paplay", "pulseaudio-utils")
	c := exec.Command("paplay", "-d", "mic", wav)
	c.Env = append(os.Environ(), p.env...)
	if err := c.Start(); err != nil {
		t.Fatalf("paplay: %v", err)
	}
	t.Cleanup(func() {
		c.Process.Kill()
		c.Wait()
	})
	return c
}

// Kill stops the daemon, as a microphone being unplugged would.
func (p *Pulse) Kill() {
	if p.daemon.ProcessState == nil {
		p.daemon.Process.Kill()
		p.daemon.Wait()
	}
}

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// FailAfter is a file that takes Limit bytes, then reports a full disk,
// keeping in B what it took.
type FailAfter struct {
	B     []byte
	Limit int
}

func (f *FailAfter) Write(p []byte) (int, error) {
	n := min(len(p), max(f.Limit-len(f.B), 0))
	f.B = append(f.B, p[:n]...)
	if n < len(p) {
		return n, syscall.ENOSPC
	}
	return n, nil
}

func (f *FailAfter) WriteAt(p []byte, off int64) (int, error) {
	return copy(f.B[off:], p), nil
}

func (f *FailAfter) Truncate(n int64) error {
	f.B = f.B[:n]
	return nil
}

// TinyDisk mounts a tmpfs of the given size, skipping where mounting is
// not allowed (not root, or no mount namespace privileges).
func TinyDisk(t testing.TB, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (the injected-writer tests cover the path): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// HeaderSizes returns the RIFF and data sizes a 44-byte-header WAV file
// declares, and the file's length.
func HeaderSizes(t testing.TB, path string) (riff, data uint32, size int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 44 {
		t.Fatalf("%s: %d bytes, shorter than a header", path, len(b))
	}
	return binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[40:]), int64(len(b))
}
