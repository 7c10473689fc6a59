package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets a test run this test binary as the real starcoach command
// (see starcoach below), so commands are tested in a process of their own,
// with the environment and exit status a user would see.
func TestMain(m *testing.M) {
	if os.Getenv("STARCOACH_RUN_MAIN") == "1" {
		os.Args = append([]string{"starcoach"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

// starcoach runs the command with args and extra environment, returning its
// stdout, stderr and exit code.
func starcoach(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "STARCOACH_RUN_MAIN=1"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run starcoach %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// A C.UTF-8 or bare locale starts quietly and in English.
func TestLocaleFallbackIsQuiet(t *testing.T) {
	for _, env := range [][]string{
		{"LC_ALL=", "LC_MESSAGES=", "LANG=C.UTF-8"},
		{"LC_ALL=C.UTF-8"},
		{"LC_ALL=", "LC_MESSAGES=", "LANG=C"},
		{"LC_ALL=", "LC_MESSAGES=", "LANG=", "LANGUAGE="},
	} {
		out, errOut, code := starcoach(t, append(env, "STARCOACH_DATA_DIR="+t.TempDir()), "questions")
		if code != 0 || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", env, code, errOut)
		}
		if !strings.Contains(out, "unpopular-decision") {
			t.Errorf("%v: question list missing from output", env)
		}
	}
}
