package main

import (
	"starcoach/audio"
	"starcoach/audio/wav"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/session"
)

// salvager turns a recording cut off by a crash back into a take: the WAV
// header is repaired, the audio analysed, and the take made as the
// session makes it (session.Recovered).
func salvager(bank *practice.Bank) sqlite.Salvager {
	return func(abs string, att practice.Attempt, step practice.StepID) (practice.Take, error) {
		if _, err := wav.Repair(abs); err != nil {
			return practice.Take{}, err
		}
		a, err := audio.AnalyzeFile(abs)
		if err != nil {
			return practice.Take{}, err
		}
		return session.Recovered(step, att, bank.Question(att.QuestionID), a), nil
	}
}
