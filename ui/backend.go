package ui

import (
	"context"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// Store is what the screens need from storage; practice/sqlite provides it.
type Store interface {
	SavePack(ctx context.Context, name string, data []byte) error

	CreateAttempt(ctx context.Context, a *practice.Attempt) error
	TakePath(ctx context.Context, attemptID int64, step practice.StepID) (rel, abs string, err error)
	AddTake(ctx context.Context, t *practice.Take) error
	SetCounted(ctx context.Context, takeID int64) error
	UpdateTake(ctx context.Context, takeID int64, rating int, checks []string, note string) error
	FinishAttempt(ctx context.Context, id int64) (practice.Attempt, error)
	RateAttempt(ctx context.Context, id int64, rating int, note string) error
	Attempts(ctx context.Context, f practice.HistoryFilter) ([]practice.Attempt, error)
	StepStats(ctx context.Context, f practice.HistoryFilter) ([]practice.StepStats, error)
	Story(ctx context.Context, questionID string) (practice.Story, error)
	SaveStory(ctx context.Context, s *practice.Story) error
	Dir() string

	// The History screens (issue 6).
	Attempt(ctx context.Context, id int64) (practice.Attempt, error)
	Takes(ctx context.Context, attemptID int64) ([]practice.Take, error)
	DeleteAttempt(ctx context.Context, id int64) error
	StepProgress(ctx context.Context, questionID string, last int) ([]practice.StepPoint, error)
	Streak(ctx context.Context, now time.Time) (int, error)
	Counts(ctx context.Context, now time.Time) (practice.Counts, error)
	EachTake(ctx context.Context, questionID string, fn func(practice.TakeRow) error) error
}

// Audio is the microphone and speaker. The app passes PortAudio; UI tests
// pass a recorder that plays WAV files of real speech.
type Audio interface {
	Devices() ([]audio.Device, error)
	StartRecording(opts audio.RecordOptions) (Recording, error)
	Play(path string, opts audio.PlayOptions) (Playback, error)
}

// Recording is a recording in progress (*audio.Recorder).
type Recording interface {
	Stop() (audio.Recording, error)
	// Done is closed when the recording ends by itself (a device error).
	Done() <-chan struct{}
}

// Playback is a take being played (*audio.Player).
type Playback interface {
	Stop()
	Position() time.Duration
	Done() <-chan struct{}
}
