import { deepStrictEqual, ok } from "node:assert/strict";
import fc from "fast-check";
import {
  type Expr,
  formatExpr,
  formatStatement,
  parse,
  parseOne,
  SqlSyntaxError,
  type Statement,
} from "../../../src/sql/parse/mod.ts";
import { expr as parseExpr, strip } from "./_helpers.ts";
import { exprArb } from "./_arbitraries.ts";

Deno.test("formatExpr() output parses back to the same tree", () => {
  fc.assert(
    fc.property(exprArb, (e) => {
      const sql = formatExpr(e);
      let back: Expr;
      try {
        back = parseExpr(sql);
      } catch (err) {
        throw new Error(`could not parse ${JSON.stringify(sql)}: ${err}`);
      }
      deepStrictEqual(strip(back), strip(e), sql);
    }),
    { numRuns: 400 },
  );
});

Deno.test("formatExpr() prints SQLite precedence with few parentheses", () => {
  const cases: [string, string][] = [
    ["(1 + 2) * 3", "(1 + 2) * 3"],
    ["1 + (2 * 3)", "1 + 2 * 3"],
    ["a - (b - c)", "a - (b - c)"],
    ["(a - b) - c", "a - b - c"],
    ["NOT (a = b)", "NOT a = b"],
    ["(NOT a) = b", "(NOT a) = b"],
    ["- (5)", "-(5)"],
    ["- -x", "- -x"],
    ["-(-5)", "-(-5)"],
    ["a IS (NULL)", "a IS (NULL)"],
    ["a IS NULL", "a IS NULL"],
    ["a == b", "a = b"],
    ["a <> b", "a != b"],
    ["x::text", "CAST(x AS TEXT)"],
    ["(a OR b) AND c", "(a OR b) AND c"],
    ["1.0", "1.0"],
    ["1e400", "1e999"],
    ["'it''s'", "'it''s'"],
    ['"order".x', '"order".x'],
  ];
  for (const [sql, want] of cases) {
    deepStrictEqual(formatExpr(parseExpr(sql)), want, sql);
  }
});

// A corpus of statements of every kind: format then parse must give the
// same tree, and formatting is idempotent.
const CORPUS = [
  "SELECT DISTINCT a, b AS x, t.*, * FROM t AS u WHERE a > 1 GROUP BY a HAVING count(*) > 2 ORDER BY 1 DESC NULLS LAST, x LIMIT 10 OFFSET 5",
  "SELECT * FROM a LEFT JOIN b USING (id), c NATURAL JOIN (d CROSS JOIN e) RIGHT OUTER JOIN f ON f.x = c.x FULL JOIN g ON TRUE",
  "SELECT * FROM (SELECT 1 AS x) sub, main.t",
  "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT count(DISTINCT n) FROM c",
  "SELECT 1 UNION SELECT 2 INTERSECT VALUES (3) EXCEPT SELECT 4 ORDER BY 1 LIMIT 1",
  "VALUES (1, 'a'), (2, NULL), (X'00ff', x'')",
  "SELECT 1 LIMIT 2, 3",
  "SELECT 1 IN t1, 2 NOT IN main.t2 FROM t1 AS a INDEXED BY i1, t2 NOT INDEXED",
  "INSERT INTO t (a, b) VALUES (1, ?), (?2, :x) RETURNING id",
  "INSERT OR IGNORE INTO main.t AS z SELECT * FROM u ORDER BY 1",
  "REPLACE INTO t DEFAULT VALUES",
  "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
  "UPDATE OR FAIL t AS x SET a = a + 1, b = DEFAULT_VALUE WHERE id IN (1, 2) RETURNING *",
  "DELETE FROM t WHERE a NOT BETWEEN 1 AND 2 RETURNING a, b",
  "CREATE TEMP TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY DESC AUTOINCREMENT, name VARCHAR(20) NOT NULL UNIQUE COLLATE nocase, score REAL DEFAULT -1.5 CHECK (score >= 0), created TEXT DEFAULT CURRENT_TIMESTAMP, e INT DEFAULT (1 + 2), o INT CONSTRAINT fk REFERENCES u (id) ON DELETE SET DEFAULT ON UPDATE CASCADE, n NULL, untyped, CONSTRAINT pk PRIMARY KEY (id, name DESC), UNIQUE (name COLLATE binary), CHECK (id > 0), FOREIGN KEY (o) REFERENCES u) WITHOUT ROWID, STRICT",
  "CREATE TABLE t2 AS SELECT * FROM t",
  "DROP TABLE IF EXISTS main.t",
  "DROP INDEX i",
  "DROP VIEW IF EXISTS v",
  "ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'x'",
  "ALTER TABLE t DROP COLUMN c",
  "ALTER TABLE t RENAME COLUMN a TO b",
  "ALTER TABLE t RENAME TO u",
  "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a DESC, b COLLATE nocase ASC) WHERE a IS NOT NULL",
  "CREATE INDEX ON t (a)",
  "CREATE GIN INDEX docs_fts ON docs (body)",
  "CREATE VIEW IF NOT EXISTS v (x, y) AS SELECT a, b FROM t",
  "BEGIN",
  "BEGIN EXCLUSIVE TRANSACTION",
  "COMMIT",
  "ROLLBACK",
  "ROLLBACK TO SAVEPOINT sp",
  "SAVEPOINT sp",
  "RELEASE sp",
  "EXPLAIN QUERY PLAN SELECT * FROM t WHERE body @@ to_tsquery('english', 'cat & dog')",
  "EXPLAIN UPDATE t SET a = 1",
  "SELECT ts_rank(v, q) FROM docs, (SELECT plainto_tsquery('fat rats') AS q) AS s WHERE v @@ s.q ORDER BY 1 DESC",
  "SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE x WHEN 1 THEN 'one' END, CAST(a AS INTEGER), 'a b'::tsvector",
  "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id) AND NOT EXISTS (SELECT 2) AND b IN (SELECT c FROM d)",
];

