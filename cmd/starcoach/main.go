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
	dataDir        string        // resolved, not yet created
	flags          *flag.FlagSet // the command's, once it made it (its help lists them)
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
	{"report", "(--attempt ID | --loop ID) --out FILE.html", "write an attempt or a loop as one web page, its recordings inside, to keep or share", runReport},
}

// more is what a command's help says beyond its summary.
var more = map[string]string{
	"backup":  "A recording that is gone is left out and listed, and the exit status is 3: the archive\nis written and restores, without it. A failure is 1.",
	"restore": "The archive is checked whole before anything is written. A data directory that holds\na history is refused unless --replace, which moves it aside; nothing is deleted.",
	"report":  "The page fetches nothing: the timing bars are drawn in it and every take's recording is\ninside it, at telephone quality (8 kHz mu-law WAV, 8 KB a second), so it opens and plays\nin any browser, offline. It is written whole or not at all. A loop's page holds its figures\nand every answer: six three-minute answers with one-minute follow-ups come to about 15 MB.",
	"analyze": "Any PCM WAV: 8/16/24/32-bit integer or float, any rate, mono or stereo. A file that is\nnot one gets a line of its own and the exit status 1; the others are still analysed.",
}

// errUsage makes main print usage and exit 2.
var errUsage = errors.New("usage")

func main() {
	if len(os.Args) > 1 {
		attachConsole() // a command, not the app: print where it was typed
	}
	e := &env{stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(e, os.Args[1:]))
}

func run(e *env, args []string) int {
	fs := flag.NewFlagSet("starcoach", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dataDirFlag(fs, e)
	fs.Usage = func() {}
	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		usage(e.stdout)
		return 0
	case err != nil:
		fmt.Fprintln(e.stderr, "Run 'starcoach help' for usage.")
		return 2
	case fs.NArg() == 0:
		return exitStatus(e, runApp(e))
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		return help(e, rest)
	}
	c, ok := findCommand(name)
	if !ok {
		fmt.Fprintf(e.stderr, "starcoach %s: unknown command\nRun 'starcoach help' for usage.\n", practice.Printable(name))
		return 2
	}
	if wantsHelp(rest) {
		return help(e, []string{name})
	}
	err := c.run(e, rest)
	if errors.Is(err, errUsage) {
		fmt.Fprintf(e.stderr, "usage: starcoach %s %s\nRun 'starcoach help %s' for details.\n", c.name, c.args, c.name)
		return 2
	}
	return exitStatus(e, err)
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// wantsHelp reports whether a command's arguments ask for its help, as
// Go's tools take -h, -help and --help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}

// help is `starcoach help [COMMAND]`: the usage, or one command's, on
// standard output.
func help(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stdout)
		return 0
	}
	c, ok := findCommand(args[0])
	if len(args) > 1 || !ok {
		fmt.Fprintf(e.stderr, "starcoach help %s: unknown command\nRun 'starcoach help' for usage.\n", practice.Printable(strings.Join(args, " ")))
		return 2
	}
	// The command makes its flag set and stops at -h, having done nothing.
	probe := &env{stdout: io.Discard, stderr: io.Discard}
	c.run(probe, []string{"-h"})
	fmt.Fprintf(e.stdout, "usage: starcoach %s %s\n\n%s.\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
	if m := more[c.name]; m != "" {
		fmt.Fprintf(e.stdout, "\n%s\n", m)
	}
	if probe.flags != nil {
		fmt.Fprintln(e.stdout, "\nFlags:")
		probe.flags.SetOutput(e.stdout)
		probe.flags.PrintDefaults()
	}
	return 0
}

// exitStatus prints what went wrong, if anything, and returns the exit status.
func exitStatus(e *env, err error) int {
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
	b.WriteString("StarCoach rehearses behavioral interview answers aloud, in STAR form, against the clock.\n\n" +
		"Usage:\n\n\tstarcoach [--data-dir DIR] [command [arguments]]\n\n" +
		"Without a command, it opens the app. The commands are:\n\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.summary)
	}
	b.WriteString("\nUse \"starcoach help <command>\" for more information about a command.\n\n" +
		"The data directory defaults to $XDG_DATA_HOME/starcoach (~/.local/share/starcoach);\n" +
		"STARCOACH_DATA_DIR or --data-dir overrides it.\n")
	io.WriteString(w, b.String())
}

// newFlags starts a command's flag set; every command accepts --data-dir,
// before or after its name.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("starcoach "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr) // a flag it does not know is said there
	fs.Usage = func() {}   // and the usage line after it by run
	dataDirFlag(fs, e)
	e.flags = fs
	return fs
}

func dataDirFlag(fs *flag.FlagSet, e *env) {
	fs.Func("data-dir", "keep the database and recordings in `DIR`", func(s string) error {
		e.dataDir = s
		return nil
	})
}
