/**
 * Helpers for the parser tests.
 *
 * @module
 */

import type { Expr, Statement } from "../../../src/sql/parse/mod.ts";
import { parseOne } from "../../../src/sql/parse/mod.ts";

const DROPPED = new Set(["pos", "text", "selectText"]);

/**
 * Deep copy without positions and source-text fields, and without keys whose
 * value is undefined, so trees compare by meaning.
 *
 * @example
 * ```ts
 * strip({ kind: "literal", pos: { line: 1, column: 1, offset: 0 }, value: 1n }); // { kind: "literal", value: 1n }
 * ```
 */
export function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (x !== null && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (DROPPED.has(k) || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return x;
}

/**
 * Parses `SELECT <sql>` and returns the first result column's expression.
 *
 * @example
 * ```ts
 * expr("1 + 2"); // the binary + node
 * ```
 */
export function expr(sql: string): Expr {
  const s = parseOne(`SELECT ${sql}`);
  if (s.kind !== "select" || s.body.kind !== "select_core") {
    throw new TypeError("expected a simple SELECT");
  }
  return s.body.columns[0].expr;
}

/**
 * Parses one statement and strips it.
 *
 * @example
 * ```ts
 * stmt("COMMIT"); // { kind: "commit" }
 * ```
 */
export function stmt(sql: string): unknown {
  return strip(parseOne(sql) as Statement);
}

/**
 * A compact S-expression view of an expression for precedence tests:
 * `(+ 1 (* 2 3))`.
 *
 * @example
 * ```ts
 * sexp(expr("1 + 2 * 3")); // "(+ 1 (* 2 3))"
 * ```
 */
export function sexp(e: Expr): string {
  switch (e.kind) {
    case "literal":
      return typeof e.value === "string"
        ? `'${e.value}'`
        : e.value === null
        ? "NULL"
        : String(e.value);
    case "column":
      return e.table === undefined ? e.name : `${e.table}.${e.name}`;
    case "param":
      return `?${e.index}`;
    case "unary":
      return `(${e.op} ${sexp(e.operand)})`;
    case "binary":
      return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "like":
      return `(${e.not ? "NOT " : ""}${e.op} ${sexp(e.expr)} ${
        sexp(e.pattern)
      }${e.escape ? " " + sexp(e.escape) : ""})`;
    case "between":
      return `(${e.not ? "NOT " : ""}BETWEEN ${sexp(e.expr)} ${sexp(e.low)} ${
        sexp(e.high)
      })`;
    case "in_list":
      return `(${e.not ? "NOT " : ""}IN ${sexp(e.expr)} [${
        e.list.map(sexp).join(" ")
      }])`;
    case "is_null":
      return `(${e.not ? "NOTNULL" : "ISNULL"} ${sexp(e.expr)})`;
    case "collate":
      return `(COLLATE ${sexp(e.expr)} ${e.collation})`;
    case "cast":
      return `(CAST ${sexp(e.expr)} ${e.type.name})`;
    case "call":
      return `(${e.name}${e.star ? " *" : ""}${
        e.args.map((a) => " " + sexp(a)).join("")
      })`;
    default:
      return `<${e.kind}>`;
  }
}
