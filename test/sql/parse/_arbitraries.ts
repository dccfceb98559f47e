/**
 * fast-check arbitraries of syntax trees in the parser's normal forms, for
 * round-trip properties.
 *
 * @module
 */
import fc from "fast-check";
import type { Expr, SelectStmt } from "../../../src/sql/parse/mod.ts";

export const P = { line: 1, column: 1, offset: 0 };

export const identArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "a",
    "b",
    "c1",
    "_x",
    "Name",
    "key",
    "value",
    "rowid",
    "replace",
    "nulls",
    "first",
    "if",
    "temp",
    "to",
    "offset",
    "select",
    "order",
    "from",
    "true",
    "null",
    "index",
    "x y",
    "end",
    "start",
    "indexed",
    "gin",
    "strict",
    "without",
    "query",
    "plan",
    "column",
    'q"uote',
    "",
  ),
  fc.string({ maxLength: 6 }),
);

export const literalArb: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.double({ noNaN: true }),
  fc.string({ unit: "binary", maxLength: 8 }),
).map((value) => ({ kind: "literal", pos: P, value }));

export const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  literalArb,
  fc.string({ maxLength: 6 }).map((value): Expr => ({
    kind: "literal",
    pos: P,
    value,
    blob: true,
  })),
  fc.record({ table: fc.option(identArb, { nil: undefined }), name: identArb })
    .map(({ table, name }): Expr =>
      table === undefined
        ? { kind: "column", pos: P, name }
        : { kind: "column", pos: P, table, name }
    ),
  fc.integer({ min: 1, max: 99 }).map((index): Expr => ({
    kind: "param",
    pos: P,
    index,
  })),
  fc.constantFrom("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME").map((
    name,
  ): Expr => ({ kind: "current", pos: P, name })),
);

export const typeArb = fc.constantFrom(
  { pos: P, name: "INTEGER", args: [] },
  { pos: P, name: "TEXT", args: [] },
  { pos: P, name: "VARCHAR", args: [20] },
  { pos: P, name: "DECIMAL", args: [10, -2] },
  { pos: P, name: "DOUBLE PRECISION", args: [] },
  { pos: P, name: "TSVECTOR", args: [] },
);

export function simpleSelect(e: Expr): SelectStmt {
  return {
    kind: "select",
    pos: P,
    body: {
      kind: "select_core",
      pos: P,
      distinct: false,
      columns: [{ pos: P, expr: e, text: "" }],
      groupBy: [],
    },
    orderBy: [],
  };
}

/** Random expression trees, in the parser's normal forms. */
export const exprArb: fc.Arbitrary<Expr> = exprOfDepth(4);

/** Random expression trees no deeper than `maxDepth`. */
export function exprOfDepth(maxDepth: number): fc.Arbitrary<Expr> {
  return fc.letrec<{ expr: Expr }>((tie) => {
    const e = () => tie("expr");
    return {
      expr: fc.oneof(
        { maxDepth, depthIdentifier: "expr" },
        leafArb,
        fc.tuple(fc.constantFrom("-", "+", "~", "NOT"), e()).map((
          [op, operand],
        ): Expr => ({ kind: "unary", pos: P, op, operand })),
        fc.tuple(
          fc.constantFrom(
            "||",
            "*",
            "/",
            "%",
            "+",
            "-",
            "<<",
            ">>",
            "&",
            "|",
            "<",
            "<=",
            ">",
            ">=",
            "=",
            "!=",
            "IS",
            "IS NOT",
            "@@",
            "AND",
            "OR",
          ),
          e(),
          e(),
        ).map(([op, left, right]): Expr => ({
          kind: "binary",
          pos: P,
          op,
          left,
          right,
        })),
        fc.tuple(
          fc.constantFrom("LIKE", "GLOB"),
          fc.boolean(),
          e(),
          e(),
          fc.option(e(), { nil: undefined }),
        ).map(([op, not, x, pattern, escape]): Expr => ({
          kind: "like",
          pos: P,
          op,
          not,
          expr: x,
          pattern,
          escape: op === "LIKE" ? escape : undefined,
        })),
        fc.tuple(fc.boolean(), e(), e(), e()).map((
          [not, x, low, high],
        ): Expr => ({ kind: "between", pos: P, not, expr: x, low, high })),
        fc.tuple(fc.boolean(), e(), fc.array(e(), { maxLength: 3 })).map((
          [not, x, list],
        ): Expr => ({ kind: "in_list", pos: P, not, expr: x, list })),
        fc.tuple(fc.boolean(), e(), e()).map(([not, x, s]): Expr => ({
          kind: "in_select",
          pos: P,
          not,
          expr: x,
          select: simpleSelect(s),
        })),
        fc.tuple(fc.boolean(), e()).map(([not, x]): Expr => ({
          kind: "is_null",
          pos: P,
          not,
          expr: x,
        })),
        e().map((x): Expr => ({
          kind: "exists",
          pos: P,
          select: simpleSelect(x),
        })),
        e().map((x): Expr => ({
          kind: "subquery",
          pos: P,
          select: simpleSelect(x),
        })),
        fc.tuple(
          fc.option(e(), { nil: undefined }),
          fc.array(fc.record({ when: e(), then: e() }), {
            minLength: 1,
            maxLength: 3,
          }),
          fc.option(e(), { nil: undefined }),
        ).map(([operand, whens, elseExpr]): Expr => ({
          kind: "case",
          pos: P,
          operand,
          whens,
          else: elseExpr,
        })),
        fc.tuple(e(), typeArb).map(([x, type]): Expr => ({
          kind: "cast",
          pos: P,
          expr: x,
          type,
        })),
        fc.tuple(e(), fc.constantFrom("NOCASE", "BINARY", "RTRIM")).map((
          [x, collation],
        ): Expr => ({ kind: "collate", pos: P, expr: x, collation })),
        fc.tuple(
          fc.constantFrom("count", "f", "Upper", "replace", "exists", "my fn"),
          fc.array(e(), { maxLength: 3 }),
          fc.boolean(),
          fc.boolean(),
        ).map(([name, args, distinct, star]): Expr => ({
          kind: "call",
          pos: P,
          name,
          args: star ? [] : args,
          distinct: !star && args.length > 0 && distinct,
          star,
        })),
      ),
    };
  }).expr;
}
