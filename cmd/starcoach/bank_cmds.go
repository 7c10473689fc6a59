package main

import "errors"

func runQuestions(e *env, args []string) error { return errors.New("questions: not built yet") }
func runImport(e *env, args []string) error    { return errors.New("import: not built yet") }
func runApp(e *env) error                      { return errors.New("app: not built yet") }
