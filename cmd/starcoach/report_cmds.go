package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"starcoach/report"
)

// runReport writes one attempt as a self-contained HTML page with its
// recordings inside, to keep or to share.
func runReport(e *env, args []string) error {
	fs := newFlags(e, "report")
	id := fs.Int64("attempt", 0, "the attempt `ID` to report (History shows it; `starcoach history` prints it)")
	out := fs.String("out", "", "write the page to `FILE.html`")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *id <= 0 || *out == "" {
		return errUsage
	}
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	size, err := writeAtomically(*out, func(f *os.File) error {
		return report.Write(context.Background(), f, db, bank, []int64{*id}, time.Now(), nil)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%.1f MB)\n", *out, float64(size)/1e6)
	return nil
}

// writeAtomically writes a new file at path through a private temporary
// file beside it, renamed into place once whole: a failed write leaves
// whatever was at path untouched and nothing half-written. The file is
// the candidate's (0600, as os.CreateTemp makes it).
func writeAtomically(path string, write func(*os.File) error) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	var size int64
	if fi, serr := f.Stat(); serr == nil {
		size = fi.Size()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	return size, nil
}
