package practice

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The content rules a complete walkthrough meets. ParsePack refuses a
// pack that cannot be used at all; Lint says where a usable question
// falls short of a full walkthrough. The built-in bank must pass every
// rule (a test holds it to them); `starcoach lint` reports them to
// authors of their own packs as warnings.

// SpeakingWPM is the pace at which a model answer is timed against its
// step's target: a calm interview pace.
const SpeakingWPM = 150

// A strong example, read at SpeakingWPM, lasts between ExampleMin and
// ExampleMax of its step's target: a candidate who models an answer on it
// lands on target, not "short".
const (
	ExampleMin = 0.60
	ExampleMax = 1.30
)

// Finding is one rule a question breaks.
type Finding struct {
	Question string // its ID
	Where    string // the step or part, e.g. "action" or "follow_ups[1]"; empty for the whole question
	Rule     string // the rule's name, e.g. "example-length"
	Msg      string
}

func (f Finding) String() string {
	where := f.Question
	if f.Where != "" {
		where += ": " + f.Where
	}
	return fmt.Sprintf("%s: %s (%s)", where, f.Msg, f.Rule)
}

// ReadingTime is how long text takes to say at SpeakingWPM.
func ReadingTime(text string) time.Duration {
	return time.Duration(float64(len(strings.Fields(text))) / SpeakingWPM * float64(time.Minute))
}

var (
	sentenceEnd = regexp.MustCompile(`[.!?]+["”']?\s+`)
	weWord      = regexp.MustCompile(`(?i)\bwe\b`)
)

