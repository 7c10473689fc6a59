// Package audio records the candidate from the microphone through PortAudio,
// streams it to WAV files that survive a crash, plays them back, and
// measures how long the candidate actually spoke. It knows nothing of Fyne.
package audio
