package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"starcoach/practice"
)

// sideFiles lists the -wal, -shm and -journal files beside a database.
func sideFiles(path string) []string {
	var out []string
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + s); err == nil {
			out = append(out, s)
		}
	}
	return out
}

// checkBreakers break each CHECK constraint of the schema in the one row
// constraintFixture writes to its table; the key is the table and the
// constraint as the start-up check names them. A migration that adds a
// CHECK adds its case here (TestEveryConstraintHasACase says so).
var checkBreakers = map[string]string{
	"attempts CHECK (question_id <> '')":                                                 `UPDATE attempts SET question_id = ''`,
	"attempts CHECK (level <> '')":                                                       `UPDATE attempts SET level = ''`,
	"attempts CHECK (mode IN ('step', 'mock'))":                                          `UPDATE attempts SET mode = 'live'`,
	"attempts CHECK (status IN ('in_progress', 'complete', 'abandoned', 'interrupted'))": `UPDATE attempts SET status = 'paused'`,
	"attempts CHECK (spoken_ms >= 0)":                                                    `UPDATE attempts SET spoken_ms = -1`,
	"attempts CHECK (verdict IN ('', 'short', 'on target', 'long'))":                     `UPDATE attempts SET verdict = 'great'`,
	"attempts CHECK (rating BETWEEN 1 AND 5)":                                            `UPDATE attempts SET rating = 9`,

	"takes CHECK (step IN ('situation', 'task', 'action', 'result', 'reflection', 'followup'))": `UPDATE takes SET step = 'intro'`,
	"takes CHECK (counted IN (0, 1))":                             `UPDATE takes SET counted = 2`,
	"takes CHECK (wav <> '')":                                     `UPDATE takes SET wav = ''`,
	"takes CHECK (clip_start_ms >= 0)":                            `UPDATE takes SET clip_start_ms = -1`,
	"takes CHECK (clip_end_ms >= clip_start_ms)":                  `UPDATE takes SET clip_end_ms = clip_start_ms - 1`,
	"takes CHECK (duration_ms >= 0)":                              `UPDATE takes SET duration_ms = -1`,
	"takes CHECK (speech_start_ms >= 0)":                          `UPDATE takes SET speech_start_ms = -1`,
	"takes CHECK (speech_end_ms >= 0)":                            `UPDATE takes SET speech_end_ms = -1`,
	"takes CHECK (spoken_ms >= 0)":                                `UPDATE takes SET spoken_ms = -1`,
	"takes CHECK (voiced_ms >= 0)":                                `UPDATE takes SET voiced_ms = -1`,
	"takes CHECK (pauses >= 0)":                                   `UPDATE takes SET pauses = -1`,
	"takes CHECK (longest_pause_ms >= 0)":                         `UPDATE takes SET longest_pause_ms = -1`,
	"takes CHECK (syllables_per_s >= 0)":                          `UPDATE takes SET syllables_per_s = -0.5`,
	"takes CHECK (target_ms >= 0)":                                `UPDATE takes SET target_ms = -1`,
	"takes CHECK (verdict IN ('', 'short', 'on target', 'long'))": `UPDATE takes SET verdict = 'great'`,
	"takes CHECK (rating BETWEEN 1 AND 5)":                        `UPDATE takes SET rating = 0`,
	"takes CHECK (json_valid(checks))":                            `UPDATE takes SET checks = 'scope'`,
	"takes CHECK (noisy IN (0, 1))":                               `UPDATE takes SET noisy = 7`,
	"takes CHECK (sample_rate >= 0)":                              `UPDATE takes SET sample_rate = -16000`,
	"takes CHECK (clipped BETWEEN 0 AND 1)":                       `UPDATE takes SET clipped = 1.5`,
	"takes CHECK (overflows >= 0)":                                `UPDATE takes SET overflows = -1`,

	"stories CHECK (title <> '')":                                                         `UPDATE stories SET title = ''`,
	"stories CHECK (json_valid(competencies))":                                            `UPDATE stories SET competencies = 'Ownership'`,
	"story_lines CHECK (step IN ('situation', 'task', 'action', 'result', 'reflection'))": `UPDATE story_lines SET step = 'followup'`,
	"story_links CHECK (question_id <> '')":                                               `UPDATE story_links SET question_id = ''`,

	"loops CHECK (level <> '')": `UPDATE loops SET level = ''`,
	"loops CHECK (status IN ('in_progress', 'complete', 'abandoned', 'interrupted'))": `UPDATE loops SET status = 'paused'`,
	"loop_questions CHECK (position BETWEEN 1 AND 6)":                                 `UPDATE loop_questions SET position = 7`,
	"loop_questions CHECK (question_id <> '')":                                        `UPDATE loop_questions SET question_id = ''`,
	"loop_questions CHECK (repeated IN (0, 1))":                                       `UPDATE loop_questions SET repeated = 2`,
}

