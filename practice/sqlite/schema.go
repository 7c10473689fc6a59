package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// A database read from disk carries its own schema, and a hostile or
// hand-edited one may differ from what the migrations make: a table
// rebuilt without its CHECK constraints (which the constraint scan, read
// from that schema, would then not know), a trigger that changes rows as
// the app writes them, a view standing for a table. So the start-up check
// and Restore compare a database's schema, object by object and SQL text
// by SQL text, with the one the migrations give at its version.

// schemaObject is one row of sqlite_schema the app makes.
type schemaObject struct{ kind, name string }

// schemas are the schemas of the migrations at each version, made once.
var schemas sync.Map // int → map[schemaObject]string

// emptySchemas numbers the databases in memory the schemas are made in.
var emptySchemas atomic.Int64

// schemaAt is the schema the first version migrations make: each object's
// SQL text, white space folded.
func schemaAt(ctx context.Context, version int) (map[schemaObject]string, error) {
	if s, ok := schemas.Load(version); ok {
		return s.(map[schemaObject]string), nil
	}
	names, err := migrationNames(migrationFS)
	if err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", fmt.Sprintf("file:/starcoach-schema-%d?vfs=memdb", emptySchemas.Add(1)))
	if err != nil {
		return nil, err
	}
	defer sdb.Close()
	if err := (&DB{db: sdb}).migrate(ctx, migrationFS, names[:version]); err != nil {
		return nil, err
	}
	s, err := schemaOf(ctx, sdb)
	if err != nil {
		return nil, err
	}
	schemas.Store(version, s)
	return s, nil
}

// schemaOf reads a database's schema, but SQLite's own objects.
func schemaOf(ctx context.Context, q reader) (map[schemaObject]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := map[schemaObject]string{}
	for rows.Next() {
		var o schemaObject
		var text string
		if err := rows.Scan(&o.kind, &o.name, &text); err != nil {
			return nil, err
		}
		s[o] = strings.Join(strings.Fields(text), " ")
	}
	return s, rows.Err()
}

// strangers describes where a database's schema differs from the one the
// migrations make at its version: an object they do not make, one missing,
// or one made otherwise. A database newer than this StarCoach is left to
// the version check.
func strangers(ctx context.Context, q reader) ([]string, error) {
	var version int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, err
	}
	names, err := migrationNames(migrationFS)
	if err != nil {
		return nil, err
	}
	if version < 0 || version > len(names) {
		return nil, nil
	}
	want, err := schemaAt(ctx, version)
	if err != nil {
		return nil, err
	}
	got, err := schemaOf(ctx, q)
	if err != nil {
		return nil, err
	}
	var problems []string
	for o, text := range got {
		switch w, ok := want[o]; {
		case !ok:
			problems = append(problems, fmt.Sprintf("it holds the %s %q, which StarCoach does not make", o.kind, o.name))
		case w != text:
			problems = append(problems, fmt.Sprintf("its %s %q is not the one StarCoach makes", o.kind, o.name))
		}
	}
	for o := range want {
		if _, ok := got[o]; !ok {
			problems = append(problems, fmt.Sprintf("its %s %q is missing", o.kind, o.name))
		}
	}
	slices.Sort(problems)
	return problems, nil
}
