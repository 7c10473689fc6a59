package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A read-only connection does not test CHECK constraints in either
// integrity check, and no check at all tests a value against its column's
// declared type: a text in an INTEGER column passes "pauses >= 0" and then
// breaks every listing that scans it. So the start-up check scans the rows
// for what the database's own schema says, rather than for a copy of it
// that the next migration would leave behind.

// A rule is one constraint of a table, as the scan tests it.
type rule struct {
	name   string // as reported: "CHECK (spoken_ms >= 0)", "note NOT NULL", "pauses INTEGER"
	broken string // SQL, true for a row that breaks it
}

// tableRules are a table's rules and how its rows are named.
type tableRules struct {
	table string
	// key names a WITHOUT ROWID table's primary key columns,
	// "question_id" or "(story_id, step)"; "" for a rowid table.
	key string
	// keySQL gives a row's rowid, or its key values as text.
	keySQL string
	rules  []rule
	// anyBroken is SQL true for a row that breaks any rule: one typeof()
	// a column tests both its rules (on 50,000 takes, 130 ms where the
	// rules one by one take 230).
	anyBroken []string
}

// rulesOf reads every table's rules from the schema: the CHECK
// constraints in its CREATE TABLE text (which holds the ALTER TABLE ADD
// COLUMN ones too), and each column's NOT NULL and declared type. SQLite's
// own tables and virtual tables are left out.
func rulesOf(ctx context.Context, db reader) ([]tableRules, error) {
	rows, err := db.QueryContext(ctx, `SELECT l.name, l.wr, l.strict, s.sql
		FROM pragma_table_list l JOIN sqlite_schema s ON s.name = l.name AND s.type = 'table'
		WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY l.name`)
	if err != nil {
		return nil, err
	}
	type table struct {
		name            string
		noRowid, strict bool
		create          string
	}
	var tables []table
	for rows.Next() {
		var t table
		if err := rows.Scan(&t.name, &t.noRowid, &t.strict, &t.create); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []tableRules
	for _, t := range tables {
		cols, err := columnsOf(ctx, db, t.name)
		if err != nil {
			return nil, err
		}
		tr := tableRules{table: t.name, keySQL: "rowid"}
		if t.noRowid {
			tr.key, tr.keySQL = primaryKey(cols)
		}
		for _, c := range cols {
			if !t.noRowid && c.isRowid(cols) {
				continue // the rowid itself: an integer, never NULL
			}
			tr.addColumn(c, storageClasses(c.declared, t.strict))
		}
		checks, err := checkConstraints(t.create)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
		for _, c := range checks {
			// A CHECK fails only when its expression is false: NULL passes.
			r := rule{c.name, "NOT (" + c.expr + ")"}
			tr.rules = append(tr.rules, r)
			tr.anyBroken = append(tr.anyBroken, r.broken)
		}
		if len(tr.rules) > 0 {
			out = append(out, tr)
		}
	}
	return out, nil
}

// addColumn adds the rules of a column whose values may have the storage
// classes given (SQL strings; "" for any): its NOT NULL and its type. The
// test for NULL is typeof's, which SQLite cannot take for false from the
// column's NOT NULL as it does "IS NULL".
func (tr *tableRules) addColumn(c column, classes string) {
	typ := "typeof(" + quoteID(c.name) + ")"
	notNull := rule{c.name + " NOT NULL", typ + " = 'null'"}
	ofType := rule{c.name + " " + c.declared, typ + " NOT IN (" + classes + ", 'null')"}
	switch {
	case c.notNull && classes != "":
		tr.rules = append(tr.rules, notNull, ofType)
		tr.anyBroken = append(tr.anyBroken, typ+" NOT IN ("+classes+")")
	case c.notNull:
		tr.rules = append(tr.rules, notNull)
		tr.anyBroken = append(tr.anyBroken, notNull.broken)
	case classes != "":
		tr.rules = append(tr.rules, ofType)
		tr.anyBroken = append(tr.anyBroken, ofType.broken)
	}
}

// column is a column as pragma_table_info gives it.
type column struct {
	name, declared string
	notNull        bool
	pk             int // its place in the primary key, from 1; 0 if not in it
}

func columnsOf(ctx context.Context, db reader, table string) ([]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.declared, &c.notNull, &c.pk); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// isRowid reports whether c, in a rowid table, is the rowid under another
// name: the table's only primary key column, declared INTEGER.
func (c column) isRowid(cols []column) bool {
	if c.pk != 1 || !strings.EqualFold(c.declared, "INTEGER") {
		return false
	}
	for _, o := range cols {
		if o.pk > 1 {
			return false
		}
	}
	return true
}

// primaryKey names a WITHOUT ROWID table's primary key and gives SQL for
// a row's key values as text.
func primaryKey(cols []column) (key, keySQL string) {
	var names, values []string
	for place := 1; ; place++ {
		n := len(names)
		for _, c := range cols {
			if c.pk == place {
				names = append(names, c.name)
				values = append(values, "quote("+quoteID(c.name)+")")
			}
		}
		if len(names) == n {
			break
		}
	}
	if len(names) == 1 {
		return names[0], values[0]
	}
	return "(" + strings.Join(names, ", ") + ")", "'(' || " + strings.Join(values, " || ', ' || ") + " || ')'"
}

// storageClasses lists, as SQL strings, the storage classes a value of a
// column may have besides NULL, by SQLite's rules for the affinity of a
// declared type; "" when any will do (BLOB, no type, a STRICT table's ANY).
func storageClasses(declared string, strict bool) string {
	t := strings.ToUpper(declared)
	switch {
	case strings.Contains(t, "INT"):
		return "'integer'"
	case strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"), strings.Contains(t, "TEXT"):
		return "'text'"
	case t == "", strings.Contains(t, "BLOB"), strict && t == "ANY":
		return ""
	}
	// REAL, and NUMERIC: a number either way.
	return "'real', 'integer'"
}

// checkConstraint is one CHECK constraint: its expression, as written,
// and its name in a report, with the spacing made even.
type checkConstraint struct{ expr, name string }

// checkConstraints finds every CHECK constraint in a CREATE TABLE
// statement: the keyword CHECK (not inside a string, a quoted name or a
// comment, nor part of a longer word such as "checks") and the balanced
// parentheses after it.
func checkConstraints(create string) ([]checkConstraint, error) {
	toks := tokenize(create)
	next := func(i int) int { // the next token that is not space
		for i++; i < len(toks) && toks[i].kind == space; i++ {
		}
		return i
	}
	var out []checkConstraint
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != word || !strings.EqualFold(toks[i].text, "CHECK") {
			continue
		}
		open := next(i)
		if open == len(toks) || toks[open].text != "(" {
			return nil, fmt.Errorf("CHECK without '(' in %q", create)
		}
		depth, end := 0, -1
		for j := open; j < len(toks) && end < 0; j++ {
			switch toks[j].text {
			case "(":
				depth++
			case ")":
				if depth--; depth == 0 {
					end = j
				}
			}
		}
		if end < 0 {
			return nil, fmt.Errorf("CHECK with unbalanced parentheses in %q", create)
		}
		var expr, name strings.Builder
		for _, t := range toks[open+1 : end] {
			expr.WriteString(t.text)
			if t.kind == space {
				name.WriteByte(' ')
			} else {
				name.WriteString(t.text)
			}
		}
		out = append(out, checkConstraint{expr.String(), "CHECK (" + strings.Join(strings.Fields(name.String()), " ") + ")"})
		i = end
	}
	return out, nil
}

