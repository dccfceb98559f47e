import assert from "node:assert/strict";
import { SltParseError } from "./errors.ts";
import { parseSlt, shouldRun } from "./parse_slt.ts";

Deno.test("parseSlt() reads statements, queries and their guards", () => {
  const records = parseSlt(
    [
      "hash-threshold 8",
      "",
      "# a comment",
      "statement ok",
      "CREATE TABLE t1(a INTEGER,",
      "  b INTEGER)",
      "",
      "skipif mysql # why",
      "onlyif sqlite",
      "query II rowsort label-1",
      "SELECT a, b",
      "  FROM t1",
      "----",
      "1",
      "2",
      "",
      "statement error",
      "SELECT nope",
      "",
      "query T",
      "SELECT 'x'",
      "----",
      "x",
    ].join("\r\n"),
  );
  assert.deepEqual(records, [
    { kind: "hash-threshold", value: 8, line: 1, conditions: [] },
    {
      kind: "statement",
      expectError: false,
      sql: "CREATE TABLE t1(a INTEGER,\n  b INTEGER)",
      line: 4,
      conditions: [],
    },
    {
      kind: "query",
      types: "II",
      sort: "rowsort",
      label: "label-1",
      sql: "SELECT a, b\n  FROM t1",
      expected: ["1", "2"],
      line: 10,
      conditions: [
        { kind: "skipif", engine: "mysql" },
        { kind: "onlyif", engine: "sqlite" },
      ],
    },
    {
      kind: "statement",
      expectError: true,
      sql: "SELECT nope",
      line: 17,
      conditions: [],
    },
    {
      kind: "query",
      types: "T",
      sort: "nosort",
      label: null,
      sql: "SELECT 'x'",
      expected: ["x"],
      line: 20,
      conditions: [],
    },
  ]);
});

Deno.test("parseSlt() keeps a query without ---- as label-only", () => {
  const [q] = parseSlt("query I nosort label-a\nSELECT 1\n");
  assert.equal(q?.kind === "query" && q.expected, null);
});

Deno.test("parseSlt() reads an empty expected block", () => {
  const [q] = parseSlt(
    "query I nosort\nSELECT 1 WHERE 0\n----\n\nstatement ok\nSELECT 1\n",
  );
  assert.deepEqual(q?.kind === "query" && q.expected, []);
});

Deno.test("parseSlt() reads guarded halts", () => {
  const records = parseSlt("onlyif mssql\nhalt\n\nhalt\n");
  assert.deepEqual(records, [
    {
      kind: "halt",
      line: 2,
      conditions: [{ kind: "onlyif", engine: "mssql" }],
    },
    { kind: "halt", line: 4, conditions: [] },
  ]);
});

Deno.test("parseSlt() rejects an unknown record with its line", () => {
  assert.throws(
    () =>
      parseSlt("statement ok\nSELECT 1\n\nloop i 0 10\n", { file: "x.test" }),
    (err) =>
      err instanceof SltParseError && err.line === 4 &&
      err.message === 'x.test:4: unknown record "loop"',
  );
  assert.throws(() => parseSlt("statement maybe\nSELECT 1\n"), SltParseError);
  assert.throws(() => parseSlt("query\nSELECT 1\n"), SltParseError);
});

Deno.test("shouldRun() honours skipif and onlyif for the engine", () => {
  assert.equal(shouldRun([], "sqlite"), true);
  assert.equal(
    shouldRun([{ kind: "skipif", engine: "sqlite" }], "sqlite"),
    false,
  );
  assert.equal(
    shouldRun([{ kind: "skipif", engine: "mysql" }], "sqlite"),
    true,
  );
  assert.equal(
    shouldRun([{ kind: "onlyif", engine: "mysql" }], "sqlite"),
    false,
  );
  assert.equal(
    shouldRun([{ kind: "onlyif", engine: "sqlite" }], "sqlite"),
    true,
  );
});
