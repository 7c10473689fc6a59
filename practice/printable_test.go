package practice_test

import (
	"encoding/json"
	"testing"

	"starcoach/practice"
)

func TestPrintable(t *testing.T) {
	tests := []struct {
		in, line, text string
	}{
		{"Webhook outage", "Webhook outage", "Webhook outage"},
		{"Café · 3 €, naïve “quotes” ✓", "Café · 3 €, naïve “quotes” ✓", "Café · 3 €, naïve “quotes” ✓"},
		{"title\x1b]0;pwned\x07", `title\x1b]0;pwned\x07`, `title\x1b]0;pwned\x07`},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`, `\x1b[2Jcleared`},
		{"one\ntwo\tthree\r", `one\x0atwo\x09three\x0d`, "one\ntwo\tthree\\x0d"},
		{"nul\x00 del\x7f", `nul\x00 del\x7f`, `nul\x00 del\x7f`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`, `c1 \u009b2J \u0085`},
		{"bidi \u202etxt.exe\u202c \u2066x\u2069", `bidi \u202etxt.exe\u202c \u2066x\u2069`, `bidi \u202etxt.exe\u202c \u2066x\u2069`},
		{"not UTF-8: \x9b\xff", `not UTF-8: \x9b\xff`, `not UTF-8: \x9b\xff`},
		{"a real \ufffd stays", "a real \ufffd stays", "a real \ufffd stays"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := practice.Printable(tt.in); got != tt.line {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := practice.PrintableText(tt.in); got != tt.text {
			t.Errorf("PrintableText(%q) = %q, want %q", tt.in, got, tt.text)
		}
	}
}

// encoding/json escapes C0 controls but not DEL, C1 or the bidirectional
// controls; EscapeJSON does, and the JSON still decodes to the same text.
func TestEscapeJSON(t *testing.T) {
	in := "t\x1b]0;x\x07 \x7f \u009b2J \u202e \u2066 ok é"
	raw, err := json.MarshalIndent(map[string]string{"title": in}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got := practice.EscapeJSON(raw)
	want := "{\n  \"title\": \"t\\u001b]0;x\\u0007 \\u007f \\u009b2J \\u202e \\u2066 ok é\"\n}"
	if string(got) != want {
		t.Errorf("EscapeJSON:\n%s\nwant\n%s", got, want)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["title"] != in {
		t.Errorf("decodes to %q (%v), want %q", back["title"], err, in)
	}
	if clean := []byte(`{"a":"b"}`); &practice.EscapeJSON(clean)[0] != &clean[0] {
		t.Error("clean JSON was copied")
	}
}
