package main

import "errors"

// Owned by the storage work (issue 4): history, backup.

func runHistory(e *env, args []string) error { return errors.New("history: not built yet") }
func runBackup(e *env, args []string) error  { return errors.New("backup: not built yet") }
