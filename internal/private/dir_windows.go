//go:build windows

package private

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

func makeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	want, err := acl()
	if err != nil {
		return err
	}
	if sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION); err == nil && sd.String() == want {
		return nil
	}
	sd, err := windows.SecurityDescriptorFromString(want)
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

// acl is the private folder's access list in SDDL: protected from its
// parent's, one entry granting the user full control, inherited by the
// files (OI) and folders (CI) made in it.
func acl() (string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("who is the user: %w", err)
	}
	return "D:P(A;OICI;FA;;;" + u.User.Sid.String() + ")", nil
}
