package practice

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stored text is untrusted: a database restored from a backup can hold
// anything. Printed raw, a control character in it can clear a terminal,
// set its title or answer back on its input, and a bidirectional override
// makes what follows it on the line read in another order. Whatever
// prints stored text for a terminal or a file escapes these first.

// unsafeRune reports a character to escape: a C0 or C1 control, DEL, or
// a bidirectional embedding, override or isolate (U+202A-U+202E,
// U+2066-U+2069).
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// Printable is s for one line of a terminal: every control character,
// tabs and new lines too, every bidirectional control and every byte that
// is not UTF-8 written as a Go escape, "\x1b" or "\u202e".
func Printable(s string) string { return escape(s, false) }

// PrintableText is Printable keeping tabs and new lines, for a format that
// holds them, as CSV does.
func PrintableText(s string) string { return escape(s, true) }

func escape(s string, layout bool) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) && !(layout && (r == '\n' || r == '\t')) {
			b.WriteString(s[done:i])
			if size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
			done = i + size
		}
		i += size
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// EscapeJSON writes DEL, the C1 controls and the bidirectional controls in
// b, JSON that encoding/json wrote, as JSON escapes (\u009b): encoding/json
// escapes the C0 controls in strings itself but leaves these raw. Outside
// its strings JSON is ASCII, so each is inside a string, and the JSON
// decodes to the same values.
func EscapeJSON(b []byte) []byte {
	var out []byte
	done := 0 // b[:done] is in out
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && unsafeRune(r) {
			out = fmt.Appendf(append(out, b[done:i]...), `\u%04x`, r)
			done = i + size
		}
		i += size
	}
	if done == 0 {
		return b
	}
	return append(out, b[done:]...)
}
