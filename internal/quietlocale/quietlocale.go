// Package quietlocale makes a C.UTF-8 or POSIX.UTF-8 locale read as plain
// English to Fyne, so the app starts without logging a locale error.
//
// Fyne reads the locale while its lang package initialises, before main
// runs. Go initialises packages in import-path order among those whose
// imports are ready; this package imports only os and strings, while
// Fyne's lang package waits on text/template, which sorts after
// "starcoach/". So importing this package from main, for its side effect,
// fixes the environment in time. A test runs the real binary to keep it so.
package quietlocale

import (
	"os"
	"strings"
)

func init() { quietEnglish(os.Getenv, os.Setenv, os.Unsetenv) }

// quietEnglish makes a C or POSIX locale read as plain English to Fyne.
//
// Fyne takes its language from LC_ALL, LC_MESSAGES or LANG (the first one
// set). It understands "C" and "POSIX" but not "C.UTF-8", the default in
// many containers and minimal installs, and logs a parse error at every
// start. Setting LC_MESSAGES=C asks for untranslated (English) messages,
// which is what C.UTF-8 means anyway; the other categories keep their
// value, so text encoding is unchanged.
func quietEnglish(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if v == lang || (lang != "C" && lang != "POSIX") {
			return // a real language, or plain C/POSIX that Fyne handles
		}
		if name == "LC_ALL" {
			// LC_ALL overrides every category, so it has to go; LANG
			// carries its value for all but messages.
			unsetenv("LC_ALL")
			setenv("LANG", v)
		}
		setenv("LC_MESSAGES", "C")
		return
	}
}
