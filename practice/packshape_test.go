package practice

import (
	"bytes"
	"io"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzMarksBoundNodes: the YAML parser builds at most 2n+2 nodes for
// each of the two documents ParsePack reads from a file of n marks, the
// bound the limit on marks rests on.
func FuzzMarksBoundNodes(f *testing.F) {
	for _, s := range []string{
		"questions: [{}, {}]", "- - - a", "a:\nb:\n", "{a, b, c}", "[a: b, ? c, d]", "? a\n? b\n",
		`["a":b, "c":d]`, "--- a\n--- b\n", "a\n...\nb\n", "-\u2028-\u2029- x", "- \u0085- ", "[,]",
		"&a [*a, *a]", "x: !!str &b y\nz: *b", "a: |\n  - [b, c]\n", "'[a, b]': \"{c: d}\"",
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte(goodPackForShape))
	f.Fuzz(func(t *testing.T, data []byte) {
		marks := countMarks(data)
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for range 2 {
			var doc yaml.Node
			if err := dec.Decode(&doc); err != nil {
				if err != io.EOF {
					return
				}
				break
			}
			if n := countNodes(&doc); n > 2*marks+2 {
				t.Fatalf("%d nodes from %d marks in %q", n, marks, data)
			}
		}
	})
}

func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

const goodPackForShape = `pack: test
questions:
  - id: my-question
    title: Tell me about a time you shipped late
    competencies: [Ownership]
    steps:
      - {step: situation, target_s: 30, coaching: c, mistake: m, self_checks: [x]}
`
