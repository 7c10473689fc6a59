//go:build windows

package privatetest

import "os"

// check asks only that the path exists. Windows has no owner-only mode
// bits (Go reports every writable file as 0666); a file there is private
// through the ACL it inherits from its folder, and the app's data lives
// under the user's own %AppData%, which grants access to the user, SYSTEM
// and Administrators only (TestDataDirIsPerUser in cmd/starcoach).
func check(path string) error {
	_, err := os.Stat(path)
	return err
}