type tokenKind int

const (
	space  tokenKind = iota // white space or a comment
	word                    // a keyword, a bare name or a number
	quoted                  // a string, or a name in "", `` or []
	punct                   // any other character
)

type token struct {
	kind tokenKind
	text string
}

// tokenize splits SQL text into tokens as SQLite's tokenizer does, as far
// as finding keywords and parentheses needs; the texts add up to s.
func tokenize(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		kind, end := punct, i+1
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			kind, end = space, i+1
			for end < len(s) && strings.IndexByte(" \t\n\r\f\v", s[end]) >= 0 {
				end++
			}
		case strings.HasPrefix(s[i:], "--"):
			kind, end = space, len(s)
			if n := strings.IndexByte(s[i:], '\n'); n >= 0 {
				end = i + n
			}
		case strings.HasPrefix(s[i:], "/*"):
			kind, end = space, len(s)
			if n := strings.Index(s[i+2:], "*/"); n >= 0 {
				end = i + 2 + n + 2
			}
		case c == '\'' || c == '"' || c == '`':
			kind, end = quoted, len(s)
			for j := i + 1; j < len(s); j++ {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c { // a doubled quote stands for itself
						j++
						continue
					}
					end = j + 1
					break
				}
			}
		case c == '[':
			kind, end = quoted, len(s)
			if n := strings.IndexByte(s[i:], ']'); n >= 0 {
				end = i + n + 1
			}
		case wordByte(c):
			kind, end = word, i+1
			for end < len(s) && wordByte(s[end]) {
				end++
			}
		}
		out = append(out, token{kind, s[i:end]})
		i = end
	}
	return out
}

// wordByte reports whether c can be part of a keyword or bare name; any
// byte of a multi-byte character can, as in SQLite.
func wordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}

// quoteID quotes a name for SQL.
func quoteID(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// brokenPerTable is how many rows of a table the scan names at most.
const brokenPerTable = 3

// broken lists rows that break a constraint of the schema (a few per
// table), each naming the table, the row and the first constraint it
// breaks. Each table is read once: its rows are tested for every rule at
// once, and only a row that breaks one is asked which.
func broken(ctx context.Context, ro reader) ([]string, error) {
	tables, err := rulesOf(ctx, ro)
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, t := range tables {
		var which strings.Builder
		which.WriteString("CASE")
		for i, r := range t.rules {
			fmt.Fprintf(&which, " WHEN %s THEN %d", r.broken, i)
		}
		which.WriteString(" END")
		rows, err := ro.QueryContext(ctx, fmt.Sprintf(`SELECT %s, %s FROM %s WHERE %s LIMIT %d`,
			t.keySQL, which.String(), quoteID(t.table), strings.Join(t.anyBroken, " OR "), brokenPerTable))
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", t.table, err)
		}
		for rows.Next() {
			var key string
			var i int
			if err := rows.Scan(&key, &i); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan %s: %w", t.table, err)
			}
			if t.key != "" {
				key = t.key + " = " + shorten(key)
			}
			problems = append(problems, fmt.Sprintf("row %s of %s breaks %s", key, t.table, t.rules[i].name))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("scan %s: %w", t.table, err)
		}
	}
	return problems, nil
}

// shorten keeps a key a report can show: at most 40 characters.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
