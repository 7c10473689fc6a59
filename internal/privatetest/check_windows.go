//go:build windows

package privatetest

import (
	"fmt"
	"os"
	"regexp"

	"golang.org/x/sys/windows"
)

// ace is one entry of an access list in SDDL: its type (A allows, D
// denies) and the account it names.
var ace = regexp.MustCompile(`\((\w+);[^;]*;[^;]*;[^;]*;[^;]*;([^;)]*)\)`)

// check wants an access list that lets in no one but the user. Windows has
// no owner-only mode bits (Go reports every writable file as 0666): a file
// is private through the list it inherits from its folder, which
// internal/private makes. Wine keeps no access lists (it shows one made up
// from the Unix mode), so under Wine only the path's existence is checked.
func check(path string) error {
	if _, err := os.Stat(path); err != nil || underWine() {
		return err
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return err
	}
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return err
	}
	user := u.User.Sid.String()
	entries := ace.FindAllStringSubmatch(sd.String(), -1)
	if len(entries) == 0 {
		return fmt.Errorf("access list %s: no entries, or none that could be read", sd)
	}
	for _, e := range entries {
		if e[1] != "D" && e[2] != user {
			return fmt.Errorf("access list %s lets in %s, not only %s", sd, e[2], user)
		}
	}
	return nil
}

func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
