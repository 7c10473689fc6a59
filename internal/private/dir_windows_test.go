package private

import "testing"

// A folder's access list is private only when protected and holding the
// user's one entry, however Windows words the rest.
func TestIsPrivate(t *testing.T) {
	const entry = "(A;OICI;FA;;;S-1-5-21-1-2-3-1001)"
	for sddl, want := range map[string]bool{
		"D:P" + entry:                            true,
		"D:PAI" + entry:                          true,  // as Windows reads it back
		"D:AI" + entry:                           false, // the parent's entries come in too
		"D:PAI" + entry + "(A;OICI;FA;;;SY)":     false,
		"D:PAI(A;OICI;FA;;;S-1-5-21-1-2-3-1002)": false,
		"D:PAI(A;;FA;;;S-1-5-21-1-2-3-1001)":     false, // not inherited
		"":                                       false,
	} {
		if got := isPrivate(sddl, entry); got != want {
			t.Errorf("isPrivate(%q) = %v, want %v", sddl, got, want)
		}
	}
}
