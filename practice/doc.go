// Package practice is StarCoach's domain: behavioral questions in STAR form,
// interview levels and their time windows, the step targets derived from
// them, the verdicts on spoken time, and the attempts a candidate records.
//
// It knows nothing of Fyne, PortAudio or SQL; storage lives in adapters
// beneath it (practice/sqlite) and the UI talks to those through the types
// declared here.
package practice
