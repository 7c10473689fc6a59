package main

import "errors"

// Owned by the audio work (issue 3): analyze, devices, record.

func runAnalyze(e *env, args []string) error { return errors.New("analyze: not built yet") }
func runDevices(e *env, args []string) error { return errors.New("devices: not built yet") }
func runRecord(e *env, args []string) error  { return errors.New("record: not built yet") }
