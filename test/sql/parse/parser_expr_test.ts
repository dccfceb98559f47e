import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { parseOne, SqlSyntaxError } from "../../../src/sql/parse/mod.ts";
import { expr, sexp, strip } from "./_helpers.ts";

Deno.test("parse() follows SQLite operator precedence", async (t) => {
  const cases: [string, string][] = [
    ["1 + 2 * 3", "(+ 1 (* 2 3))"],
    ["1 * 2 + 3", "(+ (* 1 2) 3)"],
    ["1 - 2 - 3", "(- (- 1 2) 3)"],
    ["a || b * c", "(* (|| a b) c)"],
    ["-a || b", "(|| (- a) b)"],
    ["~a + b", "(+ (~ a) b)"],
    ["a + b << 1", "(<< (+ a b) 1)"],
    ["a & b | c", "(| (& a b) c)"],
    ["a << 1 < b", "(< (<< a 1) b)"],
    ["a < b = c < d", "(= (< a b) (< c d))"],
    ["a = b == c", "(= (= a b) c)"],
    ["a <> b != c", "(!= (!= a b) c)"],
    ["NOT a = b", "(NOT (= a b))"],
    ["NOT a AND b", "(AND (NOT a) b)"],
    ["a OR b AND c", "(OR a (AND b c))"],
    ["a AND b OR c AND d", "(OR (AND a b) (AND c d))"],
    ["NOT NOT a", "(NOT (NOT a))"],
    ["1 = NOT 0", "(= 1 (NOT 0))"],
    ["a = 1 IS NULL", "(ISNULL (= a 1))"],
    ["a IS NOT NULL AND b ISNULL", "(AND (NOTNULL a) (ISNULL b))"],
    ["a NOT NULL", "(NOTNULL a)"],
    ["a NOTNULL OR b", "(OR (NOTNULL a) b)"],
    ["a IS NULL + 1", "(IS a (+ NULL 1))"],
    ["a IS b", "(IS a b)"],
    ["a IS NOT b", "(IS NOT a b)"],
    ["a IS DISTINCT FROM b", "(IS NOT a b)"],
    ["a IS NOT DISTINCT FROM b", "(IS a b)"],
    ["a LIKE 'x%' AND b", "(AND (LIKE a 'x%') b)"],
    ["a NOT LIKE b || 'x' ESCAPE '!'", "(NOT LIKE a (|| b 'x') '!')"],
    ["a GLOB 'x*'", "(GLOB a 'x*')"],
    ["a NOT GLOB 'x*'", "(NOT GLOB a 'x*')"],
    ["a BETWEEN 1 AND 2 AND b", "(AND (BETWEEN a 1 2) b)"],
    ["a NOT BETWEEN b + 1 AND c * 2", "(NOT BETWEEN a (+ b 1) (* c 2))"],
    ["a BETWEEN 1 AND 2 = 1", "(= (BETWEEN a 1 2) 1)"],
    ["a IN (1, 2) = b", "(= (IN a [1 2]) b)"],
    ["a NOT IN ()", "(NOT IN a [])"],
    ["x @@ q AND y", "(AND (@@ x q) y)"],
    ["x @@ q = TRUE", "(= (@@ x q) true)"],
    ["a < b @@ c", "(@@ (< a b) c)"],
    ["a COLLATE nocase = b", "(= (COLLATE a NOCASE) b)"],
    ["a || b COLLATE nocase", "(|| a (COLLATE b NOCASE))"],
    ["-a COLLATE binary", "(COLLATE (- a) BINARY)"],
    ["'a b'::tsvector @@ q", "(@@ (CAST 'a b' TSVECTOR) q)"],
    ["-x::int", "(- (CAST x INT))"],
    ["a % b / c", "(/ (% a b) c)"],
    ["(a + b) * c", "(* (+ a b) c)"],
    ["count(*) + sum(DISTINCT x)", "(+ (count *) (sum x))"],
  ];
  for (const [sql, want] of cases) {
    await t.step(sql, () => strictEqual(sexp(expr(sql)), want));
  }
});

Deno.test("parse() reads literals with their JavaScript types", () => {
  deepStrictEqual(
    [
      "42",
      "9223372036854775807",
      "-9223372036854775808",
      "9223372036854775808",
      "0x10",
      "0xffffffffffffffff",
      "0x00000000000000000010",
      "-0x7fffffffffffffff",
      "1.5",
      ".5",
      "1e3",
      "1.",
      "-2.5",
      "'it''s'",
      "''",
      "NULL",
      "TRUE",
      "false",
    ].map((s) => {
      const e = expr(s);
      return e.kind === "literal" ? e.value : e.kind;
    }),
    [
      42n,
      9223372036854775807n,
      -9223372036854775808n,
      9223372036854775808,
      16n,
      -1n,
      16n,
      -9223372036854775807n,
      1.5,
      0.5,
      1000,
      1,
      -2.5,
      "it's",
      "",
      null,
      true,
      false,
    ],
  );
});

Deno.test("parse() keeps integers exact on both sides of 2^53", () => {
  const values = [
    "999999999999999",
    "9007199254740993",
    "-9007199254740993",
    "000000000000042",
    "1234567890123456789",
  ].map((s) => {
    const e = expr(s);
    return e.kind === "literal" ? e.value : e.kind;
  });
  deepStrictEqual(values, [
    999999999999999n,
    9007199254740993n,
    -9007199254740993n,
    42n,
    1234567890123456789n,
  ]);
});

