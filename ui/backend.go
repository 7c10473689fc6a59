package ui

import (
	"context"
	"time"

	"starcoach/audio"
	"starcoach/practice"
	"starcoach/session"
)

// Store is what the screens need from storage; practice/sqlite provides
// it. A rehearsal uses the part session.Store names, whose comment says
// the errors every method may return.
type Store interface {
	session.Store
	SavePack(ctx context.Context, name string, data []byte) error
	StepProgress(ctx context.Context, questionID string, last int) ([]practice.AttemptTimes, error)
	Streak(ctx context.Context, now time.Time) (int, error)
	Counts(ctx context.Context, now time.Time) (practice.Counts, error)
	EachTake(ctx context.Context, questionID string, fn func(practice.TakeRow) error) error

	// Home's plan and the story bank.
	PlanHistory(ctx context.Context) ([]practice.QuestionHistory, error)
	InterviewDate(ctx context.Context) (time.Time, error)
	SetInterviewDate(ctx context.Context, d time.Time) error
	Stories(ctx context.Context) ([]practice.Story, error)
	SaveStory(ctx context.Context, s *practice.Story) error
	DeleteStory(ctx context.Context, id int64) error
	LinkStory(ctx context.Context, questionID string, storyID int64) error

	// Loops: a loop run needs session.LoopStore; History lists them.
	session.LoopStore
	Loops(ctx context.Context) ([]practice.Loop, error)

	// The small choices remembered (the level, the microphone...).
	SetSetting(ctx context.Context, key, value string) error
}

// Audio is the microphone and speaker. The app passes PortAudio (package
// device); UI tests pass a recorder that plays WAV files of real speech.
type Audio interface {
	Devices() ([]audio.Device, error)
	session.Recorder
	session.Speaker
}
