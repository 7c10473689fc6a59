package session

import (
	"context"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// The ports: what a session needs from the world, each as small as it can
// be. The app passes PortAudio (package device), the real analysis and
// SQLite (package practice/sqlite); tests pass fakes.

// Recorder starts recordings from the microphone.
type Recorder interface {
	Record(opts audio.RecordOptions) (LiveRecording, error)
}

// LiveRecording is a recording in progress.
type LiveRecording interface {
	// Stop ends it and finishes the file; the result holds what was kept
	// even when an error says it ended early.
	Stop() (audio.Recording, error)
	// Done is closed when the recording ends by itself (a device error).
	Done() <-chan struct{}
}

// Analyser reads a WAV file once and measures the clips cut returns for
// its length (audio.AnalyzeClips).
type Analyser func(path string, cut func(length time.Duration) []audio.Span) ([]audio.Analysis, error)

// Speaker plays recordings.
type Speaker interface {
	Play(path string, opts audio.PlayOptions) (Playback, error)
}

// Playback is a clip being played.
type Playback interface {
	Stop()
	// Position is where playback is in the file: absolute, not from the
	// clip's start.
	Position() time.Duration
	Done() <-chan struct{}
}

// Store keeps attempts, takes and the candidate's cue cards: the single
// source of truth, which the session reads back after every write.
//
// The errors, once for all its methods: a write on a full disk wraps
// practice.ErrDiskFull, and one on a disk that cannot be written to
// practice.ErrReadOnly, in words the candidate can read as they are; an
// ID that names nothing wraps practice.ErrNotFound; a stored name that
// is not one the store makes, or leads out of its data directory, is
// refused with an error naming the row, and nothing is done with it.
// Each method says what it adds.
type Store interface {
	// CreateAttempt starts an attempt in progress and sets a.ID, a.Status
	// and, when zero, a.StartedAt. A question, level or mode it does not
	// know is an error saying which.
	CreateAttempt(ctx context.Context, a *practice.Attempt) error
	// TakePath reserves a new recording for a take of step: its stored
	// name and its path, the file created empty and private. An unknown
	// step is an error.
	TakePath(ctx context.Context, attemptID int64, step practice.StepID) (rel, abs string, err error)
	// AddTake saves a take and decides whether it counts
	// (practice.TakeCounts), setting t.ID, t.Counted and, when zero,
	// t.CreatedAt. A take whose recording is not in its attempt's folder,
	// or whose figures the schema would refuse, is an error saying why.
	AddTake(ctx context.Context, t *practice.Take) error
	// SetCounted makes a take the one its step counts.
	SetCounted(ctx context.Context, takeID int64) error
	// UpdateTake sets a take's rating (1-5; 0 clears it; others are an
	// error), self-checks and note.
	UpdateTake(ctx context.Context, takeID int64, rating int, checks []string, note string) error
	// Takes lists an attempt's takes in recording order; none for an
	// attempt that does not exist.
	Takes(ctx context.Context, attemptID int64) ([]practice.Take, error)
	Attempt(ctx context.Context, id int64) (practice.Attempt, error)
	// FinishAttempt marks an attempt complete and returns it with its
	// totals.
	FinishAttempt(ctx context.Context, id int64) (practice.Attempt, error)
	// AbandonAttempt marks an attempt in progress left; one already ended
	// is left as it is.
	AbandonAttempt(ctx context.Context, id int64) error
	// DeleteAttempt deletes an attempt, its takes and its recordings.
	DeleteAttempt(ctx context.Context, id int64) error
	// RateAttempt sets an attempt's rating (1-5; 0 clears it; others are
	// an error) and note.
	RateAttempt(ctx context.Context, id int64, rating int, note string) error
	Attempts(ctx context.Context, f practice.HistoryFilter) ([]practice.Attempt, error)
	StepStats(ctx context.Context, f practice.HistoryFilter) ([]practice.StepStats, error)
	Cues(ctx context.Context, questionID string) (practice.Cues, error)
	// SetCue saves a cue card's text; a question with no story starts one
	// titled newStoryTitle.
	SetCue(ctx context.Context, questionID string, step practice.StepID, text, newStoryTitle string) error
	Recordings
}

// Recordings turns a take's stored recording name into the file's path;
// a name the store would not have made, or one leading out of its data
// directory, is refused with an error naming it.
type Recordings interface {
	RecordingPath(rel string) (string, error)
}

// Prefs remembers small choices between runs (fyne.Preferences has these
// methods).
type Prefs interface {
	IntWithFallback(key string, fallback int) int
	SetInt(key string, value int)
	StringWithFallback(key, fallback string) string
	SetString(key, value string)
}

// The preference keys a session writes; the app reads PrefLevel and
// PrefDevice to start the next rehearsal where this one left off.
const (
	PrefLevel        = "level"
	PrefDevice       = "device"
	prefLastFollowUp = "followup.last."
)
