package sqlite

import "testing"

// A path on a drive becomes a URI SQLite opens; "file://C:/..." would name
// C: as a host, which SQLite refuses ("invalid uri authority").
func TestReadURLOfAWindowsPath(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{`C:\Users\Ann Lee\AppData\Roaming\StarCoach\starcoach.db`, "file:///C:/Users/Ann%20Lee/AppData/Roaming/StarCoach/starcoach.db?mode=ro"},
		{`\\nas\home\StarCoach\starcoach.db`, "file:////nas/home/StarCoach/starcoach.db?mode=ro"},
	} {
		if got := readURL(c.path, "mode=ro"); got[:len(c.want)] != c.want {
			t.Errorf("readURL(%q) = %q, want it to begin %q", c.path, got, c.want)
		}
	}
}
