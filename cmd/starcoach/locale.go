package main

import "strings"

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
