// Command seed fills a data directory with a made-up practice history for
// the screenshot script: a few weeks of attempts at four questions of the
// built-in bank, timed against their real targets.
//
//	go run ./scripts/seed -data-dir DIR [-n 24]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"starcoach/assets"
	"starcoach/practice"
	"starcoach/practice/sqlite/sqlitetest"
)

func main() {
	dir := flag.String("data-dir", "", "the data directory to fill")
	n := flag.Int("n", 24, "how many attempts")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: seed -data-dir DIR [-n N]")
		os.Exit(2)
	}
	bank, err := assets.Bank()
	if err != nil {
		fail(err)
	}
	_, err = sqlitetest.Seed(*dir, sqlitetest.Options{
		N:         *n,
		Every:     15 * time.Hour,
		Questions: []string{"unpopular-decision", "tight-deadline", "conflict-with-coworker", "unpopular-decision", "failure"},
		// As many levels as questions: each question is practised at one
		// level, as a candidate preparing for one interview does.
		Levels: []practice.LevelID{"sde2", "sde2", "senior", "sde2", "sde2"},
		Targets: func(id string, l practice.LevelID) map[practice.StepID]time.Duration {
			lv, _ := practice.LevelByID(l)
			return practice.Targets(bank.Question(id), lv)
		},
	})
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "seed:", err)
	os.Exit(1)
}
