package practice

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Pack is a file of questions: the built-in bank is a few of them, and a
// candidate can import more.
type Pack struct {
	// Source is where the pack came from (its file name; built-in packs
	// are "builtin/<file>"), set by the loader.
	Source    string     `yaml:"-"`
	Name      string     `yaml:"pack"`
	Questions []Question `yaml:"questions"`
}

// ParseError says which file, line and field of a pack is wrong.
type ParseError struct {
	File  string
	Line  int
	Field string // e.g. questions[2].steps[0].target_s; empty for syntax errors
	Msg   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// ParseErrors is the problems found in one pack, in file order: the
// first maxShownErrors, and how many more there were. A broken pack can
// have thousands, and a dialog or terminal full of them helps nobody.
type ParseErrors struct {
	First []*ParseError
	More  int
}

const maxShownErrors = 20

func (es ParseErrors) Error() string {
	msgs := make([]string, 0, len(es.First)+1)
	for _, e := range es.First {
		msgs = append(msgs, e.Error())
	}
	if es.More > 0 {
		msgs = append(msgs, fmt.Sprintf("… and %d more problems; fix these first", es.More))
	}
	return strings.Join(msgs, "\n")
}

// add keeps the problem build makes while fewer than maxShownErrors are
// kept; past that it only counts it, without building it.
func (es *ParseErrors) add(build func() *ParseError) {
	if len(es.First) == maxShownErrors {
		es.More++
		return
	}
	es.First = append(es.First, build())
}

// result is es sorted by line, or nil when it holds none.
func (es *ParseErrors) result() error {
	if len(es.First) == 0 {
		return nil
	}
	sort.SliceStable(es.First, func(i, j int) bool { return es.First[i].Line < es.First[j].Line })
	return *es
}

// maxPackSize guards against a runaway import; the built-in bank is 540 KB.
const maxPackSize = 4 << 20

// ImportPack reads the pack at path, checks it against the bank and,
// when it fits, keeps it with save (a store's SavePack) under its file's
// base name, which it returns: the one way a pack comes in, from the app
// or the command line. The bank is not changed: Add the pack to it after.
func ImportPack(path string, b *Bank, save func(name string, data []byte) error) (*Pack, string, error) {
	name := filepath.Base(path)
	p, data, err := ReadPackFile(path)
	if err == nil {
		err = b.CheckAdd(p)
	}
	if err == nil {
		err = save(name, data)
	}
	if err != nil {
		return nil, name, err
	}
	return p, name, nil
}

// ReadPackFile reads and parses the pack in a file, named by its base
// name in errors; see ReadPack.
func ReadPackFile(path string) (*Pack, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadPack(filepath.Base(path), f)
}

// ReadPack reads a pack of at most 4 MiB from r and parses it like
// ParsePack; it stops reading past the limit, so an endless input (a
// device, a pipe) costs no more than the limit.
func ReadPack(name string, r io.Reader) (*Pack, []byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPackSize+1))
	if err != nil {
		return nil, nil, &ParseError{File: name, Msg: err.Error()}
	}
	if len(data) > maxPackSize {
		return nil, nil, &ParseError{File: name, Msg: fmt.Sprintf("file is larger than %d bytes, the most a question pack may be", maxPackSize)}
	}
	p, err := ParsePack(name, data)
	return p, data, err
}

// ParsePack reads a pack from YAML and validates every question in it. The
// name (usually the file name) is used in error messages. It returns the
// first problems found (see ParseErrors), each naming the line and field.
// It bounds the pack's size and shape (countMarks, checkShape) before it
// builds or decodes anything in proportion to them.
func ParsePack(name string, data []byte) (*Pack, error) {
	if len(data) > maxPackSize {
		return nil, &ParseError{File: name, Msg: fmt.Sprintf("file is %d bytes; a question pack may be at most %d", len(data), maxPackSize)}
	}
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	if n := countMarks(data); n > maxPackMarks {
		return nil, &ParseError{File: name, Msg: fmt.Sprintf("has %d of the marks that build YAML lists and mappings (, : ? [ { and - ); a question pack may have at most %d", n, maxPackMarks)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return nil, lineError(name, err.Error())
	}
	if len(root.Content) == 0 {
		return nil, &ParseError{File: name, Msg: "file is empty; expected a question pack with a \"questions:\" list"}
	}
	doc := root.Content[0]
	if err := checkShape(name, doc); err != nil {
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		line := 0
		if err == nil {
			line = next.Line
		}
		return nil, &ParseError{File: name, Line: line, Msg: "the file holds a second YAML document (after ---); a pack is one document, so split it into two files"}
	}
	// Decoded from the tree, so the file is parsed once; knownFields does
	// what the decoder's KnownFields does when it reads a file.
	var errs ParseErrors
	knownFields(&errs, name, doc, reflect.TypeFor[Pack]())
	p := Pack{Source: name}
	if err := doc.Decode(&p); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, lineError(name, err.Error())
		}
		for _, msg := range te.Errors {
			errs.add(func() *ParseError { return lineError(name, msg) })
		}
	}
	if err := errs.result(); err != nil {
		return nil, err
	}
	v := &validator{name: name, doc: doc}
	p.validate(v)
	if err := v.errs.result(); err != nil {
		return nil, err
	}
	return &p, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// checkText names the line and column of the first byte that is not UTF-8
