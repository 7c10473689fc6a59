//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole lets a command print in the Command Prompt it was typed
// in. The exe is built for the GUI subsystem, so that no console window
// opens beside the app when it starts from the Start menu; a program of
// that kind starts with no standard output, so it borrows its parent's
// console. Output redirected to a file or a pipe is left where it goes.
func attachConsole() {
	out, errOut := stdHandle(windows.STD_OUTPUT_HANDLE), stdHandle(windows.STD_ERROR_HANDLE)
	if out && errOut {
		return
	}
	const parentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS
	if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(parentProcess); r == 0 {
		return // started from Explorer: there is nowhere to print
	}
	// Read access too: Go writes UTF-16 to a console only when it can
	// ask the handle's console mode, which needs it.
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	h := windows.Handle(con.Fd())
	if !out {
		os.Stdout = con
		windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, h)
	}
	if !errOut {
		os.Stderr = con
		windows.SetStdHandle(windows.STD_ERROR_HANDLE, h) // for a panic's message too
	}
}

// stdHandle reports whether the standard handle which is set.
func stdHandle(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	return err == nil && h != 0 && h != windows.InvalidHandle
}
