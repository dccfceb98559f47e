import assert from "node:assert/strict";
import type { Database, QueryResult } from "../../src/api/database.ts";
import { countSlt, runSlt } from "./run_slt.ts";
import { openSqliteDatabase } from "./sqlite_database.ts";
import { open as openReef } from "../../mod.ts";

/** An engine that knows a handful of statements and rejects the rest. */
function fakeOpen(
  answers: Record<string, QueryResult["rows"]>,
  log: string[] = [],
) {
  return (): Promise<Database> => {
    const run = (sql: string): Promise<QueryResult> => {
      log.push(sql);
      if (sql.startsWith("CREATE") || sql.startsWith("INSERT")) {
        return Promise.resolve({
          columns: [],
          rows: [],
          rowsAffected: 0,
          lastInsertId: null,
        });
      }
      const rows = answers[sql];
      if (rows === undefined) {
        return Promise.reject(new Error(`unsupported: ${sql}`));
      }
      return Promise.resolve({
        columns: (rows[0] ?? [null]).map((_, i) => `c${i}`),
        rows,
        rowsAffected: 0,
        lastInsertId: null,
      });
    };
    const db: Database = {
      exec: run,
      query: run,
      batch: () => Promise.reject(new Error("unused")),
      close: () => Promise.resolve(),
      [Symbol.asyncDispose]: () => Promise.resolve(),
    };
    return Promise.resolve(db);
  };
}

const SCRIPT = `
statement ok
CREATE TABLE t(a)

query I rowsort
SELECT a FROM t
----
1
2

query I nosort
SELECT broken
----
1

statement error
SELECT broken

statement ok
SELECT unsupported

onlyif mysql
query I nosort
SELECT mysql_only
----
1

skipif sqlite
statement ok
SELECT not_for_sqlite
`;

Deno.test("runSlt() counts passed, failed and skipped records", async () => {
  const report = await runSlt(SCRIPT, {
    open: fakeOpen({ "SELECT a FROM t": [[2n], [1n]] }),
    file: "fake.test",
  });
  assert.deepEqual(
    [report.file, report.passed, report.failed, report.skipped],
    ["fake.test", 3, 2, 2],
  );
  assert.deepEqual(
    report.failures.map((f) => [f.line, f.kind, f.sql, f.expected, f.got]),
    [
      [
        11,
        "query",
        "SELECT broken",
        "1",
        "error: Error: unsupported: SELECT broken",
      ],
      [
        19,
        "statement",
        "SELECT unsupported",
        "ok",
        "error: Error: unsupported: SELECT unsupported",
      ],
    ],
  );
});

Deno.test("runSlt() keeps only maxFailures failures but reports all", async () => {
  const seen: number[] = [];
  const report = await runSlt(SCRIPT, {
    open: fakeOpen({}),
    maxFailures: 1,
    onFailure: (f) => seen.push(f.line),
  });
  assert.equal(report.failed, 3);
  assert.equal(report.failures.length, 1);
  assert.deepEqual(seen, [5, 11, 19]);
});

Deno.test("runSlt() stops at an unguarded halt and obeys maxRecords", async () => {
  const script = "onlyif mssql\nhalt\n\nstatement ok\nCREATE TABLE t(a)\n\n" +
    "halt\n\nstatement ok\nSELECT never\n";
  const log: string[] = [];
  const report = await runSlt(script, { open: fakeOpen({}, log) });
  assert.deepEqual([report.passed, report.failed, report.skipped], [1, 0, 0]);
  assert.deepEqual(log, ["CREATE TABLE t(a)"]);
  const sliced = await runSlt(SCRIPT, { open: fakeOpen({}), maxRecords: 1 });
  assert.equal(sliced.passed + sliced.failed, 1);
});

Deno.test("runSlt() runs every statement of a multi-statement record", async () => {
  const log: string[] = [];
  await runSlt(
    "statement ok\nINSERT INTO t VALUES(1);\nCREATE INDEX i ON t(a);\n",
    {
      open: fakeOpen({}, log),
    },
  );
  assert.deepEqual(log, ["INSERT INTO t VALUES(1)", "CREATE INDEX i ON t(a)"]);
});

Deno.test("runSlt() fails a query with the wrong number of columns", async () => {
  const report = await runSlt(
    "query II nosort\nSELECT a FROM t\n----\n1\n2\n",
    {
      open: fakeOpen({ "SELECT a FROM t": [[1n], [2n]] }),
    },
  );
  assert.equal(report.failed, 1);
  assert.match(report.failures[0]!.got, /^1 columns/);
});

Deno.test("runSlt() checks hashed results and labels on a real engine", async () => {
  const script = `hash-threshold 2

statement ok
CREATE TABLE t(a INTEGER, b TEXT)

statement ok
INSERT INTO t VALUES(1,'x'),(2,''),(3,NULL)

query IT rowsort label-all
SELECT a, b FROM t
----
6 values hashing to ${
    // md5 of "1\nx\n2\n(empty)\n3\nNULL\n"
    "3454a7f494b77da665d82edc6038d59f"}

query IT rowsort label-all
SELECT a, b FROM t ORDER BY a DESC

query R nosort
SELECT avg(a) FROM t
----
2.000
`;
  const report = await runSlt(script, { open: openSqliteDatabase });
  assert.deepEqual(report.failures, []);
  assert.deepEqual([report.passed, report.failed], [5, 0]);
});

Deno.test("runSlt() keeps the slowest records, slowest first", async () => {
  const report = await runSlt(SCRIPT, {
    open: fakeOpen({ "SELECT a FROM t": [[2n], [1n]] }),
    keepSlowest: 2,
  });
  assert.equal(report.slowest.length, 2);
  assert.ok(report.slowest[0]!.ms >= report.slowest[1]!.ms);
});

Deno.test("countSlt() counts what runSlt() would run and skip", async () => {
  assert.deepEqual(countSlt(SCRIPT), { runnable: 5, skipped: 2 });
  assert.deepEqual(countSlt(SCRIPT, { maxRecords: 2 }), {
    runnable: 2,
    skipped: 0,
  });
  const report = await runSlt(SCRIPT, { open: fakeOpen({}) });
  assert.equal(report.passed + report.failed, 5);
});

Deno.test("runSlt() ends a query's result at a run-time error, as the reference harness does", async () => {
  const script = `statement ok
CREATE TABLE t(x INTEGER)

statement ok
INSERT INTO t VALUES(9223372036854775807),(1)

query I nosort
SELECT sum(x) FROM t
----

query I nosort
SELECT sum(nosuch) FROM t
----
`;
  for (const open of [openReef, openSqliteDatabase]) {
    const report = await runSlt(script, { open });
    // The overflow happens while running: no rows, as the harness sees it.
    // The unknown column is a compile error: still a failure.
    assert.deepEqual(report.failures.map((f) => f.line), [11]);
    assert.deepEqual([report.passed, report.failed], [3, 1]);
  }
});