// wrongValues are, by declared type, a value of another storage class
// that the column keeps as it is.
var wrongValues = map[string]string{
	"INTEGER": `'seven'`,
	"REAL":    `'fast'`,
	"TEXT":    `x'00'`,
}

// constraintFixture is a database holding one row in every table: an
// attempt with a take, answered in a loop of one question, a story linked
// to a question, the question's own follow-up note, an imported pack and
// the interview date. It returns the
// database file, closed.
func constraintFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := practice.Loop{Level: "sde2", Picks: []practice.LoopPick{{QuestionID: "q", Competency: "Ownership"}}}
	if err := db.CreateLoop(ctx, &l); err != nil {
		t.Fatal(err)
	}
	a := practice.Attempt{QuestionID: "q", Level: "sde2", Mode: practice.Mock, Loop: l.ID}
	if err := db.CreateAttempt(ctx, &a); err != nil {
		t.Fatal(err)
	}
	recordTake(t, db, a.ID, practice.Situation, 20e9, true)
	for _, err := range []error{
		db.SetCue(ctx, "q", practice.Situation, "launch week", "Launch"),
		db.SetCue(ctx, "q", practice.FollowUpStep, "ask about cost", ""),
		db.SavePack(ctx, "mine.yaml", []byte("questions: []")),
		db.SetInterviewDate(ctx, time.Now().AddDate(0, 0, 14)),
		db.Close(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, FileName)
	raw := rawDB(t, path)
	defer raw.Close()
	for _, table := range tableNames(t, raw) {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM ` + quoteID(table)).Scan(&n); err != nil || n != 1 {
			t.Fatalf("the fixture has %d rows in %s (%v), want 1", n, table, err)
		}
	}
	return path
}

// tableNames lists the schema's tables, SQLite's own left out.
func tableNames(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// columnInfo is a column as the tests read it, apart from rulesOf.
type columnInfo struct {
	table, name, declared string
	notNull, inKey        bool
	rowid                 bool // the rowid under another name
}

func columnInfos(t *testing.T, db *sql.DB) []columnInfo {
	t.Helper()
	var out []columnInfo
	for _, table := range tableNames(t, db) {
		var create string
		if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, table).Scan(&create); err != nil {
			t.Fatal(err)
		}
		noRowid := strings.HasSuffix(strings.ToUpper(strings.TrimSpace(create)), "WITHOUT ROWID")
		rows, err := db.Query(`SELECT name, type, "notnull", pk, (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0)
			FROM pragma_table_info(?1)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			c := columnInfo{table: table}
			var pk, keyCols int
			if err := rows.Scan(&c.name, &c.declared, &c.notNull, &pk, &keyCols); err != nil {
				t.Fatal(err)
			}
			c.inKey = pk > 0 && noRowid
			c.rowid = pk > 0 && !noRowid && keyCols == 1 && c.declared == "INTEGER"
			out = append(out, c)
		}
		rows.Close()
	}
	return out
}

// A breakCase writes a row that breaks one constraint.
type breakCase struct {
	table, constraint string
	// apply breaks it in the database at path.
	apply func(t *testing.T, path string)
	// byIntegrityCheck: the start-up check's integrity_check finds the
	// row first (a NULL where NOT NULL is declared) and names it its own
	// way; the scan's words are tested on the scan alone.
	byIntegrityCheck bool
}

