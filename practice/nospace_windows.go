//go:build windows

package practice

import "syscall"

// noSpace are the errors a write gives on a full disk
// (ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL and Go's own ENOSPC),
// readOnlyDisk those it gives on a write-protected one
// (ERROR_WRITE_PROTECT).
var (
	noSpace      = []error{syscall.Errno(39), syscall.Errno(112), syscall.ENOSPC}
	readOnlyDisk = []error{syscall.Errno(19)}
)
