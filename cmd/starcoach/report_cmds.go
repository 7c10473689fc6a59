package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"starcoach/internal/atomicfile"
	"starcoach/report"
)

// runReport writes one attempt, or one loop with all its answers, as a
// self-contained HTML page with its recordings inside, to keep or to
// share, whole or not at all: Ctrl-C stops it and leaves nothing behind.
func runReport(e *env, args []string) error {
	fs := newFlags(e, "report")
	attempt := fs.Int64("attempt", 0, "the attempt `ID` to report (History shows it; `starcoach history` prints it)")
	loop := fs.Int64("loop", 0, "the loop `ID` to report, with every answer in it (History's Loops screen shows it; history's loop_id column too)")
	out := fs.String("out", "", "write the page to `FILE.html`")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *out == "" {
		return errUsage
	}
	// Exactly one of the two, and a real ID: --attempt 0 names nothing.
	if (*attempt > 0) == (*loop > 0) || *attempt < 0 || *loop < 0 {
		return errUsage
	}
	db, bank, err := openBank(e, openToRead)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	size, err := atomicfile.Write(*out, func(w io.Writer) error {
		if *loop > 0 {
			return report.WriteLoop(ctx, w, db, bank, *loop, time.Now(), nil)
		}
		return report.Write(ctx, w, db, bank, []int64{*attempt}, time.Now(), nil)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%.1f MB)\n", *out, float64(size)/1e6)
	return nil
}
