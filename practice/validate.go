package practice

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// pathString writes a path of map keys and list indices as a field name,
// e.g. questions[2].steps[0].target_s.
func pathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch v := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		}
	}
	return b.String()
}

// Limits on content, generous for people and tight enough to keep the UI sane.
const (
	maxTargetSeconds = 600
	maxTextLen       = 4000
	maxListLen       = 50 // phrases, checks, follow-ups, options...: a screenful
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// validator collects the problems of the pack decoded from doc, each
// with the line of its field.
type validator struct {
	name string
	doc  *yaml.Node
	errs ParseErrors
}

func (v *validator) fail(msg string, path ...any) {
	v.errs.add(func() *ParseError {
		return &ParseError{File: v.name, Line: lineOf(v.doc, path), Field: pathString(path), Msg: msg}
	})
}

func (v *validator) text(s string, path ...any) {
	if strings.TrimSpace(s) == "" {
		v.fail("is required and must not be empty", path...)
	}
	v.optional(s, path...)
}

// optional checks a text that may be empty.
func (v *validator) optional(s string, path ...any) {
	if len(s) > maxTextLen {
		v.fail(fmt.Sprintf("is %d characters; at most %d", len(s), maxTextLen), path...)
	}
	// A control character (a terminal escape code above all) would be
	// printed raw by the command line and garble the screen.
	if i := strings.IndexFunc(s, isControl); i >= 0 {
		v.fail(fmt.Sprintf("holds the control character %U at byte %d; only text, new lines and tabs belong here", []rune(s[i:])[0], i), path...)
	}
}

// isControl reports a control character other than a new line or a tab.
func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
}

// count checks the length of a list.
func (v *validator) count(n, min int, path ...any) {
	switch {
	case n < min:
		v.fail(fmt.Sprintf("needs at least %d item(s), has %d", min, n), path...)
	case n > maxListLen:
		v.fail(fmt.Sprintf("has %d items; at most %d", n, maxListLen), path...)
	}
}

// list checks a list of texts: its length, each item, and no repeats
// (self-checks are ticked by their text, so a twin would tick along).
func (v *validator) list(items []string, min int, path ...any) {
	v.count(len(items), min, path...)
	seen := map[string]bool{}
	for i, s := range items {
		v.text(s, append(path, i)...)
		key := strings.ToLower(strings.TrimSpace(s))
		if seen[key] {
			v.fail(fmt.Sprintf("%q appears twice", s), append(path, i)...)
		}
		seen[key] = true
	}
}

// validate checks the pack question by question, so the problems kept
// are the first in the file.
func (p *Pack) validate(v *validator) {
	if len(p.Questions) == 0 {
		v.fail("needs at least one question", "questions")
	}
	v.optional(p.Name, "pack")
	ids := map[string]bool{}
	for i := range p.Questions {
		q := &p.Questions[i]
		if ids[q.ID] {
			v.fail(fmt.Sprintf("%q is used by an earlier question", q.ID), "questions", i, "id")
		}
		ids[q.ID] = true
		q.validate(v, "questions", i)
		v.missingCorrect(q, i)
	}
}

