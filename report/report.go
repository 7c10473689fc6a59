// Package report writes what StarCoach measured of an attempt as one
// self-contained HTML file, to keep or to share with a friend or a coach
// who cannot sit at the same laptop: the question, every step's timing
// bar against its target as inline SVG, verdicts, pace, ratings, notes,
// self-checks, and every take's recording embedded so that it plays in
// any browser. The file names nothing outside itself: no script, font,
// style sheet or image is fetched.
package report

import (
	"context"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"starcoach/audio"
	"starcoach/practice"
)

// Store is what a report reads.
type Store interface {
	// Attempt returns one attempt; an error if there is none with the ID.
	Attempt(ctx context.Context, id int64) (practice.Attempt, error)
	// Takes returns an attempt's takes in recording order.
	Takes(ctx context.Context, attemptID int64) ([]practice.Take, error)
	// RecordingPath turns a take's stored recording name into a path,
	// refusing one that leads outside the data directory.
	RecordingPath(rel string) (string, error)
}

// Progress is told after each take's recording is read: done of total.
type Progress func(done, total int)

// Write writes the report of the attempts ids, in that order, to w. Bank
// gives each question's title and steps; a question no longer in it is
// named by its ID. A take whose recording cannot be read is reported
// without it, with the reason, rather than failing the report: the
// figures are in the database. The page is written as it is made, each
// take's recording read and encoded (audio.ClipForSharing, 8 KB a second
// of speech) when the page reaches it: one take's audio is held at a
// time, however many takes there are.
func Write(ctx context.Context, w io.Writer, s Store, bank *practice.Bank, ids []int64, made time.Time, progress Progress) error {
	page := pageData{Made: made.Format("2 January 2006, 15:04")}
	rec := &recordings{ctx: ctx, store: s, progress: progress}
	for _, id := range ids {
		a, err := s.Attempt(ctx, id)
		if err != nil {
			return fmt.Errorf("report: attempt %d: %w", id, err)
		}
		takes, err := s.Takes(ctx, id)
		if err != nil {
			return fmt.Errorf("report: attempt %d: %w", id, err)
		}
		page.Attempts = append(page.Attempts, newAttemptData(a, takes, bank.Question(a.QuestionID), rec))
	}
	return page.write(w)
}

// LoopStore is what the report of a loop reads.
type LoopStore interface {
	Store
	// LoopResult returns a loop with each question's attempt and takes.
	LoopResult(ctx context.Context, id int64) (practice.LoopResult, error)
	// Stories returns the story bank, for what a story told twice could
	// be replaced with.
	Stories(ctx context.Context) ([]practice.Story, error)
}

// WriteLoop writes the report of the loop loopID to w: the loop's
// figures and any story it tells twice, then each question in the order
// asked with its answer as Write shows an attempt, or why it has none.
// It is written as Write writes, one take's recording held at a time;
// progress counts the takes of every answer.
func WriteLoop(ctx context.Context, w io.Writer, s LoopStore, bank *practice.Bank, loopID int64, made time.Time, progress Progress) error {
	r, err := s.LoopResult(ctx, loopID)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	stories, err := s.Stories(ctx)
	if err != nil {
		return fmt.Errorf("report: loop %d: %w", loopID, err)
	}
	rec := &recordings{ctx: ctx, store: s, progress: progress}
	loop := newLoopData(r, stories, bank, rec)
	return pageData{Made: made.Format("2 January 2006, 15:04"), Loop: &loop}.write(w)
}

// recordings reads the takes' recordings as the page reaches them, and
// says how far it has got.
type recordings struct {
	ctx         context.Context
	store       Store
	progress    Progress
	done, total int
}

// clip is a take's recording as the page embeds it, or why it cannot.
type clip struct {
	Src     template.HTMLAttr // src="data:audio/wav;base64,…"
	Missing string
}

// read reads take t's recording for the page. A cancelled context stops
// the page being written.
func (r *recordings) read(t practice.Take) (clip, error) {
	if err := r.ctx.Err(); err != nil {
		return clip{}, err
	}
	src, err := sharedClip(r.store, t)
	r.done++
	if r.progress != nil {
		r.progress(r.done, r.total)
	}
	if err != nil {
		return clip{Missing: err.Error()}, nil
	}
	return clip{Src: src}, nil
}

// stepOrder lists the steps the takes hold, in speaking order, the
// follow-up last.
func stepOrder(takes []practice.Take) []practice.StepID {
	var out []practice.StepID
	for _, s := range practice.Parts {
		if slices.ContainsFunc(takes, func(t practice.Take) bool { return t.Step == s }) {
			out = append(out, s)
		}
	}
	return out
}

// sharedClip is a take's recording as the src attribute of an audio
// element, a data URL of 8 kHz μ-law WAV.
func sharedClip(s Store, t practice.Take) (template.HTMLAttr, error) {
	if t.WAV == "" {
		return "", errors.New("none was kept")
	}
	path, err := s.RecordingPath(t.WAV)
	if err != nil {
		return "", errors.New("its stored name is not one StarCoach makes")
	}
	end := t.ClipEnd
	if end <= t.ClipStart {
		end = t.ClipStart + practice.MaxTake
	}
	b, err := audio.ClipForSharing(path, t.ClipStart, end)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// The page is shared: it says what happened, not where the
		// candidate keeps their files.
		return "", errors.New("its file is missing")
	case err != nil:
		return "", errors.New("its file could not be read as a recording")
	}
	// The whole attribute, encoded straight into the one string the page
	// writes: as a URL, html/template would copy it twice more and write
	// each '+' of the base64 as "&#43;", 6 % more page. Base64 holds no
	// quote or markup, so the attribute is safe to mark as such.
	const head, tail = `src="data:audio/wav;base64,`, `"`
	var a strings.Builder
	a.Grow(len(head) + base64.StdEncoding.EncodedLen(len(b)) + len(tail))
	a.WriteString(head)
	enc := base64.NewEncoder(base64.StdEncoding, &a)
	enc.Write(b) // a strings.Builder takes every byte
	enc.Close()
	a.WriteString(tail)
	return template.HTMLAttr(a.String()), nil
}
