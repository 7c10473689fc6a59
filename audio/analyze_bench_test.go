package audio

import (
	"fmt"
	"os"
	"path/filepath"
	"starcoach/audio/wav"
	"testing"
)

// benchRecording builds a 3-minute take at the given rate from the
// LibriVox clips, with pauses and pink noise at 20 dB SNR, so the
// benchmark runs the speech paths (voicing, nuclei), not just silence.
func benchRecording(b *testing.B, rate int) []float32 {
	files, _ := filepath.Glob(librivoxDir + "/*.wav")
	if len(files) == 0 {
		b.Skip(missingData)
	}
	pauses := []float64{0.4, 1.2, 0.7}
	var speech []float32
	for i := 0; len(speech) < 180*16000; i++ {
		x, _, err := wav.Read(files[i%len(files)])
		if err != nil {
			b.Fatal(err)
		}
		speech = append(speech, x...)
		speech = append(speech, make([]float32, int(pauses[i%3]*16000))...)
	}
	speech = resampleLinear(speech[:180*16000], 16000, rate)
	return addNoise(speech, pinkNoise(len(speech), 1), 20)
}

// BenchmarkAnalyze also writes each recording to $BENCH_WAV-<rate>.wav
// when BENCH_WAV is set, so scripts/bench-webrtc-vad.sh can time WebRTC
// VAD on the very same files.
func BenchmarkAnalyze(b *testing.B) {
	for _, rate := range []int{16000, 48000} {
		x := benchRecording(b, rate)
		if prefix := os.Getenv("BENCH_WAV"); prefix != "" {
			if err := writeTestWAV(fmt.Sprintf("%s-%d.wav", prefix, rate), x, rate); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("3min_%dHz", rate), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze(x, rate)
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(180/perOp, "x_realtime")
		})
	}
}

// BenchmarkLive is the live clock's cost over a whole 3-minute answer, fed
// in 20 ms blocks and read every 100 ms as the recorder does: the share
// of one core it takes from the recorder's writer goroutine.
func BenchmarkLive(b *testing.B) {
	x := benchRecording(b, 16000)
	pcm := make([]int16, len(x))
	for i, v := range x {
		pcm[i] = int16(max(-32768, min(32767, v*32768)))
	}
	b.ReportAllocs()
	for b.Loop() {
		l := NewLive(16000)
		for i := 0; i < len(pcm); i += 320 {
			l.Feed(pcm[i:min(i+320, len(pcm))])
			if (i/320)%5 == 4 {
				l.Speech()
			}
		}
	}
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perOp/180*100, "%_of_a_core")
}
