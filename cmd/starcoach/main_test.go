package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// A C.UTF-8 or bare locale starts quietly and in English.
func TestLocaleFallbackIsQuiet(t *testing.T) {
	for _, env := range [][]string{
		{"LC_ALL=", "LC_MESSAGES=", "LANG=C.UTF-8"},
		{"LC_ALL=C.UTF-8"},
		{"LC_ALL=", "LC_MESSAGES=", "LANG=C"},
		{"LC_ALL=", "LC_MESSAGES=", "LANG=", "LANGUAGE="},
	} {
		c := childCLI(t, append(env, "STARCOACH_DATA_DIR="+t.TempDir()), "questions")
		var out, errb bytes.Buffer
		c.Stdout, c.Stderr = &out, &errb
		err := c.Run()
		if _, failed := err.(*exec.ExitError); err != nil && !failed {
			t.Fatal(err)
		}
		if err != nil || errb.Len() > 0 {
			t.Errorf("%v: %v, stderr %q", env, err, errb.String())
		}
		if !strings.Contains(out.String(), "unpopular-decision") {
			t.Errorf("%v: question list missing from output", env)
		}
	}
}

// The command line follows Go's tools: help and -h print to standard
// output and exit 0, one usage block a command; a mistake prints the
// usage line to standard error and exits 2.
func TestHelpFollowsGoConventions(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args       []string
		code       int
		out, err   string // what each stream holds; "" for nothing
		notInBoth  string // said on neither stream
		usageLines int    // how many "usage:" lines the output holds
	}{
		{args: []string{"help"}, out: `Use "starcoach help <command>"`},
		{args: []string{"-h"}, out: "The commands are:"},
		{args: []string{"--help"}, out: "The commands are:"},
		{args: []string{"help", "record"}, out: "usage: starcoach record [--device NAME] [--seconds N] [--json] FILE.wav", usageLines: 1},
		{args: []string{"record", "--help"}, out: "  -seconds N", usageLines: 1, notInBoth: "Usage of"},
		{args: []string{"history", "-h"}, out: "-question ID", usageLines: 1, notInBoth: "Usage of"},
		{args: []string{"help", "backup"}, out: "the exit status is 3", usageLines: 1},
		{args: []string{"analyze", "--", "-h"}, code: 1, err: "-h"},
		{args: []string{"help", "nonsense"}, code: 2, err: "starcoach help nonsense: unknown command"},
		{args: []string{"nonsense"}, code: 2, err: "Run 'starcoach help' for usage."},
		{args: []string{"history", "--bogus"}, code: 2, err: "usage: starcoach history [--question ID] [--csv|--json]\nRun 'starcoach help history' for details."},
		{args: []string{"--bogus"}, code: 2, err: "Run 'starcoach help' for usage."},
	} {
		out, errOut, code := runCmd(t, append([]string{"--data-dir", dir}, c.args...)...)
		name := strings.Join(c.args, " ")
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%q %q)", name, code, c.code, out, errOut)
		}
		if (c.out == "") != (out == "") || !strings.Contains(out, c.out) {
			t.Errorf("%s: stdout %q, want it to hold %q", name, out, c.out)
		}
		if (c.err == "") != (errOut == "") || !strings.Contains(errOut, c.err) {
			t.Errorf("%s: stderr %q, want it to hold %q", name, errOut, c.err)
		}
		if c.notInBoth != "" && strings.Contains(out+errOut, c.notInBoth) {
			t.Errorf("%s: says %q", name, c.notInBoth)
		}
		if n := strings.Count(out, "usage:"); c.usageLines > 0 && n != c.usageLines {
			t.Errorf("%s: %d usage lines:\n%s", name, n, out)
		}
	}
}
