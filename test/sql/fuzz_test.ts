import fc from "fast-check";
import { assertEquals, engine, run } from "./_helpers.ts";
import { SqlError } from "../../src/sql/errors.ts";
import { SqlSyntaxError } from "../../src/sql/parse/mod.ts";
import { TsQuerySyntaxError } from "../../src/sql/fts/mod.ts";
import type { ReefDB } from "../../src/sql/reef_db.ts";

const SETUP = `
CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT UNIQUE, c REAL CHECK (c IS NULL OR c > -1000), d DATE);
CREATE TABLE u (id INTEGER PRIMARY KEY, tid INT REFERENCES t(id) ON DELETE CASCADE, s TEXT NOT NULL);
CREATE INDEX t_a ON t (a);
INSERT INTO t (a, b, c, d) VALUES (1, 'x', 1.5, '2024-01-01'), (2, 'y', NULL, NULL), (NULL, 'z', 3, '2020-02-29');
INSERT INTO u (tid, s) VALUES (1, 'p'), (3, 'q');
`;

const RUNS = Deno.env.get("REEF_LONG") ? 5000 : 300;

/** Errors a bad statement may raise; anything else is a crash. */
function allowed(e: unknown): boolean {
  return e instanceof SqlError || e instanceof SqlSyntaxError ||
    e instanceof TsQuerySyntaxError;
}

/** Tables, rows, row id counters and index sizes (not the idempotency log). */
function dataOf(db: ReefDB): string {
  const out: unknown[] = [];
  for (const t of db.catalog.tables.values()) {
    out.push(
      t.schema,
      t.nextRowId,
      [...t.rows.entries()],
      t.indexes.map((i) => i.size),
    );
  }
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

function attempt(db: ReefDB, sql: string): void {
  const before = dataOf(db);
  try {
    run(db, sql);
  } catch (e) {
    if (!allowed(e)) {
      throw new Error(
        `crash on ${JSON.stringify(sql)}: ${e instanceof Error ? e.stack : e}`,
      );
    }
    assertEquals(dataOf(db), before, `state changed by failing ${sql}`);
  }
}

const TOKENS = [
  "SELECT",
  "FROM",
  "WHERE",
  "INSERT",
  "INTO",
  "VALUES",
  "UPDATE",
  "SET",
  "DELETE",
  "CREATE",
  "TABLE",
  "INDEX",
  "DROP",
  "ALTER",
  "ADD",
  "COLUMN",
  "JOIN",
  "LEFT",
  "ON",
  "GROUP",
  "BY",
  "ORDER",
  "LIMIT",
  "(",
  ")",
  ",",
  "*",
  "+",
  "-",
  "/",
  "%",
  "=",
  "<>",
  "<",
  ">",
  "AND",
  "OR",
  "NOT",
  "NULL",
  "IS",
  "IN",
  "LIKE",
  "BETWEEN",
  "CASE",
  "WHEN",
  "THEN",
  "END",
  "t",
  "u",
  "a",
  "b",
  "c",
  "d",
  "id",
  "tid",
  "s",
  "1",
  "0",
  "-1",
  "'x'",
  "'2024-13-01'",
  "2.5",
  "9223372036854775807",
  "count(*)",
  "sum(a)",
  "@@",
  "to_tsquery('a &')",
  "?",
  "CAST",
  "AS",
  "INTEGER",
];

Deno.test("random SQL-ish text never crashes the engine or changes state when it fails", () => {
  const db = engine(SETUP);
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 14 }),
      (toks) => {
        attempt(db, toks.join(" "));
      },
    ),
    { numRuns: RUNS },
  );
});

const value = fc.oneof(
  fc.constant("NULL"),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom(
    "'x'",
    "'y'",
    "'w'",
    "'12'",
    "'abc'",
    "2.5",
    "-0.5",
    "1e3",
    "'2024-02-03'",
    "9223372036854775807",
  ),
);
const column = fc.constantFrom("a", "b", "c", "d", "id");
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: "small" },
    value,
    column,
    fc.tuple(
      tie("e"),
      fc.constantFrom(
        "+",
        "-",
        "*",
        "/",
        "%",
        "||",
        "=",
        "<>",
        "<",
        ">=",
        "AND",
        "OR",
        "IS",
      ),
      tie("e"),
    )
      .map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie("e").map((x) => `NOT ${x}`),
    fc.tuple(tie("e"), value, value).map(([x, l, h]) =>
      `${x} BETWEEN ${l} AND ${h}`
    ),
    fc.tuple(tie("e"), fc.array(value, { maxLength: 3 })).map(([x, l]) =>
      `${x} IN (${l.join(", ")})`
    ),
    fc.tuple(
      fc.constantFrom("abs", "coalesce", "length", "upper", "typeof"),
      tie("e"),
    ).map(([f, x]) => `${f}(${x})`),
    tie("e").map((x) => `CAST(${x} AS INTEGER)`),
  ),
})).e;

const statement = fc.oneof(
  fc.tuple(value, value, value, value).map(([a, b, c, d]) =>
    `INSERT INTO t (a, b, c, d) VALUES (${a}, ${b}, ${c}, ${d})`
  ),
  fc.tuple(column, expr, expr).map(([c, v, w]) =>
    `UPDATE t SET ${c} = ${v} WHERE ${w}`
  ),
  expr.map((w) => `DELETE FROM t WHERE ${w}`),
  fc.tuple(expr, expr).map(([x, w]) =>
    `SELECT ${x}, count(*) FROM t LEFT JOIN u ON u.tid = t.id WHERE ${w} GROUP BY 1 ORDER BY 1`
  ),
  fc.tuple(value, value).map(([tid, s]) =>
    `INSERT INTO u (tid, s) VALUES (${tid}, ${s})`
  ),
  expr.map((w) => `DELETE FROM u WHERE ${w.replaceAll(/\b[abcd]\b/g, "s")}`),
);

Deno.test("random valid statements either succeed or fail with a named error and no change", () => {
  fc.assert(
    fc.property(
      fc.array(statement, { minLength: 1, maxLength: 8 }),
      (stmts) => {
        const db = engine(SETUP);
        for (const s of stmts) attempt(db, s);
        // Indexes still agree with the table after every change.
        const viaIndex = run(
          db,
          "SELECT id FROM t WHERE a >= -1000000 ORDER BY id",
        );
        const viaScan = run(
          db,
          "SELECT id FROM t WHERE a + 0 >= -1000000 ORDER BY id",
        );
        assertEquals(viaIndex, viaScan);
      },
    ),
    { numRuns: Math.ceil(RUNS / 3) },
  );
});