Deno.test("formatStatement() output parses back to the same statement", async (t) => {
  for (const sql of CORPUS) {
    await t.step(sql.slice(0, 60), () => {
      const first = parseOne(sql);
      const text = formatStatement(first);
      const second = parseOne(text);
      deepStrictEqual(strip(second), strip(first), text);
      deepStrictEqual(formatStatement(second), text);
    });
  }
});

const TOKENS = [
  "SELECT",
  "FROM",
  "WHERE",
  "INSERT",
  "INTO",
  "VALUES",
  "CREATE",
  "TABLE",
  "INDEX",
  "(",
  ")",
  ",",
  ";",
  ".",
  "*",
  "+",
  "-",
  "=",
  "<>",
  "||",
  "::",
  "@@",
  "NOT",
  "NULL",
  "IS",
  "IN",
  "LIKE",
  "BETWEEN",
  "AND",
  "OR",
  "CASE",
  "WHEN",
  "THEN",
  "END",
  "CAST",
  "AS",
  "JOIN",
  "ON",
  "ORDER",
  "BY",
  "LIMIT",
  "a",
  "t",
  "1",
  "-9223372036854775808",
  "1.5e3",
  "'s'",
  '"q"',
  "?",
  "$1",
  ":n",
  "/*",
  "*/",
  "--",
  "\n",
  "#",
  "'",
  "X'00'",
];

Deno.test("parse() throws only SqlSyntaxError on arbitrary text", () => {
  const textArb = fc.oneof(
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((ts) =>
      ts.join(" ")
    ),
  );
  fc.assert(
    fc.property(textArb, (sql) => {
      let stmts: Statement[];
      try {
        stmts = parse(sql);
      } catch (e) {
        ok(e instanceof SqlSyntaxError, `${sql}: ${e}`);
        ok(e.offset >= 0 && e.offset <= sql.length);
        return;
      }
      // Whatever parses must survive a format/parse round trip too.
      for (const s of stmts) {
        deepStrictEqual(strip(parseOne(formatStatement(s))), strip(s));
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("parse() on mutated valid statements throws only SqlSyntaxError, and what parses round-trips", () => {
  const pieces = [
    "(",
    ")",
    ",",
    "'",
    '"',
    "--",
    "/*",
    "NOT",
    "NULL",
    "SELECT",
    "IN",
    "IS",
    "CASE",
    "END",
    "-",
    "?",
    "::",
    "[",
    "0x",
    "1e",
    ".",
    ";",
    "X'",
    "\ud800",
  ];
  const editArb = fc.tuple(
    fc.nat(),
    fc.constantFrom("delete", "insert", "copy"),
    fc.nat(),
    fc.constantFrom(...pieces),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...CORPUS),
      fc.array(editArb, { minLength: 1, maxLength: 3 }),
      (seed, edits) => {
        let sql = seed;
        for (const [at0, op, n, piece] of edits) {
          const at = at0 % (sql.length + 1);
          if (op === "delete") {
            sql = sql.slice(0, at) + sql.slice(at + 1 + (n % 4));
          } else if (op === "insert") {
            sql = sql.slice(0, at) + piece + sql.slice(at);
          } else {
            const from = n % (sql.length + 1);
            sql = sql.slice(0, at) + sql.slice(from, from + 8) + sql.slice(at);
          }
        }
        let stmts: Statement[];
        try {
          stmts = parse(sql);
        } catch (e) {
          ok(e instanceof SqlSyntaxError, `${sql}: ${e}`);
          return;
        }
        for (const s of stmts) {
          deepStrictEqual(strip(parseOne(formatStatement(s))), strip(s), sql);
        }
      },
    ),
    { numRuns: 2000 },
  );
});
