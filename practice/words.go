package practice

import "fmt"

// Plural counts in words: "1 question", "2 questions".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
