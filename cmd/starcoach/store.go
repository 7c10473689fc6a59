package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"starcoach/assets"
	"starcoach/internal/lockfile"
	"starcoach/practice"
	"starcoach/practice/sqlite"
	"starcoach/ui"
)

// The store the app and the commands use is SQLite.
var _ ui.Store = (*sqlite.DB)(nil)

// openStore opens the database to write to it, creating the data
// directory and the database as need be.
func openStore(e *env) (*sqlite.DB, error) {
	dir, err := openDataDir(e)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(dir)
	if err == nil {
		for _, n := range db.Tidied() {
			fmt.Fprintln(e.stderr, "starcoach:", n)
		}
	}
	return db, whatToDo(err)
}

// openToRead opens the database for a command that only reads, which
// never writes to the data directory (sqlite.OpenToRead): it may be on a
// read-only disk, or hold a database just restored. While the app runs
// (it holds the lock), it reads beside it.
func openToRead(e *env) (*sqlite.DB, error) {
	dir, err := resolveDataDir(e.dataDir)
	if err != nil {
		return nil, err
	}
	live, err := lockfile.Held(filepath.Join(dir, lockName))
	if err != nil {
		return nil, err
	}
	db, err := sqlite.OpenToRead(dir, live)
	return db, whatToDo(err)
}

// whatToDo adds to a damaged database's error what the candidate can do;
// it was left as it is.
func whatToDo(err error) error {
	var corrupt *sqlite.CorruptError
	if errors.As(err, &corrupt) {
		return fmt.Errorf("%w.\nStart the app to set it aside and begin a fresh database beside it (nothing is deleted), or restore a backup you made with `starcoach backup`", err)
	}
	return err
}

// openBank opens the database with open, then the question bank with the
// candidate's imported packs; the caller closes the database.
func openBank(e *env, open func(*env) (*sqlite.DB, error)) (*sqlite.DB, *practice.Bank, error) {
	db, err := open(e)
	if err != nil {
		return nil, nil, err
	}
	bank, warnings, err := loadBank(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "starcoach:", practice.PrintableText(w))
	}
	return db, bank, nil
}

// loadBank is the built-in bank plus every pack the candidate imported. A
// stored pack that no longer loads (say, a question ID a newer built-in
// bank now uses) is skipped with a warning, not fatal: the rest still works.
func loadBank(db *sqlite.DB) (*practice.Bank, []string, error) {
	bank, err := assets.Bank()
	if err != nil {
		return nil, nil, err
	}
	packs, err := db.Packs(context.Background())
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, ip := range packs {
		p, err := practice.ParsePack(ip.Name, ip.YAML)
		if err == nil {
			err = bank.Add(p)
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("The imported questions in %s were skipped: %v", ip.Name, err))
		}
	}
	return bank, warnings, nil
}
