package practice

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A pack is read from a file anyone may have written, so its shape is
// bounded before its questions are decoded: parsing and decoding cost in
// proportion to the YAML nodes, and the decoder's check for repeated keys
// in proportion to the square of a mapping's keys. The built-in bank's 32
// questions, 540 KB, have 10,991 marks (343 a question), nest lists and
// mappings 6 deep, and their largest mapping, a question, has 12 keys.
const (
	// maxPackQuestions leaves room for a few hundred questions written
	// like the bank's (a 4 MiB pack holds about 250 of them), or a
	// thousand shorter ones.
	maxPackQuestions = 1000
	// maxPackMarks bounds the nodes the YAML parser can build (at most
	// two a mark) before it builds any: 4 MiB written like the built-in
	// bank has 86,000.
	maxPackMarks = 100_000
	maxPackDepth = 12
	maxPackKeys  = 32
)

// countMarks counts the bytes that can start a YAML list item or a
// mapping entry: every ',', ':', '?', '[' and '{', and each '-' followed
// by a blank, a line break or the end (a block list's entry; a byte of
// 0x80 or more may begin the Unicode line breaks the parser also takes).
// Every node below the document's top is an item or a key or value of an
// entry, and each item or entry owns one of these marks, so a pack of n
// marks parses into at most 2n+2 nodes. Marks inside quoted text or
// comments are counted too: an overestimate, never an underestimate, and
// prose has few of them.
func countMarks(data []byte) int {
	n := 0
	for i, c := range data {
		switch c {
		case ',', ':', '?', '[', '{':
			n++
		case '-':
			if i+1 == len(data) {
				n++
				break
			}
			switch next := data[i+1]; {
			case next == ' ', next == '\t', next == '\n', next == '\r', next == 0, next >= 0x80:
				n++
			}
		}
	}
	return n
}

// checkShape names the first way the parsed document doc goes past the
// limits on a pack's questions, nesting and mappings, or uses an alias
// (which the decoder would expand, "a billion laughs" from a few lines).
func checkShape(name string, doc *yaml.Node) *ParseError {
	fail := func(n *yaml.Node, format string, args ...any) *ParseError {
		return &ParseError{File: name, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	if qs, _, ok := walk(doc, []any{"questions"}); ok && qs.Kind == yaml.SequenceNode && len(qs.Content) > maxPackQuestions {
		return &ParseError{File: name, Line: qs.Line, Field: "questions",
			Msg: fmt.Sprintf("has %d questions; a question pack may have at most %d", len(qs.Content), maxPackQuestions)}
	}
	var check func(n *yaml.Node, depth int) *ParseError
	check = func(n *yaml.Node, depth int) *ParseError {
		switch n.Kind {
		case yaml.AliasNode:
			return fail(n, "uses the YAML alias *%s; a question pack writes every value out in full", n.Value)
		case yaml.MappingNode, yaml.SequenceNode:
			if depth > maxPackDepth {
				return fail(n, "lists and mappings nest %d deep here; a question pack nests them at most %d deep", depth, maxPackDepth)
			}
			if n.Kind == yaml.MappingNode {
				if err := checkKeys(name, n); err != nil {
					return err
				}
			}
		}
		for _, c := range n.Content {
			if err := check(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return check(doc, 1)
}

// checkKeys refuses a mapping of more than maxPackKeys keys, or one with a
// key twice: the decoder compares every pair of keys and reports every
// pair alike, n²/2 errors for a mapping of n keys alike.
func checkKeys(name string, m *yaml.Node) *ParseError {
	if keys := len(m.Content) / 2; keys > maxPackKeys {
		return &ParseError{File: name, Line: m.Line, Msg: fmt.Sprintf("a mapping of %d keys; a mapping in a question pack has at most %d", keys, maxPackKeys)}
	}
	type key struct {
		kind  yaml.Kind
		value string
	}
	seen := make(map[key]int, len(m.Content)/2)
	for i := 0; i < len(m.Content); i += 2 {
		k := m.Content[i]
		if line, dup := seen[key{k.Kind, k.Value}]; dup {
			return &ParseError{File: name, Line: k.Line, Msg: fmt.Sprintf("mapping key %q already defined at line %d", k.Value, line)}
		}
		seen[key{k.Kind, k.Value}] = k.Line
	}
	return nil
}

// knownFields reports each mapping key in n that names no field of t, the
// type n decodes into, as the YAML decoder's KnownFields would: a
// misspelt field is an error, not silently dropped. Working on the parsed
// tree, it lets the pack be parsed once.
func knownFields(errs *ParseErrors, name string, n *yaml.Node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for _, c := range n.Content {
			knownFields(errs, name, c, t.Elem())
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue // the decoder says it is no field name
			}
			f, ok := yamlField(t, k.Value)
			if !ok {
				errs.add(func() *ParseError {
					return &ParseError{File: name, Line: k.Line, Msg: fmt.Sprintf("field %s not found in type %s", k.Value, t)}
				})
				continue
			}
			knownFields(errs, name, n.Content[i+1], f.Type)
		}
	}
}

// yamlField is the field of struct t that the YAML key names: by its tag,
// else by its name in lower case.
func yamlField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if f.IsExported() && name != "-" && name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
