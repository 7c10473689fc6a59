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
