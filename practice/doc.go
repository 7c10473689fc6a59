// Package practice is StarCoach's domain: behavioral questions in STAR form,
// interview levels and their time windows, the step targets derived from
// them, the verdicts on spoken time and how far off it is, the attempts a
// candidate records and what they show over time (bests, trends, the
// plan). Every rule is here, once; the screens word what it decides.
//
// It knows nothing of Fyne, PortAudio or SQL; storage lives in adapters
// beneath it (practice/sqlite) and the UI talks to those through the types
// declared here.
package practice
