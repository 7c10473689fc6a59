package practice_test

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"io/fs"

	"starcoach/assets"
	"starcoach/practice"
)

// goodPack is a small valid pack; the command and UI tests import it too.
var goodPack = func() string {
	b, err := os.ReadFile("testdata/pack.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func TestParsePackAcceptsAValidPack(t *testing.T) {
	p, err := practice.ParsePack("mine.yaml", []byte(goodPack))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Questions) != 1 || p.Questions[0].ReferenceTotal() != 175 {
		t.Fatalf("parsed %+v", p)
	}
}

// A bad pack is rejected with the file, line and field named.
func TestParsePackErrorsNameFileLineAndField(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string
	}{
		{"negative target", "{step: action, target_s: 90", "{step: action, target_s: -5",
			"mine.yaml:11: questions[0].steps[2].target_s: must be a whole number of seconds from 1 to 600, found -5"},
		{"steps out of order", "{step: task, target_s: 20", "{step: result, target_s: 20",
			`mine.yaml:10: questions[0].steps[1].step: step 2 must be "task", found "result"`},
		{"missing title", "    title: Tell me about a time you shipped late\n", "",
			"mine.yaml:3: questions[0].title: is required and must not be empty"},
		{"misspelt field", "overview:", "overveiw:",
			`mine.yaml:7: field overveiw not found in type practice.Question`},
		{"text where a number goes", "target_s: 15", "target_s: fifteen",
			"mine.yaml:13: cannot unmarshal !!str `fifteen` into int"},
		// The YAML parser places an unclosed list where its block began.
		{"broken YAML", "competencies: [Ownership]", "competencies: [Ownership",
			"did not find expected ',' or ']'"},
		{"bad id", "id: my-question", "id: My Question",
			"mine.yaml:3: questions[0].id: must be lowercase letters, digits and dashes (e.g. tight-deadline)"},
		{"a self-check twice", "self_checks: [x]}\n      - {step: task", "self_checks: [x, X]}\n      - {step: task",
			`mine.yaml:9: questions[0].steps[0].self_checks[1]: "X" appears twice`},
		{"no follow-ups", "    follow_ups:\n      - {question: \"Why?\", probes: p, strong: s}\n", "",
			"mine.yaml:3: questions[0].follow_ups: needs at least one follow-up question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(goodPack, tt.from, tt.to, 1)
			if data == goodPack {
				t.Fatalf("test edit %q did not apply", tt.from)
			}
			_, err := practice.ParsePack("mine.yaml", []byte(data))
			if err == nil {
				t.Fatal("bad pack accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

// A quiz item must say which option is right; left out, it would read as
// the first.
func TestParsePackNeedsTheCorrectOption(t *testing.T) {
	data := goodPack + `    quiz:
      - question: "Which?"
        options: [a, b]
        explanation: e
`
	_, err := practice.ParsePack("mine.yaml", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "mine.yaml:17: questions[0].quiz[0].correct: is required") {
		t.Fatalf("error %v", err)
	}
	if _, err := practice.ParsePack("mine.yaml", []byte(data+"        correct: 1\n")); err != nil {
		t.Fatal(err)
	}
}

// A list longer than a screen is refused, whatever the file's size.
func TestParsePackCapsLists(t *testing.T) {
	checks := make([]string, 51)
	for i := range checks {
		checks[i] = fmt.Sprintf("c%d", i)
	}
	data := strings.Replace(goodPack, "self_checks: [x]}\n      - {step: task", "self_checks: ["+strings.Join(checks, ", ")+"]}\n      - {step: task", 1)
	_, err := practice.ParsePack("mine.yaml", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "self_checks: has 51 items; at most 50") {
		t.Fatalf("error %v", err)
	}
}

func TestParsePackRejectsNonYAMLAndEmpty(t *testing.T) {
	for name, data := range map[string]string{
		"empty.yaml":  "",
		"binary.yaml": "RIFF\x00\x00\x00WAVEfmt ",
		"list.yaml":   "- a\n- b\n",
		"noq.yaml":    "pack: x\nquestions: []\n",
	} {
		_, err := practice.ParsePack(name, []byte(data))
		if err == nil || !strings.HasPrefix(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}

func TestBankAddRejectsDuplicateIDsAndAddsNothing(t *testing.T) {
	b := loadBuiltin(t)
	n := len(b.Questions())
	p, err := practice.ParsePack("dup.yaml", []byte(strings.Replace(goodPack, "my-question", "unpopular-decision", 1)))
	if err != nil {
		t.Fatal(err)
	}
	err = b.Add(p)
	if err == nil || !strings.Contains(err.Error(), `question id "unpopular-decision" is already in the bank (from builtin/unpopular-decision.yaml)`) {
		t.Fatalf("error %v, want a duplicate-id error", err)
	}
	if len(b.Questions()) != n {
		t.Fatalf("bank grew from %d to %d questions after a rejected pack", n, len(b.Questions()))
	}
}

func TestBankSearch(t *testing.T) {
	b := loadBuiltin(t)
	got := b.Search("unpopular DECISION", "")
	if len(got) != 1 || got[0].ID != "unpopular-decision" {
		t.Fatalf("search for the seed found %d questions", len(got))
	}
	if got := b.Search("unpopular", "Customer Focus"); len(got) != 0 {
		t.Fatalf("category filter ignored: %d results", len(got))
	}
	if got := b.Search("", ""); len(got) != len(b.Questions()) {
		t.Fatalf("empty search found %d of %d", len(got), len(b.Questions()))
	}
}

// FuzzParsePack: no input makes the loader panic, and whatever it accepts
// is a usable bank entry.
func FuzzParsePack(f *testing.F) {
	f.Add([]byte(goodPack))
	f.Add([]byte("pack: x\nquestions: [{id: a}]\n"))
	f.Add([]byte("{{{"))
	if data, err := fsRead("unpopular-decision.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := practice.ParsePack("fuzz.yaml", data)
		if err != nil {
			var pe *practice.ParseError
			var pes practice.ParseErrors
			if !errors.As(err, &pe) && !errors.As(err, &pes) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if _, err := practice.NewBank(p); err != nil {
			t.Fatalf("accepted pack does not make a bank: %v", err)
		}
		for i := range p.Questions {
			q := &p.Questions[i]
			if len(q.Steps) != len(practice.Steps) {
				t.Fatalf("accepted question with %d steps", len(q.Steps))
			}
			for _, l := range practice.Levels {
				_ = practice.Targets(q, l)
			}
		}
	})
}

func fsRead(name string) ([]byte, error) {
	return fsReadFile(assets.Questions, name)
}

var fsReadFile = fs.ReadFile

// endless is an input that never ends, as /dev/zero or a stuck pipe.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += int64(len(p))
	return len(p), nil
}

// An endless input is refused after the size limit, without reading (and
// holding) more than it.
func TestReadPackStopsAtTheLimit(t *testing.T) {
	in := &endless{}
	_, _, err := practice.ReadPack("zero", in)
	if err == nil || !strings.Contains(err.Error(), "larger than 4194304 bytes") {
		t.Fatalf("error %v", err)
	}
	if in.read > 4<<20+64<<10 {
		t.Errorf("read %d bytes of an endless input", in.read)
	}
}

// A pack with hundreds of problems names the first twenty and counts the
// rest: a dialog or terminal of thousands helps nobody.
func TestParseErrorsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("pack: broken\nquestions:\n")
	for i := range 60 {
		fmt.Fprintf(&b, "  - id: q%d\n    title: \"\"\n", i)
	}
	_, err := practice.ParsePack("broken.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("a broken pack was accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 21 || !strings.HasPrefix(lines[20], "… and ") || !strings.HasPrefix(lines[0], "broken.yaml:3:") {
		t.Errorf("%d lines: first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}

// What a pack file cannot slip past the loader, each named with its line.
func TestPackRefusesWhatItCannotShowSafely(t *testing.T) {
	for name, c := range map[string]struct {
		yaml string
		want string
	}{
		"a second document":            {goodPack + "---\npack: another\n", "second YAML document"},
		"a byte that is not UTF-8":     {strings.Replace(goodPack, "shipped late", "shipped l\xe9te", 1), "is not UTF-8 text"},
		"a terminal escape in a title": {strings.Replace(goodPack, "shipped late", "shipped \x1b[2Jlate", 1), "control character U+001B"},
	} {
		_, err := practice.ParsePack("p.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) || !regexp.MustCompile(`^p\.yaml:\d+: `).MatchString(err.Error()) {
			t.Errorf("%s: %v; want %q with its line", name, err, c.want)
		}
	}
}
