package practice

import "time"

// Mode is how an attempt was rehearsed.
type Mode string

// The practice modes that record audio.
const (
	// StepByStep records each STAR step as its own take.
	StepByStep Mode = "step"
	// Mock records the whole answer in one go, as in a real interview; the
	// candidate marks the step boundaries while speaking.
	Mock Mode = "mock"
)

// Status is where an attempt is in its life.
type Status string

// An attempt is in progress while the candidate records, complete when they
// finish it, abandoned when they leave it unfinished, and interrupted when
// the app stopped before either (a crash); abandoned and interrupted
// attempts keep every take they finished. Only complete attempts enter
// statistics: averages, bests, trends and the progress chart.
const (
	InProgress  Status = "in_progress"
	Complete    Status = "complete"
	Abandoned   Status = "abandoned"
	Interrupted Status = "interrupted"
)

// Word is how the app names a status to the candidate, and so how an
// export does: an attempt left unfinished is "left".
func (s Status) Word() string {
	switch s {
	case InProgress:
		return "in progress"
	case Abandoned:
		return "left"
	}
	return string(s)
}

// Attempt is one rehearsal of one question at one level.
type Attempt struct {
	ID         int64
	QuestionID string
	Level      LevelID
	Mode       Mode
	Loop       int64 // the loop it was answered in, 0 for none
	StartedAt  time.Time
	FinishedAt time.Time // zero while in progress
	Status     Status
	// Spoken is the whole answer (see WholeAnswer) and Verdict its
	// verdict against the level window.
	Spoken  time.Duration
	Verdict Verdict
	Rating  int // overall self-rating 1-5, 0 when not rated
	Note    string
	Trust   Trust      // the counted takes' worst
	Pace    PaceResult // over the counted takes together
}

// MaxTake is the longest a take records: the session stops a recording
// there, as if asked. No step's target comes near it; it keeps a
// recording left running from filling the disk.
const MaxTake = 15 * time.Minute

// MaxSampleRate is the highest rate a take is recorded at; the recorder
// takes a faster microphone at 48 kHz.
const MaxSampleRate = 96000

// MaxTakeBytes is the most a take's recording can hold: MaxTake of 16-bit
// mono at MaxSampleRate, and its header. A restored archive claiming more
// for one is refused.
const MaxTakeBytes = int64(MaxTake/time.Second)*MaxSampleRate*2 + 4096

// Take is one recording of one step of an attempt. A step can be redone;
// every take is kept and exactly one per step is Counted.
type Take struct {
	ID        int64
	AttemptID int64
	Step      StepID
	Counted   bool
	CreatedAt time.Time
	// WAV is the recording's path relative to the data directory. In mock
	// mode every step's take names the same file, and ClipStart/ClipEnd
	// bound the step's part of it; in step mode they span the whole file.
	WAV                string
	ClipStart, ClipEnd time.Duration
	Duration           time.Duration // raw length of the clip
	SpeechStart        time.Duration // onset, from the start of the clip
	SpeechEnd          time.Duration // offset, from the start of the clip
	Spoken             time.Duration // SpeechEnd - SpeechStart, the timed figure
	Voiced             time.Duration // sum of speech segments
	Pauses             int           // silences of 1 s or more inside the spoken span
	LongestPause       time.Duration
	SyllablesPerSec    float64
	Trust                            // how far the recording can be believed
	Target             time.Duration // the step's target at the attempt's level
	Verdict            Verdict
	Rating             int      // self-rating 1-5, 0 when not rated
	Checks             []string // the self-check items ticked
	Note               string
}
