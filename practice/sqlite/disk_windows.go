//go:build windows

package sqlite

import "golang.org/x/sys/windows"

// syncDir does nothing on Windows: NTFS journals its directory changes,
// and a directory cannot be opened for flushing as a file can.
func syncDir(string) error { return nil }

// freeSpace is how many bytes the user can still write on dir's disk.
func freeSpace(dir string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, err
	}
	return avail, nil
}
