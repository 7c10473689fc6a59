//go:build unix

package practice

import "syscall"

// noSpace are the errors a write gives on a full disk.
var noSpace = []error{syscall.ENOSPC}
