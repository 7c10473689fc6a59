//go:build !unix

package main

// reexecQuietly: C.UTF-8 locales are a Unix matter.
func reexecQuietly() {}