Deno.test("parse() folds a minus only when it is written directly before a number", () => {
  deepStrictEqual(strip(expr("-(5)")), {
    kind: "unary",
    op: "-",
    operand: { kind: "literal", value: 5n },
  });
  deepStrictEqual(strip(expr("- 5")), { kind: "literal", value: -5n });
  deepStrictEqual(strip(expr("- -5")), {
    kind: "unary",
    op: "-",
    operand: { kind: "literal", value: -5n },
  });
  deepStrictEqual(strip(expr("+5")), {
    kind: "unary",
    op: "+",
    operand: { kind: "literal", value: 5n },
  });
  strictEqual(sexp(expr("-5::text")), "(- (CAST 5 TEXT))");
  strictEqual(sexp(expr("1-2")), "(- 1 2)");
});

Deno.test("parse() numbers parameters left to right and honours explicit numbers", () => {
  const s = parseOne("SELECT ?, ?, ?5, ?, $2, :a, @b, :a, $name");
  if (s.kind !== "select" || s.body.kind !== "select_core") throw new Error();
  deepStrictEqual(
    s.body.columns.map((c) =>
      c.expr.kind === "param" ? [c.expr.index, c.expr.name ?? null] : null
    ),
    [
      [1, null],
      [2, null],
      [5, null],
      [6, null],
      [2, null],
      [7, ":a"],
      [8, "@b"],
      [7, ":a"],
      [9, "$name"],
    ],
  );
});

Deno.test("parse() restarts parameter numbers in each statement of a script", async () => {
  const { parse } = await import("../../../src/sql/parse/mod.ts");
  const [a, b] = parse("SELECT ?; SELECT ?");
  for (const s of [a, b]) {
    if (s.kind !== "select" || s.body.kind !== "select_core") throw new Error();
    deepStrictEqual(strip(s.body.columns[0].expr), { kind: "param", index: 1 });
  }
});

Deno.test("parse() reads names, calls, CASE, CAST, EXISTS and subqueries", () => {
  deepStrictEqual(strip(expr("s.t.c")), {
    kind: "column",
    schema: "s",
    table: "t",
    name: "c",
  });
  deepStrictEqual(strip(expr('"my col"')), { kind: "column", name: "my col" });
  deepStrictEqual(strip(expr("[a b]")), { kind: "column", name: "a b" });
  deepStrictEqual(strip(expr("`x``y`")), { kind: "column", name: "x`y" });
  deepStrictEqual(strip(expr('"a""b"')), { kind: "column", name: 'a"b' });
  deepStrictEqual(strip(expr("key")), { kind: "column", name: "key" });
  deepStrictEqual(strip(expr("replace(a, 'x', 'y')")), {
    kind: "call",
    name: "replace",
    args: [
      { kind: "column", name: "a" },
      { kind: "literal", value: "x" },
      { kind: "literal", value: "y" },
    ],
    distinct: false,
    star: false,
  });
  deepStrictEqual(strip(expr("now()")), {
    kind: "call",
    name: "now",
    args: [],
    distinct: false,
    star: false,
  });
  deepStrictEqual(strip(expr("CASE x WHEN 1 THEN 'a' END")), {
    kind: "case",
    operand: { kind: "column", name: "x" },
    whens: [{
      when: { kind: "literal", value: 1n },
      then: { kind: "literal", value: "a" },
    }],
  });
  deepStrictEqual(strip(expr("CAST(x AS VARCHAR(20))")), {
    kind: "cast",
    expr: { kind: "column", name: "x" },
    type: { name: "VARCHAR", args: [20] },
  });
  const cast = expr("CAST(x AS decimal(10, -2))");
  deepStrictEqual(cast.kind === "cast" ? strip(cast.type) : null, {
    name: "DECIMAL",
    args: [10, -2],
  });
  deepStrictEqual(strip(expr("CURRENT_DATE")), {
    kind: "current",
    name: "CURRENT_DATE",
  });
  strictEqual(expr("EXISTS (SELECT 1)").kind, "exists");
  strictEqual(expr("(SELECT 1)").kind, "subquery");
  strictEqual(expr("x IN (SELECT 1)").kind, "in_select");
  strictEqual(
    expr("x NOT IN (WITH a AS (SELECT 1) SELECT * FROM a)").kind,
    "in_select",
  );
  strictEqual(sexp(expr("NOT EXISTS (SELECT 1)")), "(NOT <exists>)");
});

Deno.test("parse() reads blob literals as text with a blob flag", () => {
  deepStrictEqual(strip(expr("x'303132'")), {
    kind: "literal",
    value: "012",
    blob: true,
  });
  deepStrictEqual(strip(expr("X''")), {
    kind: "literal",
    value: "",
    blob: true,
  });
  // Invalid UTF-8 decodes to U+FFFD; a leading BOM is kept.
  deepStrictEqual(strip(expr("X'ff41'")), {
    kind: "literal",
    value: "\uFFFDA",
    blob: true,
  });
  deepStrictEqual(strip(expr("X'EFBBBF41'")), {
    kind: "literal",
    value: "\uFEFFA",
    blob: true,
  });
});

Deno.test("parse() rejects row values and bad parameters", () => {
  for (
    const sql of [
      "(1, 2)",
      "?0",
      "?99999",
      "0x1ffffffffffffffff",
      "-0x8000000000000000",
    ]
  ) {
    throws(() => expr(sql), SqlSyntaxError, sql);
  }
});

Deno.test("parse() lets BETWEEN's low bound hold comparisons, as SQLite does", () => {
  strictEqual(sexp(expr("a BETWEEN b = c AND d")), "(BETWEEN a (= b c) d)");
  strictEqual(
    sexp(expr("a BETWEEN b <> c AND d = e")),
    "(= (BETWEEN a (!= b c) d) e)",
  );
  strictEqual(
    sexp(expr("a BETWEEN b BETWEEN c AND d AND e")),
    "(BETWEEN a (BETWEEN b c d) e)",
  );
});
