// Package assets holds what StarCoach embeds: the built-in question bank
// (one YAML pack per question under questions/) and the app icon.
package assets

import (
	"embed"
	"fmt"
	"io/fs"

	"starcoach/practice"
)

//go:embed questions/*.yaml
var questions embed.FS

// Icon is the app icon (PNG), also named in FyneApp.toml.
//
//go:embed icon.png
var Icon []byte

// Questions is the built-in bank as a file system of question packs.
var Questions fs.FS = mustSub(questions, "questions")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // only a typo in the directory name above can cause this
	}
	return sub
}

// Bank loads the built-in question bank.
func Bank() (*practice.Bank, error) {
	packs, err := practice.LoadFS(Questions)
	if err != nil {
		return nil, fmt.Errorf("built-in questions: %w", err)
	}
	return practice.NewBank(packs...)
}
