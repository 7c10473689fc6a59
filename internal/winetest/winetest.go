//go:build windows && wine

// Package winetest lets the tests run under Wine 8.0, where Go's
// os.RemoveAll fails with "Invalid function": Go 1.26 deletes with
// FileDispositionInformationEx (Windows 10 1607 and later), which Wine 8.0
// lacks and answers with a status Go does not take for "unsupported", so
// every t.TempDir's cleanup would fail. Importing it under Wine turns on
// the fallback Go keeps for older Windows and file systems.
//
// Test packages import it from a file tagged "wine"; scripts/wine-smoke.sh
// builds them with -tags wine and -ldflags=-checklinkname=0, which the
// reference below needs. Nothing else, and nothing shipped, imports it.
package winetest

import (
	_ "unsafe" // for go:linkname

	"golang.org/x/sys/windows"
)

//go:linkname deleteatFallback internal/syscall/windows.TestDeleteatFallback
var deleteatFallback bool

func init() {
	if windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil {
		deleteatFallback = true
	}
}