// breakCases are every constraint the tests can break: the CHECKs by
// hand, and a wrong type and a NULL for every column that forbids them.
func breakCases(t *testing.T, fixture string) map[string]breakCase {
	t.Helper()
	cases := map[string]breakCase{}
	for key, update := range checkBreakers {
		table, constraint, _ := strings.Cut(key, " ")
		cases[key] = breakCase{table: table, constraint: constraint, apply: func(t *testing.T, path string) {
			raw := oneConn(t, path)
			defer raw.Close()
			// First proof that the update breaks this very constraint.
			expr := strings.TrimSuffix(strings.TrimPrefix(constraint, "CHECK ("), ")")
			if _, err := raw.Exec(update); err == nil || !strings.Contains(err.Error(), "CHECK constraint failed: "+expr) {
				t.Fatalf("%s with CHECK constraints on: %v, want it refused by %s", update, err, constraint)
			}
			forced(t, raw, update)
		}}
	}
	raw := rawDB(t, fixture)
	defer raw.Close()
	for _, c := range columnInfos(t, raw) {
		if c.rowid {
			continue
		}
		if wrong, ok := wrongValues[c.declared]; ok {
			update := `UPDATE ` + quoteID(c.table) + ` SET ` + quoteID(c.name) + ` = ` + wrong
			cases[c.table+" "+c.name+" "+c.declared] = breakCase{table: c.table, constraint: c.name + " " + c.declared, apply: func(t *testing.T, path string) {
				raw := oneConn(t, path)
				defer raw.Close()
				forced(t, raw, update)
			}}
		} else if c.declared != "BLOB" {
			t.Errorf("%s.%s: no value of the wrong type for %s in wrongValues", c.table, c.name, c.declared)
		}
		// SQLite keeps a NULL out of a WITHOUT ROWID table's key whatever
		// the schema's text says.
		if c.notNull && !c.inKey {
			cases[c.table+" "+c.name+" NOT NULL"] = breakCase{table: c.table, constraint: c.name + " NOT NULL", byIntegrityCheck: true,
				apply: func(t *testing.T, path string) { setNull(t, path, c.table, c.name) }}
		}
	}
	return cases
}

// oneConn opens the database at path writable, on one connection, so a
// PRAGMA holds for every statement.
func oneConn(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw := rawDB(t, path)
	raw.SetMaxOpenConns(1)
	return raw
}

