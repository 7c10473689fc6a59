package practice_test

import (
	"testing"

	"starcoach/assets"
	"starcoach/practice"
)

func loadBuiltin(t testing.TB) *practice.Bank {
	t.Helper()
	b, err := assets.Bank()
	if err != nil {
		t.Fatalf("built-in bank: %v", err)
	}
	return b
}

// Every built-in question goes through the same validation as an import
// (LoadFS uses ParsePack); this adds what the built-in bank promises.
func TestBuiltinBank(t *testing.T) {
	b := loadBuiltin(t)
	want := []string{
		"unpopular-decision", "conflict-with-coworker", "failure", "tight-deadline",
		"disagree-with-manager", "customer-focus", "ambiguity", "mentoring",
		"prioritizing", "mistake-you-made", "influence-without-authority",
		"learning-fast", "beyond-scope",
	}
	for _, id := range want {
		q := b.Question(id)
		if q == nil {
			t.Errorf("built-in question %q is missing", id)
			continue
		}
		if len(q.FollowUps) < 2 {
			t.Errorf("%s: %d follow-ups, want at least 2", id, len(q.FollowUps))
		}
	}
	elaborated := 0
	for _, q := range b.Questions() {
		if q.Elaborated() {
			elaborated++
		}
	}
	if seed := b.Question("unpopular-decision"); seed == nil || !seed.Elaborated() {
		t.Errorf("the seed question must be fully elaborated")
	}
	if elaborated < 5 {
		t.Errorf("%d fully elaborated questions, want the seed and at least 4 more", elaborated)
	}
}
