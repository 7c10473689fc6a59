package practice

import (
	"fmt"
	"time"
)

// interviewYears is how far ahead an interview date may be set: far
// enough for anyone preparing, near enough that a typo (9999 for 2029)
// is caught.
const interviewYears = 2

// InterviewDateError says why a date cannot be set as the interview's.
type InterviewDateError struct {
	Date        time.Time // the date refused, in its own time zone
	First, Last time.Time // the dates that can be set: today to two years ahead
}

func (e *InterviewDateError) Error() string {
	const layout = "2 January 2006"
	why := "has passed"
	if dayNumber(e.Date) > dayNumber(e.Last) {
		why = fmt.Sprintf("is more than %d years ahead", interviewYears)
	}
	return fmt.Sprintf("%s %s; an interview date can be from today, %s, to %s",
		e.Date.Format(layout), why, e.First.Format(layout), e.Last.Format(layout))
}

// CheckInterviewDate says why d, a calendar date in its own time zone,
// cannot be set as the interview date at now: it must be from now's date
// to two years after it. It returns nil, or an *InterviewDateError.
func CheckInterviewDate(d, now time.Time) error {
	first, last := interviewWindow(now)
	if day := dayNumber(d); day < dayNumber(first) || day > dayNumber(last) {
		return &InterviewDateError{Date: d, First: first, Last: last}
	}
	return nil
}

// KeptInterviewDate is d, an interview date read back from storage, or
// zero when it lies more than two years from now's date either way: no
// one could have set it that far ahead, and that long past it no longer
// matters. A database restored from elsewhere can hold anything.
func KeptInterviewDate(d, now time.Time) time.Time {
	first, last := interviewWindow(now)
	if day := dayNumber(d); day < dayNumber(first.AddDate(-interviewYears, 0, 0)) || day > dayNumber(last) {
		return time.Time{}
	}
	return d
}

// interviewWindow is the first and last dates an interview can be set on
// at now: today and two years ahead, at midnight in now's zone.
func interviewWindow(now time.Time) (first, last time.Time) {
	y, m, d := now.Date()
	first = time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	return first, first.AddDate(interviewYears, 0, 0)
}
