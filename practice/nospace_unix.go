//go:build unix

package practice

import "syscall"

// noSpace are the errors a write gives on a full disk, readOnlyDisk those
// it gives on a disk mounted read-only.
var (
	noSpace      = []error{syscall.ENOSPC}
	readOnlyDisk = []error{syscall.EROFS}
)
