package practice

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 questions", 1: "1 question", 2: "2 questions"} {
		if got := Plural(n, "question", "questions"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
