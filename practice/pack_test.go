package practice_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

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
	for _, h := range hostilePacks(f) {
		f.Add(h.data)
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

// A pack past the limits on its shape is refused before it is decoded,
// with the line, the limit and what was found.
func TestParsePackRefusesOutsizeShapes(t *testing.T) {
	extra := make([]string, 26) // the pack's question has 7 keys
	for i := range extra {
		extra[i] = fmt.Sprintf("k%d: x", i)
	}
	tests := []struct {
		name, yaml, want string
	}{
		{"1,001 questions", "questions: [" + strings.Repeat("{id: x}, ", 1000) + "{}]",
			"p.yaml:1: questions: has 1001 questions; a question pack may have at most 1000"},
		{"13 deep", strings.Replace(goodPack, "self_checks: [x]}\n      - {step: task", "self_checks: [[[[[[[[x]]]]]]]]}\n      - {step: task", 1),
			"p.yaml:9: lists and mappings nest 13 deep here; a question pack nests them at most 12 deep"},
		{"33 keys", strings.Replace(goodPack, "  - id: my-question\n", "  - id: my-question\n    "+strings.Join(extra, "\n    ")+"\n", 1),
			"p.yaml:3: a mapping of 33 keys; a mapping in a question pack has at most 32"},
		{"a key twice", strings.Replace(goodPack, "    category: Delivery\n", "    category: Delivery\n    title: Again\n", 1),
			`p.yaml:6: mapping key "title" already defined at line 4`},
		{"an alias", strings.Replace(strings.Replace(goodPack, "[Ownership]", "&lp [Ownership]", 1), "self_checks: [x]}", "self_checks: *lp}", 1),
			"p.yaml:9: uses the YAML alias *lp; a question pack writes every value out in full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.yaml == goodPack {
				t.Fatal("test edit did not apply")
			}
			if _, err := practice.ParsePack("p.yaml", []byte(tt.yaml)); err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
	// Twelve deep is the limit, not past it: what is wrong there is the
	// type.
	deep := strings.Replace(goodPack, "self_checks: [x]}\n      - {step: task", "self_checks: [[[[[[[x]]]]]]]}\n      - {step: task", 1)
	if _, err := practice.ParsePack("p.yaml", []byte(deep)); err == nil || !strings.Contains(err.Error(), "cannot unmarshal !!seq into string") {
		t.Errorf("12 deep: %v", err)
	}
}

// hostilePack is a pack of at most 4 MiB shaped to cost the parser most,
// with what its error says ("" where it is accepted).
type hostilePack struct {
	name string
	data []byte
	want string
}

// hostilePacks are the shapes a hostile (or unlucky) file can take; the
// first six reach 4 MiB, the rest stay just under the limits on marks
// and questions so that they are parsed.
func hostilePacks(tb testing.TB) []hostilePack {
	tb.Helper()
	const size = 4 << 20
	rep := strings.Repeat
	// fill repeats item, joined by sep, between head and tail up to size.
	fill := func(head, item, sep, tail string) []byte {
		n := (size - len(head) - len(tail) + len(sep)) / (len(item) + len(sep))
		return []byte(head + strings.TrimSuffix(rep(item+sep, n), sep) + tail)
	}
	keys := make([]string, 32)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%d", i)
	}
	// A billion laughs: ten lists of ten, each of the one before.
	var laughs strings.Builder
	laughs.WriteString("a0: &a0 [x" + rep(", x", 9) + "]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&laughs, "a%d: &a%d [*a%d%s]\n", i, i, i-1, rep(fmt.Sprintf(", *a%d", i-1), 9))
	}
	laughs.WriteString("questions: *a9\n")
	// The same through the pack's own types: a step's self-checks, a
	// question's steps and the pack's questions, each a list of aliases.
	typed := "pack: x\nquestions:\n  - &q {id: a, steps: [&st {step: situation, self_checks: &k [x" + rep(", x", 999) +
		"]}" + rep(", *st", 999) + "]}\n" + rep("  - *q\n", 999)
	// The built-in bank again and again under new IDs: a valid pack of
	// 4 MiB, which must still be read.
	var bank strings.Builder
	bank.WriteString("pack: big\nquestions:\n")
	names, err := fs.Glob(assets.Questions, "*.yaml")
	if err != nil {
		tb.Fatal(err)
	}
fill:
	for r := 0; ; r++ {
		for _, n := range names {
			data, err := fsRead(n)
			if err != nil {
				tb.Fatal(err)
			}
			_, q, _ := strings.Cut(string(data), "questions:\n")
			q = strings.Replace(q, "  - id: ", fmt.Sprintf("  - id: r%d-", r), 1)
			if bank.Len()+len(q) > size {
				break fill
			}
			bank.WriteString(q)
		}
	}
	return []hostilePack{
		{"4 MiB flow list of {}", fill("questions: [", "{}", ",", "]\n"), "has 2796195 of the marks that build YAML lists and mappings (, : ? [ { and - ); a question pack may have at most 100000"},
		{"4 MiB block list of - {}", fill("questions:\n", "- {}", "\n", "\n"), "has 1677717 of the marks"},
		{"4 MiB of [ nested", []byte("questions: " + rep("[", size-11)), "has 4194294 of the marks"},
		{"4 MiB of lines nested 9,990 deep", []byte("questions:\n" + rep("- "+rep("[", 9990)+rep("]", 9990)+"\n", size/20000)), "has 2088120 of the marks"},
		{"4 MiB of comments", fill("questions: []\n", "#", "\n", "\n"), "questions: needs at least one question"},
		{"a 4 MiB folded scalar", fill("pack: >\n", "  a", "\n", "\nquestions: []\n"), "pack: is 2097140 characters; at most 4000"},
		{"nested 90,000 deep", []byte("questions: " + rep("[", 90_000)), "exceeded max depth of 10000"},
		{"49,999 questions", []byte("questions: [" + rep("{},", 49_998) + "{}]"), "has 49999 questions; a question pack may have at most 1000"},
		{"a mapping of 99,000 keys", []byte("questions: [{" + rep("a,", 99_000) + "}]"), "a mapping of 99000 keys; a mapping in a question pack has at most 32"},
		{"3,000 mappings of 32 keys alike", []byte("questions: [{steps: [" + rep("{a"+rep(",a", 31)+"},", 3000) + "]}]"), `mapping key "a" already defined at line 1`},
		{"3,000 steps of 32 unknown fields", []byte("questions: [{steps: [" + rep("{"+strings.Join(keys, ",")+"},", 3000) + "]}]"), "… and 95980 more problems"},
		{"1,000 questions of 47 empty steps", []byte("questions:\n" + rep("- {steps: ["+rep("{},", 46)+"{}]}\n", 1000)), "… and 200979 more problems"},
		{"99,000 competencies alike", []byte("questions: [{competencies: [a" + rep(",a", 98_990) + "]}]"), "… and 98977 more problems"},
		{"a billion laughs", []byte(laughs.String()), "uses the YAML alias *a0"},
		{"a billion laughs in the pack's types", []byte(typed), "uses the YAML alias *st"},
		{"the built-in bank, 4 MiB", []byte(bank.String()), ""},
	}
}

// A hostile pack is refused, or read, in bounded memory and time: under
// 100 MB of allocation in all (runtime.MemStats.TotalAlloc, which bounds
// the peak heap from above) and well under a second; the bound on time
// allows for -race, ten times slower. Before the limits, the 4 MiB flow
// list took 4.45 GB and 21 s.
func TestParsePackBoundsHostilePacks(t *testing.T) {
	for _, h := range hostilePacks(t) {
		if len(h.data) > 4<<20 {
			t.Fatalf("%s: %d bytes, over the size limit", h.name, len(h.data))
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := practice.ParsePack("hostile.yaml", h.data)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%-36s %8d bytes: %6.1f MB allocated, %v", h.name, len(h.data), float64(alloc)/1e6, took.Round(time.Millisecond))
		switch {
		case h.want == "" && err != nil:
			t.Errorf("%s: refused: %v", h.name, err)
		case h.want != "" && (err == nil || !strings.Contains(err.Error(), h.want)):
			t.Errorf("%s: error %.300v\nwant it to contain %q", h.name, err, h.want)
		}
		if alloc > 100e6 || took > 10*time.Second {
			t.Errorf("%s: %.1f MB allocated in %v", h.name, float64(alloc)/1e6, took)
		}
	}
}

func BenchmarkParsePackHostile(b *testing.B) {
	for _, h := range hostilePacks(b) {
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(h.data)))
			for b.Loop() {
				practice.ParsePack("hostile.yaml", h.data)
			}
		})
	}
}
