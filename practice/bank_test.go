package practice_test

import (
	"slices"
	"strings"
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

// The behavioural staples a candidate's loop asks about, each with its
// question in the bank.
var staples = map[string]string{
	"conflict":                    "conflict-with-coworker",
	"failure":                     "failure",
	"mistake":                     "mistake-you-made",
	"feedback received":           "feedback-received",
	"feedback given":              "feedback-given",
	"disagreement with manager":   "disagree-with-manager",
	"tight deadline":              "tight-deadline",
	"ambiguity":                   "ambiguity",
	"prioritisation":              "prioritizing",
	"mentoring":                   "mentoring",
	"learning fast":               "learning-fast",
	"influence without authority": "influence-without-authority",
	"customer focus":              "customer-focus",
	"hard technical decision":     "hard-technical-decision",
	"changed your mind":           "changed-your-mind",
	"difficult stakeholder":       "difficult-stakeholder",
}

// Every built-in question is a complete walkthrough whose examples fit
// their clocks (practice.Lint), every story is its own, every Leadership
// Principle is covered, and the staples are there. Each failure names the
// question, the step and the rule.
func TestBuiltinBankContent(t *testing.T) {
	b := loadBuiltin(t)
	qs := b.Questions()
	if len(qs) < 32 {
		t.Errorf("the bank has %d questions, want at least 32", len(qs))
	}
	for _, q := range qs {
		for _, f := range practice.Lint(q) {
			t.Error(f)
		}
	}
	for _, f := range append(practice.LintBank(qs), practice.LintCoverage(qs)...) {
		t.Error(f)
	}
	for staple, id := range staples {
		if b.Question(id) == nil {
			t.Errorf("no question %q for the staple %q", id, staple)
		}
	}
	// The seed question is about a decision: its Task names the decision
	// and who opposed it.
	if seed := b.Question("unpopular-decision"); seed != nil {
		task := strings.ToLower(seed.Step(practice.Task).Example)
		if !strings.Contains(task, "decision") || !strings.Contains(task, "opposed") {
			t.Errorf("unpopular-decision: task: the example must name the decision and who opposed it: %q", task)
		}
	}
}

// The story bank's coverage is measured against every competency the
// questions ask for, each once, imported packs included.
func TestBankCompetencies(t *testing.T) {
	b, err := practice.NewBank(
		&practice.Pack{Source: "one.yaml", Questions: []practice.Question{
			{ID: "a", Competencies: []string{"Ownership", "Dive Deep"}},
			{ID: "b", Competencies: []string{"Earn Trust", "Ownership"}},
		}},
		&practice.Pack{Source: "two.yaml", Questions: []practice.Question{
			{ID: "c", Competencies: []string{"Dive Deep", "Bias for Action"}},
		}},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Bias for Action", "Dive Deep", "Earn Trust", "Ownership"}
	if got := b.Competencies(); !slices.Equal(got, want) {
		t.Errorf("Competencies() = %q, want %q", got, want)
	}
}
