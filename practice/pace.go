package practice

// syllablesPerWord is the average for conversational English; it turns a
// syllable rate measured from the signal into an approximate word rate.
const syllablesPerWord = 1.5

// EstimatedWPM converts a syllable rate into an estimated words per minute.
// It is an estimate: the true figure depends on the words used.
func EstimatedWPM(syllablesPerSec float64) int {
	return int(syllablesPerSec*60/syllablesPerWord + 0.5)
}