// forced runs update with CHECK constraints off; it must change one row.
func forced(t *testing.T, raw *sql.DB, update string) {
	t.Helper()
	if _, err := raw.Exec(`PRAGMA ignore_check_constraints = ON`); err != nil {
		t.Fatal(err)
	}
	res, err := raw.Exec(update)
	if err != nil {
		t.Fatalf("%s with CHECK constraints off: %v", update, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%s changed %d rows, want 1", update, n)
	}
}

// setNull writes a NULL into a NOT NULL column, as only a damaged or
// hand-made file holds one: the NOT NULLs are taken out of the table's
// schema for the UPDATE and put back after it.
func setNull(t *testing.T, path, table, column string) {
	t.Helper()
	run := func(stmt string, args ...any) {
		t.Helper()
		raw := oneConn(t, path) // a new connection reads the schema anew
		defer raw.Close()
		if _, err := raw.Exec(stmt, args...); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	var create string
	raw := rawDB(t, path)
	err := raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, table).Scan(&create)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	run(`PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = ?`, table)
	run(`UPDATE ` + quoteID(table) + ` SET ` + quoteID(column) + ` = NULL`)
	run(`PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = ? WHERE name = ?`, create, table)
}

// copyFixture copies the fixture's file into a new data directory and
// returns the copy's path.
func copyFixture(t *testing.T, fixture string) string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// scan runs broken on the database at path through a read-only
// connection, as the start-up check does; as unchangeable, which leaves
// no side file beside a WAL database.
func scan(t *testing.T, path string) []string {
	t.Helper()
	ro, err := sql.Open("sqlite", readURL(path, immutable))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	problems, err := broken(ctx, ro)
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// Every constraint of the schema, broken by one row, is caught by the
// start-up check, which names the table, the row and the constraint, and
// leaves the database byte for byte as it was, with no side files. A read-
// only check misses every CHECK, and no check at all looks at a value's
// type: a text in an INTEGER column passes "pauses >= 0".
func TestStartupCatchesEveryBrokenConstraint(t *testing.T) {
	fixture := constraintFixture(t)
	if p := scan(t, fixture); len(p) != 0 {
		t.Fatalf("the fixture breaks constraints: %v", p)
	}
	for key, c := range breakCases(t, fixture) {
		t.Run(key, func(t *testing.T) {
			path := copyFixture(t, fixture)
			c.apply(t, path)
			problems := scan(t, path)
			if len(problems) != 1 || !strings.HasPrefix(problems[0], "row ") ||
				!strings.HasSuffix(problems[0], " of "+c.table+" breaks "+c.constraint) {
				t.Fatalf("scan = %q, want the row of %s named breaking %s", problems, c.table, c.constraint)
			}
			before, _ := os.ReadFile(path)
			_, err := Open(filepath.Dir(path))
			want := problems[0]
			if c.byIntegrityCheck {
				want = c.table + "." + strings.TrimSuffix(c.constraint, " NOT NULL")
			}
			var corrupt *CorruptError
			if !errors.As(err, &corrupt) || !strings.Contains(corrupt.Detail, want) {
				t.Fatalf("Open = %v, want a CorruptError naming %q", err, want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused database was changed")
			}
			if s := sideFiles(path); len(s) != 0 {
				t.Errorf("side files left beside the refused database: %v", s)
			}
		})
	}
}

// The scan derives its constraints from the schema; a test breaks each
// one. A migration that adds a CHECK without a case in checkBreakers fails
// here, naming it, as does a case for a constraint that is gone.
func TestEveryConstraintHasACase(t *testing.T) {
	fixture := constraintFixture(t)
	cases := breakCases(t, fixture)
	raw := rawDB(t, fixture)
	defer raw.Close()
	// SQLite itself keeps a NULL out of a WITHOUT ROWID table's key.
	unbreakable := map[string]bool{}
	for _, c := range columnInfos(t, raw) {
		if c.inKey && c.notNull {
			unbreakable[c.table+" "+c.name+" NOT NULL"] = true
		}
	}
	tables, err := rulesOf(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	derived := map[string]bool{}
	for _, tr := range tables {
		for _, r := range tr.rules {
			key := tr.table + " " + r.name
			derived[key] = true
			if _, ok := cases[key]; !ok && !unbreakable[key] {
				t.Errorf("%s: no test breaks it; add a case to checkBreakers", key)
			}
		}
	}
	for key := range cases {
		if !derived[key] {
			t.Errorf("%s: tested, but the schema has no such constraint", key)
		}
	}
}

// A row is named by its rowid, or a WITHOUT ROWID table's by its primary
// key.
func TestBrokenNamesTheRow(t *testing.T) {
	fixture := constraintFixture(t)
	for _, c := range []struct{ update, want string }{
		{`UPDATE takes SET noisy = 7`, "row 1 of takes breaks CHECK (noisy IN (0, 1))"},
		{`UPDATE takes SET pauses = 'seven'`, "row 1 of takes breaks pauses INTEGER"},
		{`UPDATE story_links SET question_id = ''`, "row question_id = '' of story_links breaks CHECK (question_id <> '')"},
		{`UPDATE story_lines SET step = 'followup'`,
			"row (story_id, step) = (1, 'followup') of story_lines breaks CHECK (step IN ('situation', 'task', 'action', 'result', 'reflection'))"},
	} {
		path := copyFixture(t, fixture)
		raw := oneConn(t, path)
		forced(t, raw, c.update)
		raw.Close()
		if got := scan(t, path); !reflect.DeepEqual(got, []string{c.want}) {
			t.Errorf("%s: scan = %q, want %q", c.update, got, c.want)
		}
	}
}

// A few rows a table are named, and every table is scanned.
func TestBrokenNamesAFewRowsATable(t *testing.T) {
	path := copyFixture(t, constraintFixture(t))
	raw := oneConn(t, path)
	forced(t, raw, `UPDATE stories SET title = ''`)
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
		INSERT INTO attempts (question_id, level, mode, started_at, folder, spoken_ms) SELECT 'q', 'sde2', 'step', 0, 'f' || i, -i FROM n`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	want := []string{
		"row 2 of attempts breaks CHECK (spoken_ms >= 0)",
		"row 3 of attempts breaks CHECK (spoken_ms >= 0)",
		"row 4 of attempts breaks CHECK (spoken_ms >= 0)",
		"row 1 of stories breaks CHECK (title <> '')",
	}
	if got := scan(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("scan = %q\nwant %q", got, want)
	}
}

// The scan reads any schema as SQLite does: a CHECK is the keyword, not a
// word inside a string, a quoted name, a comment or a longer name, and its
// expression ends at its balancing parenthesis.
func TestBrokenReadsAnAwkwardSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "awkward.db")
	raw := oneConn(t, path)
	for _, stmt := range []string{
		`CREATE TABLE "odd ""name""" (
			"check" INTEGER NOT NULL CHECK ("check" > 0), -- not a CHECK (here
			checks TEXT /* nor CHECK ( here */ CHECK (checks <> 'CHECK ('),
			[x)] REAL check((([x)] + 1) * 2) > 0),
			anything,
			CONSTRAINT named CHECK (length(checks) < 10)
		)`,
		`CREATE TABLE keyed (a TEXT, b INTEGER, c, PRIMARY KEY (b, a), CHECK (c IS NOT 'no')) WITHOUT ROWID`,
		`PRAGMA ignore_check_constraints = ON`,
		`INSERT INTO "odd ""name""" VALUES (1, 'fine', 1, x'00')`,
		`INSERT INTO "odd ""name""" VALUES (-1, 'fine', 1, 2)`,
		`INSERT INTO "odd ""name""" VALUES (1, 'CHECK (', 1, 3)`,
		`INSERT INTO "odd ""name""" VALUES (1, 'fine', -9, 4)`,
		`INSERT INTO "odd ""name""" VALUES (1, 'far too long', 1, 5)`,
		`INSERT INTO "odd ""name""" VALUES (1, NULL, NULL, 6)`, // NULL passes a CHECK
		`INSERT INTO "odd ""name""" VALUES (1, 'fine', 'x', 7)`,
		`INSERT INTO keyed VALUES ('k', 1, 'no'), ('k', 2, 'yes')`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	raw.Close()
	want := []string{
		`row (b, a) = (1, 'k') of keyed breaks CHECK (c IS NOT 'no')`,
		`row 2 of odd "name" breaks CHECK ("check" > 0)`,
		`row 3 of odd "name" breaks CHECK (checks <> 'CHECK (')`,
		`row 4 of odd "name" breaks CHECK ((([x)] + 1) * 2) > 0)`,
	}
	if got := scan(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("scan = %q\nwant %q", got, want)
	}
	// Beyond the first three rows of a table: the named CHECK, and a
	// text in a REAL column.
	raw = oneConn(t, path)
	if _, err := raw.Exec(`DELETE FROM "odd ""name""" WHERE rowid IN (2, 3, 4); DELETE FROM keyed`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	want = []string{
		`row 5 of odd "name" breaks CHECK (length(checks) < 10)`,
		`row 7 of odd "name" breaks x) REAL`,
	}
	if got := scan(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("scan = %q\nwant %q", got, want)
	}
}

// The storage classes a column allows follow SQLite's rules for a
// declared type's affinity.
func TestStorageClasses(t *testing.T) {
	for _, c := range []struct {
		declared string
		strict   bool
		want     string
	}{
		{"INTEGER", false, "'integer'"},
		{"BIGINT", false, "'integer'"},
		{"int", false, "'integer'"},
		{"TEXT", false, "'text'"},
		{"VARCHAR(20)", false, "'text'"},
		{"CLOB", false, "'text'"},
		{"REAL", false, "'real', 'integer'"},
		{"DOUBLE PRECISION", false, "'real', 'integer'"},
		{"FLOAT", false, "'real', 'integer'"},
		{"NUMERIC", false, "'real', 'integer'"},
		{"DECIMAL(10,2)", false, "'real', 'integer'"},
		{"BLOB", false, ""},
		{"", false, ""},
		{"ANY", true, ""},
		{"ANY", false, "'real', 'integer'"}, // NUMERIC outside a STRICT table
	} {
		if got := storageClasses(c.declared, c.strict); got != c.want {
			t.Errorf("storageClasses(%q, %v) = %q, want %q", c.declared, c.strict, got, c.want)
		}
	}
}
