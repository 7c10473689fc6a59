package practice

import (
	"errors"
	"testing"
	"time"
)

// An interview date can be set from today to two years ahead, in the
// time zone of the date picked; the error names the date and the range.
func TestCheckInterviewDate(t *testing.T) {
	tokyo := time.FixedZone("UTC+9", 9*3600)
	const window = "an interview date can be from today, 11 March 2026, to 11 March 2028"
	tests := []struct {
		d    time.Time
		want string // "" when it can be set
	}{
		{planNow, ""},
		{time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2028, 3, 11, 23, 0, 0, 0, tokyo), ""},
		{time.Date(2026, 3, 10, 23, 59, 0, 0, tokyo), "10 March 2026 has passed; " + window},
		{time.Date(2028, 3, 12, 0, 0, 0, 0, time.UTC), "12 March 2028 is more than 2 years ahead; " + window},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.Local), "31 December 9999 is more than 2 years ahead; " + window},
		{time.Date(12026, 4, 3, 0, 0, 0, 0, time.UTC), "3 April 12026 is more than 2 years ahead; " + window},
	}
	for _, tt := range tests {
		err := CheckInterviewDate(tt.d, planNow)
		var ie *InterviewDateError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v refused: %v", tt.d, err)
		case tt.want != "" && (!errors.As(err, &ie) || err.Error() != tt.want):
			t.Errorf("%v: %v\nwant %s", tt.d, err, tt.want)
		}
	}
}

// A stored date more than two years away either way reads as none.
func TestKeptInterviewDate(t *testing.T) {
	for d, kept := range map[time.Time]bool{
		planNow.AddDate(0, 0, 10):                     true,
		planNow.AddDate(2, 0, 0):                      true,
		planNow.AddDate(2, 0, 1):                      false,
		planNow.AddDate(0, 0, -3):                     true,
		planNow.AddDate(-2, 0, 0):                     true,
		planNow.AddDate(-2, 0, -1):                    false,
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC): false,
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC):      false,
	} {
		if got := KeptInterviewDate(d, planNow); got.IsZero() == kept || kept && !got.Equal(d) {
			t.Errorf("KeptInterviewDate(%v) = %v", d, got)
		}
	}
}