// validate checks one question; every built-in and imported question goes
// through it.
func (q *Question) validate(v *validator, at ...any) {
	p := func(rest ...any) []any { return append(append([]any{}, at...), rest...) }
	if !idPattern.MatchString(q.ID) {
		v.fail("must be lowercase letters, digits and dashes (e.g. tight-deadline)", p("id")...)
	}
	v.text(q.Title, p("title")...)
	v.text(q.Category, p("category")...)
	v.list(q.Competencies, 1, p("competencies")...)
	v.text(q.Overview, p("overview")...)
	v.optional(q.Takeaways, p("takeaways")...)
	if len(q.Steps) != len(Steps) {
		v.fail(fmt.Sprintf("needs exactly %d steps (situation, task, action, result, reflection), has %d", len(Steps), len(q.Steps)), p("steps")...)
	}
	for i := range q.Steps {
		s := &q.Steps[i]
		if i < len(Steps) && s.Step != Steps[i] {
			v.fail(fmt.Sprintf("step %d must be %q, found %q", i+1, Steps[i], s.Step), p("steps", i, "step")...)
		}
		if s.TargetSeconds < 1 || s.TargetSeconds > maxTargetSeconds {
			v.fail(fmt.Sprintf("must be a whole number of seconds from 1 to %d, found %d", maxTargetSeconds, s.TargetSeconds), p("steps", i, "target_s")...)
		}
		v.optional(s.Example, p("steps", i, "example")...)
		v.list(s.KeyPhrases, 0, p("steps", i, "key_phrases")...)
		for j, kp := range s.KeyPhrases {
			// Key phrases are highlighted inside the example, so each must
			// be in it.
			if s.Example != "" && kp != "" && !strings.Contains(strings.ToLower(s.Example), strings.ToLower(kp)) {
				v.fail(fmt.Sprintf("%q does not occur in the step's example", kp), p("steps", i, "key_phrases", j)...)
			}
		}
		v.text(s.Coaching, p("steps", i, "coaching")...)
		v.text(s.Mistake, p("steps", i, "mistake")...)
		v.list(s.SelfChecks, 1, p("steps", i, "self_checks")...)
	}
	levels := map[LevelID]bool{}
	for i, lv := range q.Variants {
		if _, ok := LevelByID(lv.Level); !ok {
			v.fail(fmt.Sprintf("unknown level %q; use one of %s", lv.Level, levelIDs()), p("variants", i, "level")...)
		}
		if levels[lv.Level] {
			v.fail(fmt.Sprintf("level %q appears twice", lv.Level), p("variants", i, "level")...)
		}
		levels[lv.Level] = true
		v.text(lv.Focus, p("variants", i, "focus")...)
		v.optional(lv.Reflection, p("variants", i, "reflection")...)
		v.optional(lv.Bar, p("variants", i, "bar")...)
	}
	if len(q.FollowUps) < 1 {
		v.fail("needs at least one follow-up question", p("follow_ups")...)
	}
	v.count(len(q.FollowUps), 0, p("follow_ups")...)
	for i, f := range q.FollowUps {
		v.text(f.Question, p("follow_ups", i, "question")...)
		v.text(f.Probes, p("follow_ups", i, "probes")...)
		v.text(f.Strong, p("follow_ups", i, "strong")...)
		v.optional(f.Weak, p("follow_ups", i, "weak")...)
		v.optional(f.WeakWhy, p("follow_ups", i, "weak_why")...)
		v.optional(f.Takeaway, p("follow_ups", i, "takeaway")...)
		if f.TargetSeconds < 0 || f.TargetSeconds > maxTargetSeconds {
			v.fail(fmt.Sprintf("must be from 0 (default %d s) to %d seconds", DefaultFollowUpSeconds, maxTargetSeconds), p("follow_ups", i, "target_s")...)
		}
	}
	if q.Weak != nil {
		v.text(q.Weak.Text, p("weak_answer", "text")...)
		v.list(q.Weak.Critique, 1, p("weak_answer", "critique")...)
		v.optional(q.Weak.Verdict, p("weak_answer", "verdict")...)
	}
	v.count(len(q.Quiz), 0, p("quiz")...)
	v.count(len(q.Variants), 0, p("variants")...)
	v.count(len(q.Angles), 0, p("angles")...)
	for i, it := range q.Quiz {
		v.text(it.Question, p("quiz", i, "question")...)
		v.list(it.Options, 2, p("quiz", i, "options")...)
		if it.Correct < 0 || it.Correct >= len(it.Options) {
			v.fail(fmt.Sprintf("must index one of the %d options (0 is the first), found %d", len(it.Options), it.Correct), p("quiz", i, "correct")...)
		}
		v.text(it.Explanation, p("quiz", i, "explanation")...)
	}
	for i, a := range q.Angles {
		v.text(a.Competency, p("angles", i, "competency")...)
		v.text(a.LeadWith, p("angles", i, "lead_with")...)
		v.optional(a.Emphasize, p("angles", i, "emphasize")...)
		v.optional(a.Downplay, p("angles", i, "downplay")...)
	}
}

func levelIDs() string {
	ids := make([]string, len(Levels))
	for i, l := range Levels {
		ids[i] = string(l.ID)
	}
	return strings.Join(ids, ", ")
}

// missingCorrect reports the quiz items of question i without a "correct"
// field: as an int it would silently read as 0, the first option.
func (v *validator) missingCorrect(q *Question, i int) {
	for j := range q.Quiz {
		path := []any{"questions", i, "quiz", j}
		if node(v.doc, path) != nil && node(v.doc, append(path, "correct")) == nil {
			v.fail("is required: the index of the right option (0 is the first)", append(path, "correct")...)
		}
	}
}

// node is the YAML node at path, or nil.
func node(root *yaml.Node, path []any) *yaml.Node {
	n, _, ok := walk(root, path)
	if !ok {
		return nil
	}
	return n
}

// lineOf finds the line of the field at path, or of its deepest existing
// ancestor when the field is missing.
func lineOf(root *yaml.Node, path []any) int {
	_, line, _ := walk(root, path)
	return line
}

// walk follows path (map keys and list indices) from root as far as it
// exists: the node reached, the line of its key (or item), and whether the
// whole path was found.
func walk(n *yaml.Node, path []any) (*yaml.Node, int, bool) {
	line := n.Line
	for _, p := range path {
		var next *yaml.Node
		switch k := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == k {
						next, line = n.Content[i+1], n.Content[i].Line
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k >= 0 && k < len(n.Content) {
				next = n.Content[k]
				line = next.Line
			}
		}
		if next == nil {
			return n, line, false
		}
		n = next
	}
	return n, line, true
}
