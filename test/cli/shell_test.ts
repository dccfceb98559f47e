import assert from "node:assert/strict";
import type { Database, QueryResult } from "../../src/api/database.ts";
import { CONTINUATION_PROMPT, PROMPT, Shell } from "../../src/cli/shell.ts";
import { openSqliteDatabase } from "../slt/sqlite_database.ts";

/** A shell on a real SQL engine (node:sqlite), output captured. */
async function shellOn(db?: Database) {
  const database = db ?? await openSqliteDatabase();
  const out: string[] = [];
  const err: string[] = [];
  let clock = 0;
  const shell = new Shell(database, {
    write: (t) => out.push(t),
    writeError: (t) => err.push(t),
    now: () => (clock += 2.5),
  });
  return {
    shell,
    out: () => out.join(""),
    err: () => err.join(""),
    async feed(...lines: string[]) {
      for (const l of lines) await shell.feedLine(l);
    },
    [Symbol.asyncDispose]: () => database.close(),
  };
}

function fakeDb(exec: (sql: string) => QueryResult): Database {
  const db: Database = {
    exec: (sql) => Promise.resolve().then(() => exec(sql)),
    query: (sql) => Promise.resolve().then(() => exec(sql)),
    batch: () => Promise.reject(new Error("unused")),
    close: () => Promise.resolve(),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
  return db;
}

Deno.test("Shell.feedLine() runs a statement once its ; arrives", async () => {
  await using s = await shellOn();
  await s.feed("SELECT 1 +");
  assert.equal(s.shell.prompt, CONTINUATION_PROMPT);
  assert.equal(s.out(), "");
  await s.feed("  2 AS three;");
  assert.equal(s.shell.prompt, PROMPT);
  assert.equal(s.out(), " three\n-------\n     3\n(1 row)\n");
});

Deno.test("Shell.feedLine() runs several statements of one line in order", async () => {
  await using s = await shellOn();
  await s.feed(
    "CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2); SELECT a FROM t;",
  );
  assert.equal(
    s.out(),
    "(2 rows affected)\n a\n---\n 1\n 2\n(2 rows)\n",
  );
});

Deno.test("Shell.feedLine() prints an error with its caret lines and goes on", async () => {
  const err = new SyntaxError(
    'near "FORM": syntax error at line 1, column 10\nSELECT * FORM t\n         ^',
  );
  err.name = "SqlSyntaxError";
  await using s = await shellOn(fakeDb((sql) => {
    if (sql.includes("FORM")) throw err;
    return {
      columns: ["x"],
      rows: [[1n]],
      rowsAffected: 0,
      lastInsertId: null,
    };
  }));
  await s.feed("SELECT * FORM t;", "SELECT 1;");
  assert.equal(
    s.err(),
    'Error: near "FORM": syntax error at line 1, column 10\nSELECT * FORM t\n         ^\n',
  );
  assert.equal(s.out(), " x\n---\n 1\n(1 row)\n");
  assert.equal(s.shell.failures, 1);
});

Deno.test("Shell.feedLine() names other errors by class", async () => {
  class UnknownTableError extends Error {
    override name = "UnknownTableError";
  }
  await using s = await shellOn(fakeDb(() => {
    throw new UnknownTableError('no such table: "nope"');
  }));
  await s.feed("SELECT * FROM nope;");
  assert.equal(s.err(), 'Error: UnknownTableError: no such table: "nope"\n');
});

Deno.test("Shell.end() runs a last statement that has no ;", async () => {
  await using s = await shellOn();
  await s.feed("SELECT 'tail' AS t");
  await s.shell.end();
  assert.equal(s.out(), "  t\n------\n tail\n(1 row)\n");
});

Deno.test("Shell .tables and .schema read the catalog", async () => {
  await using s = await shellOn();
  await s.feed(
    "CREATE TABLE b(x INTEGER); CREATE TABLE a(y TEXT); CREATE INDEX ai ON a(y);",
    ".tables",
    ".tables b*",
    ".schema a",
  );
  assert.equal(
    s.out(),
    "a\nb\nb\nCREATE TABLE a(y TEXT);\nCREATE INDEX ai ON a(y);\n",
  );
});

Deno.test("Shell .tables reports an engine without a catalog", async () => {
  await using s = await shellOn(fakeDb(() => {
    throw new Error("no such table: sqlite_schema");
  }));
  await s.feed(".tables");
  assert.match(s.err(), /no catalog table \(sqlite_schema, reef_schema\)/);
  assert.equal(s.shell.failures, 1);
});

Deno.test("Shell .timer on prints each statement's time", async () => {
  await using s = await shellOn();
  await s.feed(
    ".timer on",
    "CREATE TABLE t(a);",
    ".timer off",
    "DROP TABLE t;",
  );
  assert.equal(s.out(), "Time: 2.500 ms\n");
});

Deno.test("Shell .mode switches to csv and json", async () => {
  await using s = await shellOn();
  await s.feed(
    ".mode csv",
    "SELECT 1 AS a, 'x' AS b;",
    ".mode json",
    "SELECT 2 AS a;",
  );
  assert.equal(s.out(), 'a,b\n1,x\n[{"a":2}]\n');
});

Deno.test("Shell dot commands: .quit ends, unknown ones fail, .help lists", async () => {
  await using s = await shellOn();
  assert.equal(await s.shell.feedLine(".help"), true);
  assert.match(s.out(), /\.schema \[TABLE\]/);
  assert.equal(await s.shell.feedLine(".bogus"), true);
  assert.match(s.err(), /unknown command "\.bogus"/);
  assert.equal(await s.shell.feedLine(".exit"), false);
  assert.equal(await s.shell.feedLine(".quit"), false);
});

Deno.test("Shell treats a line starting with . inside a statement as SQL", async () => {
  await using s = await shellOn();
  await s.feed("SELECT 1 +", ".5 AS x;");
  assert.equal(s.out(), "  x\n-----\n 1.5\n(1 row)\n");
});

Deno.test("Shell.cancelInput() drops a half-typed statement", async () => {
  await using s = await shellOn();
  await s.feed("SELECT 'oops");
  s.shell.cancelInput();
  assert.equal(s.shell.prompt, PROMPT);
  await s.feed("SELECT 2 AS n;");
  assert.equal(s.out(), " n\n---\n 2\n(1 row)\n");
});

Deno.test("Shell .read runs the statements of a file", async () => {
  await using s = await shellOn();
  const path = await Deno.makeTempFile({ suffix: ".sql" });
  try {
    await Deno.writeTextFile(
      path,
      "CREATE TABLE t(a);\nINSERT INTO t VALUES (4);\nSELECT a FROM t",
    );
    await s.feed(`.read ${path}`, ".read /nonexistent/x.sql");
    assert.equal(s.out(), "(1 row affected)\n a\n---\n 4\n(1 row)\n");
    assert.match(s.err(), /cannot read "\/nonexistent\/x.sql"/);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("Shell.feedLine() runs a statement of many lines", async () => {
  await using s = await shellOn();
  await s.feed("CREATE TABLE t(a INTEGER);", "INSERT INTO t VALUES");
  for (let i = 0; i < 2000; i++) await s.feed(`(${i}),`);
  await s.feed("(2000)", "-- a comment; with a semicolon", ";");
  await s.feed("SELECT count(*) AS n FROM t;");
  assert.equal(
    s.out(),
    "(2001 rows affected)\n  n\n------\n 2001\n(1 row)\n",
  );
});

Deno.test("Shell keeps a block comment open across lines", async () => {
  await using s = await shellOn();
  await s.feed("/* SELECT 1;", "still comment; */ SELECT 2 AS b;");
  assert.equal(s.out(), " b\n---\n 2\n(1 row)\n");
});

Deno.test("Shell accepts psql's backslash commands", async () => {
  await using s = await shellOn();
  await s.feed("CREATE TABLE t(a INTEGER);", "\\dt", "\\d t", "\\timing");
  assert.equal(s.shell.timer, true);
  await s.feed("\\timing off", "\\nope");
  assert.equal(s.shell.timer, false);
  assert.equal(s.out(), "t\nCREATE TABLE t(a INTEGER);\n");
  assert.match(s.err(), /unknown command "\\nope"/);
  assert.equal(await s.shell.feedLine("\\q"), false);
});
