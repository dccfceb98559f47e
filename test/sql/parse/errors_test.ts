import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { parse, parseOne, SqlSyntaxError } from "../../../src/sql/parse/mod.ts";

function errorOf(sql: string, one = false): SqlSyntaxError {
  try {
    if (one) parseOne(sql);
    else parse(sql);
  } catch (e) {
    if (e instanceof SqlSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(sql)}`);
}

Deno.test("SqlSyntaxError message ends with the source line and a caret", () => {
  const e = errorOf("SELECT * FORM t");
  strictEqual(
    e.message,
    'near "FORM": syntax error at line 1, column 10\nSELECT * FORM t\n         ^',
  );
  deepStrictEqual([e.line, e.column, e.offset, e.reason], [
    1,
    10,
    9,
    'near "FORM": syntax error',
  ]);
  ok(e instanceof SyntaxError);
  strictEqual(e.name, "SqlSyntaxError");
});

Deno.test("SqlSyntaxError points into the right line of a multi-line text", () => {
  const e = errorOf("SELECT a,\n  b\nFROM t\nWHERE a = = 1");
  strictEqual(
    e.message,
    'near "=": syntax error (expected an expression) at line 4, column 11\nWHERE a = = 1\n          ^',
  );
  strictEqual(e.offset, 31);
});

Deno.test("SqlSyntaxError reports incomplete input at the end of the text", () => {
  const e = errorOf("SELECT a\nFROM t\nWHERE");
  strictEqual(
    e.message,
    "incomplete input (expected an expression) at line 3, column 6\nWHERE\n     ^",
  );
  strictEqual(
    errorOf("SELECT (1 + 2").reason,
    'incomplete input (expected ")")',
  );
  strictEqual(
    errorOf("CREATE TABLE t").reason,
    'incomplete input (expected "(")',
  );
});

Deno.test("SqlSyntaxError keeps tabs under the caret so it lines up", () => {
  const e = errorOf("\tSELECT\t*\tFORM t");
  strictEqual(
    e.message,
    'near "FORM": syntax error at line 1, column 11\n\tSELECT\t*\tFORM t\n\t      \t \t^',
  );
});

Deno.test("SqlSyntaxError shortens very long lines around the spot", () => {
  const sql = "SELECT " + "a + ".repeat(100) + "= 1";
  const e = errorOf(sql);
  const [, line, caret] = e.message.split("\n");
  ok(line.length <= 126, `line too long: ${line.length}`);
  strictEqual(line.slice(caret.length - 1, caret.length + 2), "= 1");
});

Deno.test("tokenize errors name the offending text", async (t) => {
  const cases: [string, string, number][] = [
    ["SELECT #", 'unrecognized token: "#"', 8],
    ["SELECT 12abc", 'unrecognized token: "12abc"', 8],
    ["SELECT 1e+", 'unrecognized token: "1e+"', 8],
    ["SELECT 0x", 'unrecognized token: "0x"', 8],
    ["SELECT ! 1", 'unrecognized token: "!"', 8],
    ["SELECT :", 'unrecognized token: ":"', 8],
    ["SELECT X'0'", "unrecognized token: \"X'0'\"", 8],
    ["SELECT 'abc", "unterminated string literal", 8],
    ['SELECT "abc', "unterminated quoted identifier", 8],
    ["SELECT [abc", "unterminated quoted identifier", 8],
    ["SELECT `abc", "unterminated quoted identifier", 8],
    ["SELECT\n\n  'abc\n", "unterminated string literal", 3],
  ];
  for (const [sql, reason, column] of cases) {
    await t.step(sql, () => {
      const e = errorOf(sql);
      deepStrictEqual([e.reason, e.column], [reason, column]);
    });
  }
});

Deno.test("parse() reports grammar errors at the first token that does not fit", async (t) => {
  const cases: [string, string, number][] = [
    [
      "INSERT INTO t VALUES (1,)",
      'near ")": syntax error (expected an expression)',
      25,
    ],
    [
      "CREATE TABLE t (a INT,)",
      'near ")": syntax error (expected a name)',
      23,
    ],
    [
      "SELECT a FROM t1 NATURAL t2",
      'near "t2": syntax error (expected JOIN)',
      26,
    ],
    ["SELECT 1 2", 'near "2": syntax error', 10],
    [
      "SELECT a FROM t WHERE",
      "incomplete input (expected an expression)",
      22,
    ],
    ["DROP THING x", 'near "THING": syntax error', 6],
    [
      "SELECT * FROM t ORDER a",
      'near "a": syntax error (expected BY)',
      23,
    ],
    ["CREATE TABLE t (PRIMARY KEY (a), b INT)", 'near "b": syntax error', 34],
    [
      "SELECT CASE WHEN 1 END",
      'near "END": syntax error (expected THEN)',
      20,
    ],
    [
      "SELECT 1 IS DISTINCT 2",
      'near "2": syntax error (expected FROM)',
      22,
    ],
    ["SELEC 1", 'near "SELEC": syntax error (expected a statement)', 1],
    ["INSERT INTO t VALUES 1", 'near "1": syntax error (expected "(")', 22],
    [
      "SELECT a BETWEEN 1 2",
      'near "2": syntax error (expected AND)',
      20,
    ],
    ["SELECT (1 + 2 FROM t", 'near "FROM": syntax error (expected ")")', 15],
    ["VALUES (1, 2), (3)", "all VALUES must have the same number of terms", 16],
    ["SELECT (1, 2)", "row values are not supported", 10],
    ["SELECT ?0", "variable number must be between ?1 and ?32766", 8],
    [
      "SELECT 0x10000000000000000",
      "hex literal too big: 0x10000000000000000",
      8,
    ],
    ["EXPLAIN EXPLAIN SELECT 1", 'near "EXPLAIN": syntax error', 9],
    ["SELECT 1 SELECT 2", 'near "SELECT": syntax error', 10],
    [
      "select from",
      'near "from": syntax error (expected an expression)',
      8,
    ],
    ["SELECT * FROM t WHERE a NOT 1", 'near "NOT": syntax error', 25],
  ];
  for (const [sql, reason, column] of cases) {
    await t.step(sql, () => {
      const e = errorOf(sql);
      deepStrictEqual([e.reason, e.column], [reason, column]);
    });
  }
});

Deno.test("parseOne() refuses empty input and more than one statement", () => {
  strictEqual(errorOf("  -- nothing", true).reason, "no statement to run");
  const e = errorOf("SELECT 1; SELECT 2", true);
  deepStrictEqual([e.reason, e.line, e.column], [
    "only one statement is allowed here",
    1,
    11,
  ]);
  strictEqual(parseOne("SELECT 1;").kind, "select");
});

Deno.test("parse() turns too deep nesting into SqlSyntaxError, not a stack overflow", () => {
  for (
    const sql of [
      "SELECT " + "(".repeat(20000) + "1" + ")".repeat(20000),
      "SELECT " + "NOT ".repeat(20000) + "1",
      "SELECT " + "- ".repeat(20000) + "1",
      "SELECT * FROM " + "(".repeat(20000) + "t" + ")".repeat(20000),
      "SELECT " + "(SELECT ".repeat(5000) + "1" + ")".repeat(5000),
    ]
  ) {
    throws(() => parse(sql), SqlSyntaxError);
  }
  // Just under the limit still parses.
  strictEqual(
    parse("SELECT " + "(".repeat(900) + "1" + ")".repeat(900)).length,
    1,
  );
});
