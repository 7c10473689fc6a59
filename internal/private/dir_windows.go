//go:build windows

package private

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/windows"
)

func makeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("who is the user: %w", err)
	}
	entry := "(A;OICI;FA;;;" + u.User.Sid.String() + ")"
	if sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION); err == nil && isPrivate(sd.String(), entry) {
		return nil
	}
	sd, err := windows.SecurityDescriptorFromString("D:P" + entry)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	// Protected: the folder's parent's entries (Users, Everyone, whatever
	// a --data-dir elsewhere had) are not inherited.
	if err := windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil); err != nil {
		return &os.PathError{Op: "set access list", Path: dir, Err: err}
	}
	return nil
}

// isPrivate reports whether sddl, a folder's access list, is the private
// one: protected from its parent's (P; Windows adds AI, auto-inherited,
// when it applies one) and holding one entry, entry, which grants the user
// full control, inherited by the files (OI) and folders (CI) made in it.
func isPrivate(sddl, entry string) bool {
	flags, entries, ok := strings.Cut(strings.TrimPrefix(sddl, "D:"), "(")
	return ok && strings.Contains(flags, "P") && "("+entries == entry
}
