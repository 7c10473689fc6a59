package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"starcoach/assets"
	"starcoach/audio/wav"
	"starcoach/practice"
	"starcoach/practice/sqlite"
)

// A recording whose take could not be saved, found at start-up on a disk
// that is still full, does not keep the candidate from their history: the
// start says so in plain words, the attempt is all there, and the next
// start with room recovers the take.
func TestStartupRecoveryOnAFullDisk(t *testing.T) {
	dir := tmpfs(t, "2m")
	ctx := context.Background()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := practice.Attempt{QuestionID: "tight-deadline", Level: "sde1", Mode: practice.StepByStep}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	_, abs, err := db.TakePath(ctx, a.ID, practice.Situation)
	if err != nil {
		t.Fatal(err)
	}
	w, err := wav.Create(abs, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]int16, 16000))
	w.Close()
	db.Close()

	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for err == nil {
		_, err = filler.Write(make([]byte, 4096))
	}
	filler.Close()
	// Room to open the database (its -shm), none to save a take.
	if st, err := os.Stat(filler.Name()); err == nil {
		os.Truncate(filler.Name(), st.Size()-40<<10)
	}
	bank, err := assets.Bank()
	if err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(dir)
	if err != nil {
		t.Fatalf("open on a full disk: %v", err)
	}
	notes := recoverAtStart(db, bank)
	if said := strings.Join(notes, "\n"); !strings.Contains(said, practice.ErrDiskFull.Error()) || !strings.Contains(said, "recover attempt") {
		t.Errorf("the start said %q, want the plain words for a full disk", notes)
	}
	if _, err := db.Attempt(ctx, a.ID); err != nil {
		t.Errorf("the attempt after a failed recovery: %v", err)
	}
	db.Close()

	os.Remove(filepath.Join(dir, "filler"))
	db, err = sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if notes := recoverAtStart(db, bank); !strings.Contains(strings.Join(notes, "\n"), "1 take was recovered") {
		t.Errorf("the start with room said %q", notes)
	}
}
