package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"starcoach/assets"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/ui"
)

// appID matches FyneApp.toml; Fyne keys preferences by it.
const appID = "io.github.starcoach"

func runApp(e *env) error {
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	bank, err := loadBank(e, db)
	if err != nil {
		return err
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	u := ui.New(a, bank, db)
	u.Window().ShowAndRun()
	return nil
}

// openStore opens the database in the data directory, creating both.
func openStore(e *env) (*sqlite.DB, error) {
	dir, err := openDataDir(e)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(dir)
}

// loadBank is the built-in bank plus every pack the candidate imported. A
// stored pack that no longer loads (say, a question ID a newer built-in
// bank now uses) is reported and skipped, not fatal: the rest still works.
func loadBank(e *env, db *sqlite.DB) (*practice.Bank, error) {
	bank, err := builtinBank()
	if err != nil {
		return nil, err
	}
	packs, err := db.Packs(context.Background())
	if err != nil {
		return nil, err
	}
	for _, ip := range packs {
		p, err := practice.ParsePack(ip.Name, ip.YAML)
		if err == nil {
			err = bank.Add(p)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "starcoach: imported pack skipped: %v\n", err)
		}
	}
	return bank, nil
}

func runImport(e *env, args []string) error {
	fs := newFlags(e, "import")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	name := filepath.Base(path)
	p, err := practice.ParsePack(name, data)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	db, err := openStore(e)
	if err != nil {
		return err
	}
	defer db.Close()
	bank, err := loadBank(e, db)
	if err != nil {
		return err
	}
	if err := bank.CheckAdd(p); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := db.SavePack(context.Background(), name, data); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(e.stdout, "imported %d question(s) from %s\n", len(p.Questions), name)
	return nil
}
