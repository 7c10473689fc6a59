package practice_test

import (
	"fmt"
	"strings"
	"testing"

	"starcoach/practice"
)

// copies parses a pack of n copies of the test pack's question.
func copies(t *testing.T, n int) []*practice.Question {
	t.Helper()
	head, q, _ := strings.Cut(goodPack, "questions:\n")
	var b strings.Builder
	b.WriteString(head + "questions:\n")
	for i := range n {
		b.WriteString(strings.Replace(q, "my-question", fmt.Sprintf("q%d", i), 1))
	}
	p, err := practice.ParsePack("copies.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	qs := make([]*practice.Question, n)
	for i := range p.Questions {
		qs[i] = &p.Questions[i]
	}
	return qs
}

// A pack of many copies of one weak question breaks thousands of rules:
// LintPack keeps the first hundred and counts the rest, and LintBank
// names each copy once, with the story it repeats, not every pair.
func TestLintPackCapsFindings(t *testing.T) {
	qs := copies(t, 300)
	alike := practice.LintBank(qs)
	if len(alike) != 299 || alike[0].Question != "q1" || !strings.Contains(alike[298].Msg, "100% of its words with q0's") {
		t.Errorf("%d own-story findings, the first %v, the last %v", len(alike), alike[0], alike[len(alike)-1])
	}
	first, more := practice.LintPack(qs)
	want := 300*len(practice.Lint(qs[0])) + len(alike)
	if len(first) != 100 || len(first)+more != want {
		t.Errorf("%d findings kept and %d more, want 100 of %d", len(first), more, want)
	}
	if first[0] != practice.Lint(qs[0])[0] {
		t.Errorf("the first finding kept is %v", first[0])
	}
}