// text, or of a control character (a terminal escape code would be printed
// raw by the command line), or returns nil.
func checkText(name string, data []byte) *ParseError {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size <= 1:
			return &ParseError{File: name, Line: line, Msg: fmt.Sprintf("byte %#02x in column %d is not UTF-8 text; save the file as UTF-8", data[0], col)}
		case isControl(r):
			return &ParseError{File: name, Line: line, Msg: fmt.Sprintf("holds the control character %U in column %d; only text, new lines and tabs belong in a pack", r, col)}
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		data = data[size:]
	}
	return nil
}

// lineError turns one of the YAML library's messages into a ParseError
// with its line.
func lineError(name, msg string) *ParseError {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &ParseError{File: name, Line: n, Msg: m[2]}
	}
	return &ParseError{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// LoadFS parses the built-in bank: every *.yaml file in fsys (not
// recursive), in name order.
func LoadFS(fsys fs.FS) ([]*Pack, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var packs []*Pack
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read question pack: %w", err)
		}
		p, err := ParsePack(path.Base(n), data)
		if err != nil {
			return nil, err
		}
		p.Source = "builtin/" + p.Source
		packs = append(packs, p)
	}
	return packs, nil
}

// Bank is the set of questions the app offers. It is safe for concurrent
// use: an import is checked off the UI goroutine while the UI reads.
type Bank struct {
	mu        sync.RWMutex
	questions []*Question
	byID      map[string]*Question
	source    map[string]string // question ID -> Pack.Source
}

// NewBank builds a bank from packs; question IDs must be unique across them.
func NewBank(packs ...*Pack) (*Bank, error) {
	b := &Bank{byID: map[string]*Question{}, source: map[string]string{}}
	for _, p := range packs {
		if err := b.Add(p); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// CheckAdd reports whether Add would accept p, so an import can be refused
// before anything is stored.
func (b *Bank) CheckAdd(p *Pack) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.checkAdd(p)
}

// checkAdd: an ID may only be reused by a newer version of the same pack.
func (b *Bank) checkAdd(p *Pack) error {
	for _, q := range p.Questions {
		if src, dup := b.source[q.ID]; dup && src != p.Source {
			return fmt.Errorf("%s: question id %q is already in the bank (from %s)", p.Source, q.ID, src)
		}
	}
	return nil
}

// Add adds a pack's questions, replacing an earlier pack from the same
// source (re-importing an edited file updates it), or changes nothing if a
// question ID is taken by another pack.
func (b *Bank) Add(p *Pack) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.checkAdd(p); err != nil {
		return err
	}
	kept := b.questions[:0:0]
	for _, q := range b.questions {
		if b.source[q.ID] == p.Source {
			delete(b.byID, q.ID)
			delete(b.source, q.ID)
			continue
		}
		kept = append(kept, q)
	}
	b.questions = kept
	for i := range p.Questions {
		q := &p.Questions[i]
		b.questions = append(b.questions, q)
		b.byID[q.ID] = q
		b.source[q.ID] = p.Source
	}
	return nil
}

// Questions returns every question, in the order they were added.
func (b *Bank) Questions() []*Question {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return append([]*Question(nil), b.questions...)
}

// Question returns the question with the given ID, or nil.
func (b *Bank) Question(id string) *Question {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.byID[id]
}

// Categories returns the distinct categories, sorted.
func (b *Bank) Categories() []string {
	var all []string
	for _, q := range b.Questions() {
		all = append(all, q.Category)
	}
	return sortedDistinct(all)
}

// Competencies returns every competency tagged on the bank's questions,
// sorted and distinct: what the story bank should cover.
func (b *Bank) Competencies() []string {
	var all []string
	for _, q := range b.Questions() {
		all = append(all, q.Competencies...)
	}
	return sortedDistinct(all)
}

func sortedDistinct(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// Search returns the questions whose title, category, competencies or
// overview contain every word of text (case-insensitive), limited to
// category unless it is empty.
func (b *Bank) Search(text, category string) []*Question {
	words := strings.Fields(strings.ToLower(text))
	var out []*Question
	for _, q := range b.Questions() {
		if category != "" && q.Category != category {
			continue
		}
		hay := strings.ToLower(strings.Join(append([]string{q.Title, q.Category, q.Overview}, q.Competencies...), " "))
		match := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, q)
		}
	}
	return out
}
