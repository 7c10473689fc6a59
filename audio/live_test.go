package audio

import (
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"starcoach/audio/wav"
)

// The live clock against the analysis of the finished file, side by side
// on real speech: answers of six phrases on a steady floor, in 10 dB
// noise and behind a gate, fed in 20 ms blocks as the recorder writes
// them and read every 100 ms as the recorder reports levels. The clock
// starts within 750 ms of the first word (400 ms for all but one
// answer, whose first word the noise half buries); from then on the onset
// it counts from is within 50 ms of the file's in 90 % of the readings
// and never 300 ms off (the floor is read from what was heard so far,
// and behind a gate there is little of it); and once everything is fed,
// Final is exactly the analysis of the file written from the same
// samples, which is what the take is judged by.
func TestLiveAgreesWithTheFile(t *testing.T) {
	clips := speechClips(t, false)
	gaps := []float64{0.6, 1.3, 0.4, 0.8, 1.6}
	var offs []time.Duration // every reading's onset against the file's
	for _, kind := range []string{"steady", "noisy", "gate"} {
		for k := range 3 {
			var cs []clip
			for j := range 6 {
				cs = append(cs, clips[(k*7+j*3)%len(clips)])
			}
			y, on, _, _ := answerScene(cs, gaps, kind, uint64(k+1))
			rate := cs[0].rate
			pcm := make([]int16, len(y))
			for i, v := range y {
				pcm[i] = int16(max(-32768, min(32767, math.Round(float64(v)*32768))))
			}
			path := filepath.Join(t.TempDir(), "take.wav")
			w, err := wav.Create(path, rate)
			if err == nil {
				err = w.Write(pcm)
			}
			if err == nil {
				err = w.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			file, err := AnalyzeFile(path)
			if err != nil {
				t.Fatal(err)
			}

			l := NewLive(rate)
			block, report := rate/50, rate/10
			heard := time.Duration(-1) // when the clock started
			worst := time.Duration(0)
			for i := 0; i < len(pcm); i += block {
				end := min(i+block, len(pcm))
				l.Feed(pcm[i:end])
				if end%report >= block {
					continue
				}
				if a := l.Speech(); a.Spoken > 0 {
					if heard < 0 {
						heard = SampleRate(rate).D(int64(end))
					}
					d := (a.SpeechStart - file.SpeechStart).Abs()
					offs = append(offs, d)
					worst = max(worst, d)
				}
			}
			final := l.Final()
			lag := secs(heard) - on
			t.Logf("%-6s answer %d: the clock starts %.0f ms after the first word; its onset at worst %v from the file's %v",
				kind, k, lag*1000, worst, file.SpeechStart)
			if heard < 0 || lag > 0.75 {
				t.Errorf("%s answer %d: the clock started %.0f ms after the first word, want within 750 ms", kind, k, lag*1000)
			}
			if worst > 300*time.Millisecond {
				t.Errorf("%s answer %d: the live onset was %v from the file's, want within 300 ms", kind, k, worst)
			}
			if final.SpeechStart != file.SpeechStart || final.SpeechEnd != file.SpeechEnd || final.Spoken != file.Spoken || len(final.Pauses) != len(file.Pauses) {
				t.Errorf("%s answer %d: live at the end %v-%v (%d pauses), the file %v-%v (%d pauses)", kind, k,
					final.SpeechStart, final.SpeechEnd, len(final.Pauses), file.SpeechStart, file.SpeechEnd, len(file.Pauses))
			}
		}
	}
	within := 0
	for _, d := range offs {
		if d <= 50*time.Millisecond {
			within++
		}
	}
	t.Logf("%d of %d readings within 50 ms of the file's onset", within, len(offs))
	if within*10 < len(offs)*9 {
		t.Errorf("%d of %d readings within 50 ms of the file's onset, want 90 %%", within, len(offs))
	}
}

func TestChoicesLeaveOutTheDefaultsAliases(t *testing.T) {
	devs := []Device{
		{Name: "default", HostAPI: "ALSA", InputChannels: 32},
		{Name: "pulse", HostAPI: "ALSA", InputChannels: 32},
		{Name: "sysdefault", HostAPI: "ALSA", InputChannels: 128},
		{Name: "HDA Intel PCH: ALC257 Analog (hw:0,0)", HostAPI: "ALSA", InputChannels: 2},
		{Name: "default", HostAPI: "Core Audio", InputChannels: 1},
		{Name: "Speakers", HostAPI: "ALSA"},
	}
	var names []string
	for _, d := range Choices(devs) {
		names = append(names, d.HostAPI+"/"+d.Name)
	}
	if want := []string{"ALSA/HDA Intel PCH: ALC257 Analog (hw:0,0)", "Core Audio/default"}; !slices.Equal(names, want) {
		t.Errorf("Choices = %q, want %q", names, want)
	}
}
