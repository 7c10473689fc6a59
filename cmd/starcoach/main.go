// Command starcoach is a desktop coach for rehearsing behavioral interview
// answers aloud in STAR form. Without a command it opens the app; the
// commands serve scripts and people who like a terminal.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	_ "starcoach/internal/quietlocale" // first, before Fyne reads the locale

	"starcoach/practice"
)

// env is what every command gets: where to write and where the data lives.
type env struct {
	stdout, stderr io.Writer
	dataDir        string // resolved, not yet created
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) error
}

var commands = []command{
	{"questions", "[--json]", "list the question bank", runQuestions},
	{"plan", "[--json]", "list the questions in the order to rehearse them, with why", runPlan},
	{"import", "FILE.yaml", "validate a question pack and add it to the bank", runImport},
	{"lint", "FILE.yaml", "check a question pack against the rules of a complete walkthrough", runLint},
	{"analyze", "[--json] FILE.wav...", "measure spoken time, pauses and pace in recordings", runAnalyze},
	{"devices", "", "list audio input devices", runDevices},
	{"record", "[--device NAME] [--seconds N] [--json] FILE.wav", "record from the microphone, then analyze", runRecord},
	{"repair", "FILE.wav...", "fix the header of a recording cut off by a crash", runRepair},
	{"history", "[--question ID] [--csv|--json]", "print every recorded take", runHistory},
	{"stories", "[--json]", "list your stories with their competencies and linked questions", runStories},
	{"backup", "FILE", "write the database and every recording into one archive", runBackup},
	{"restore", "[--replace] FILE", "put a backup archive back in the data directory", runRestore},
	{"check", "", "report takes without recordings and recordings without takes", runCheck},
}

// errUsage makes main print usage and exit 2.
var errUsage = errors.New("usage")

func main() {
	e := &env{stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(e, os.Args[1:]))
}

func run(e *env, args []string) int {
	fs := flag.NewFlagSet("starcoach", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dataDirFlag(fs, e)
	fs.Usage = func() { usage(e.stderr) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		return report(e, runApp(e))
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	for _, c := range commands {
		if c.name == name {
			err := c.run(e, rest)
			if errors.Is(err, errUsage) {
				fmt.Fprintf(e.stderr, "usage: starcoach %s %s\n", c.name, c.args)
				return 2
			}
			return report(e, err)
		}
	}
	fmt.Fprintf(e.stderr, "starcoach: unknown command %q\n", name)
	usage(e.stderr)
	return 2
}

func report(e *env, err error) int {
	if err == nil {
		return 0
	}
	var ex exitError
	if errors.As(err, &ex) {
		return int(ex)
	}
	// An error can quote stored text: a pack's name, a path.
	fmt.Fprintf(e.stderr, "starcoach: %s\n", practice.PrintableText(err.Error()))
	return 1
}

// jsonOut writes what encoding/json wrote with practice.EscapeJSON
// applied. Each Write must hold whole characters, as an Encoder's do.
type jsonOut struct{ w io.Writer }

func (j jsonOut) Write(p []byte) (int, error) {
	if _, err := j.w.Write(practice.EscapeJSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// exitError ends a command with a status after it has reported its own
// errors (analyze goes on past a bad file, then exits 1).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("usage: starcoach [--data-dir DIR] [COMMAND [ARGS]]\n\nWithout a command, opens the app.\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-10s %-40s %s\n", c.name, c.args, c.summary)
	}
	b.WriteString("\nThe data directory defaults to $XDG_DATA_HOME/starcoach (~/.local/share/starcoach);\nSTARCOACH_DATA_DIR or --data-dir overrides it.\n")
	io.WriteString(w, b.String())
}

// newFlags starts a command's flag set; every command accepts --data-dir,
// before or after its name.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("starcoach "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dataDirFlag(fs, e)
	return fs
}

func dataDirFlag(fs *flag.FlagSet, e *env) {
	fs.Func("data-dir", "directory for the database and recordings", func(s string) error {
		e.dataDir = s
		return nil
	})
}