// sentences splits text at sentence ends.
func sentences(text string) []string {
	var out []string
	for _, s := range sentenceEnd.Split(strings.TrimSpace(text), -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// levelWords are how a text names each level; a level's variant must not
// name another one ("You are an SDE2" in the Senior variant).
var levelWords = map[LevelID][]string{
	"sde1":   {"SDE 1", "SDE1", "SDE-1"},
	"sde2":   {"SDE 2", "SDE2", "SDE-2"},
	"senior": {"Senior SDE"},
}

// containsWord reports whether text holds w as a whole word or phrase,
// ignoring case.
func containsWord(text, w string) bool {
	re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`)
	return re.MatchString(text)
}

// Lint checks one question against the rules of a complete walkthrough.
func Lint(q *Question) []Finding {
	var out []Finding
	add := func(where, rule, format string, args ...any) {
		out = append(out, Finding{Question: q.ID, Where: where, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	for _, s := range q.Steps {
		where := string(s.Step)
		switch {
		case strings.TrimSpace(s.Example) == "":
			add(where, "example", "has no strong example")
		default:
			lo := time.Duration(float64(s.TargetSeconds) * ExampleMin * float64(time.Second))
			hi := time.Duration(float64(s.TargetSeconds) * ExampleMax * float64(time.Second))
			if d := ReadingTime(s.Example); d < lo || d > hi {
				add(where, "example-length", "the example reads in %.0f s at %d words a minute; the target is %d s, so it should take %.0f-%.0f s",
					d.Seconds(), SpeakingWPM, s.TargetSeconds, lo.Seconds(), hi.Seconds())
			}
		}
		if len(s.KeyPhrases) == 0 {
			add(where, "key-phrases", "has no key phrases")
		}
		for _, kp := range s.KeyPhrases {
			if !strings.Contains(strings.ToLower(s.Example), strings.ToLower(kp)) {
				add(where, "key-phrases", "key phrase %q does not occur in the example", kp)
			}
		}
		if s.Step == Action && s.Example != "" {
			n := 0
			for _, sen := range sentences(s.Example) {
				if strings.HasPrefix(sen, "I ") {
					n++
				}
			}
			if n < 3 {
				add(where, "i-sentences", "%d sentences of the example start with \"I\"; tell the action in at least 3 \"I\" sentences", n)
			}
			if we := len(weWord.FindAllString(s.Example, -1)); we > 1 {
				add(where, "we", "the example says \"we\" %d times; at most once, or the candidate's own part blurs", we)
			}
		}
		if len(s.SelfChecks) == 0 {
			add(where, "self-checks", "has no self-check items")
		}
	}
	// The story is told the same at every level; what changes with the
	// level is said in the variants.
	story := map[string]string{"overview": q.Overview, "takeaways": q.Takeaways}
	for _, s := range q.Steps {
		story[string(s.Step)] = s.Example
	}
	for where, text := range story {
		for _, words := range levelWords {
			for _, w := range words {
				if containsWord(text, w) {
					add(where, "level-wording", "names the level %q, but it is shown at every level; say it in the variants", w)
				}
			}
		}
	}
	for _, l := range Levels {
		v := q.Variant(l.ID)
		if v == nil {
			add("variants", "levels", "has no variant for %s", l.Name)
			continue
		}
		if strings.TrimSpace(v.Reflection) == "" || strings.TrimSpace(v.Bar) == "" {
			add("variants."+string(l.ID), "levels", "needs the reflection at this level and what the interviewer expects")
		}
		text := v.Focus + " " + v.Reflection + " " + v.Bar
		for other, words := range levelWords {
			if other == l.ID {
				continue
			}
			for _, w := range words {
				if containsWord(text, w) {
					add("variants."+string(l.ID), "level-wording", "the %s variant speaks of %q", l.Name, w)
				}
			}
		}
	}
	if len(q.FollowUps) < 3 {
		add("follow_ups", "follow-ups", "has %s; at least 3", count(len(q.FollowUps), "follow-up question"))
	}
	for i, f := range q.FollowUps {
		if strings.TrimSpace(f.Weak) == "" || strings.TrimSpace(f.WeakWhy) == "" || strings.TrimSpace(f.Strong) == "" {
			add(fmt.Sprintf("follow_ups[%d]", i), "follow-ups", "needs what it probes, a weak answer with why it is weak, and a strong answer")
		}
	}
	if q.Weak == nil || len(q.Weak.Critique) == 0 {
		add("weak_answer", "weak-answer", "needs a weak answer with the interviewer's critique")
	}
	if len(q.Quiz) < 2 {
		add("quiz", "quiz", "has %s; at least 2", count(len(q.Quiz), "quiz item"))
	}
	if len(q.Angles) < 2 {
		add("angles", "angles", "has %s; at least 2", count(len(q.Angles), "competency angle"))
	}
	for i, a := range q.Angles {
		if strings.TrimSpace(a.Emphasize) == "" || strings.TrimSpace(a.Downplay) == "" {
			add(fmt.Sprintf("angles[%d]", i), "angles", "needs what to lead with, emphasise and downplay")
		}
	}
	return out
}

// StoryOverlap is the share of distinct words two stories may have in
// common before they read as the same story told twice.
const StoryOverlap = 0.45

// LintBank checks what only a set of questions can break: every story its
// own, no two alike. A question whose story is too like an earlier one's
// is named once, with the most alike: a pack of n copies of one story
// gets n-1 findings, not n²/2.
func LintBank(qs []*Question) []Finding {
	var out []Finding
	words := make([]map[string]bool, len(qs))
	for i, q := range qs {
		words[i] = storyWords(q)
	}
	for j := range qs {
		like, most := -1, StoryOverlap
		for i := range j {
			if o := overlap(words[i], words[j]); o > most {
				like, most = i, o
			}
		}
		if like >= 0 {
			out = append(out, Finding{Question: qs[j].ID, Rule: "own-story",
				Msg: fmt.Sprintf("its story shares %.0f%% of its words with %s's; each question needs a story of its own", 100*most, qs[like].ID)})
		}
	}
	return out
}

// maxShownFindings is how many findings LintPack returns: enough for a
// few questions' worth, as a terminal shows them.
const maxShownFindings = 100

// LintPack checks every question of a pack (Lint) and the pack as a whole
// (LintBank), and returns the first maxShownFindings findings and how
// many more there were.
func LintPack(qs []*Question) (first []Finding, more int) {
	keep := func(fs []Finding) {
		n := min(len(fs), maxShownFindings-len(first))
		first = append(first, fs[:n]...)
		more += len(fs) - n
	}
	for _, q := range qs {
		keep(Lint(q))
	}
	keep(LintBank(qs))
	return first, more
}

// storyWords are the distinct longer words of a question's story: its
// overview and its examples.
func storyWords(q *Question) map[string]bool {
	text := q.Overview
	for _, s := range q.Steps {
		text += " " + s.Example
	}
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '%' || r == '$')
	}) {
		if len(w) > 4 {
			out[w] = true
		}
	}
	return out
}

// count says how many things there are: "1 quiz item", "0 quiz items".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// overlap is the Jaccard similarity of two word sets.
func overlap(a, b map[string]bool) float64 {
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	union := len(a) + len(b) - common
	if union == 0 {
		return 0
	}
	return float64(common) / float64(union)
}

// LeadershipPrinciples are Amazon's sixteen, as competencies are written
// in the bank.
var LeadershipPrinciples = []string{
	"Customer Obsession", "Ownership", "Invent and Simplify", "Are Right, A Lot",
	"Learn and Be Curious", "Hire and Develop the Best", "Insist on the Highest Standards",
	"Think Big", "Bias for Action", "Frugality", "Earn Trust", "Dive Deep",
	"Have Backbone; Disagree and Commit", "Deliver Results",
	"Strive to be Earth's Best Employer", "Success and Scale Bring Broad Responsibility",
}

// LintCoverage checks that every Leadership Principle is the main (first)
// competency of at least one question and tagged on at least two.
func LintCoverage(qs []*Question) []Finding {
	var out []Finding
	for _, lp := range LeadershipPrinciples {
		main, tagged := 0, 0
		for _, q := range qs {
			if i := slices.Index(q.Competencies, lp); i >= 0 {
				tagged++
				if i == 0 {
					main++
				}
			}
		}
		if main < 1 || tagged < 2 {
			out = append(out, Finding{Question: "(bank)", Where: lp, Rule: "coverage",
				Msg: fmt.Sprintf("is the main competency of %d questions and tagged on %d; needs at least 1 and 2", main, tagged)})
		}
	}
	return out
}
