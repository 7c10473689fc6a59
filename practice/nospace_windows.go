//go:build windows

package practice

import "syscall"

// noSpace are the errors a write gives on a full disk:
// ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL, and Go's own ENOSPC.
var noSpace = []error{syscall.Errno(39), syscall.Errno(112), syscall.ENOSPC}
