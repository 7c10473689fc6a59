// Package private makes a folder that holds the candidate's data, and
// keeps it theirs alone, as each operating system does that: mode 0700 on
// Unix; on Windows, an access list that lets in only the user, which every
// file and folder made in it inherits.
package private

// Dir makes dir, with any parents missing, and makes it private to the
// user who runs the app. It changes nothing that is already so, so a
// private folder on a read-only disk can still be used to read.
func Dir(dir string) error { return makeDir(dir) }
