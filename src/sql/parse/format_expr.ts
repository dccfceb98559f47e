/**
 * Expression to SQL text, with only the parentheses the precedence table
 * needs. `parse(formatExpr(e))` gives back `e` (positions aside).
 *
 * @module
 */

import type { BinaryOp, Expr, LiteralValue, TypeName } from "./ast.ts";
import { formatSelect } from "./format_statement.ts";
import { PREC } from "./_expr_parser.ts";
import { isReservedWord } from "./_tokens.ts";

const BINARY_PREC: Readonly<Record<BinaryOp, number>> = {
  "OR": PREC.OR,
  "AND": PREC.AND,
  "=": PREC.EQUALITY,
  "!=": PREC.EQUALITY,
  "IS": PREC.EQUALITY,
  "IS NOT": PREC.EQUALITY,
  "@@": PREC.EQUALITY,
  "<": PREC.RELATIONAL,
  "<=": PREC.RELATIONAL,
  ">": PREC.RELATIONAL,
  ">=": PREC.RELATIONAL,
  "<<": PREC.BITWISE,
  ">>": PREC.BITWISE,
  "&": PREC.BITWISE,
  "|": PREC.BITWISE,
  "+": PREC.ADDITIVE,
  "-": PREC.ADDITIVE,
  "*": PREC.MULTIPLICATIVE,
  "/": PREC.MULTIPLICATIVE,
  "%": PREC.MULTIPLICATIVE,
  "||": PREC.CONCAT,
};

/**
 * Prints an expression as SQL.
 *
 * Identifiers are double-quoted when they are reserved words or not plain
 * `[A-Za-z_][A-Za-z0-9_$]*`; parameters print as `?N` (or their name);
 * `CAST` always prints in the `CAST(x AS T)` form.
 *
 * @param expr the expression
 * @returns SQL text
 * @throws {RangeError} for a NaN literal, which SQL cannot spell
 *
 * @example
 * ```ts
 * import { formatExpr, parseOne } from "./mod.ts";
 * const s = parseOne("SELECT (1+2)*3");
 * if (s.kind === "select" && s.body.kind === "select_core") {
 *   console.log(formatExpr(s.body.columns[0].expr)); // (1 + 2) * 3
 * }
 * ```
 */
export function formatExpr(expr: Expr): string {
  return fmt(expr, PREC.OR);
}

/**
 * Prints an identifier, double-quoting it when needed.
 *
 * @param name the identifier
 * @returns the identifier, quoted if needed
 *
 * @example
 * ```ts
 * import { formatIdent } from "./format_expr.ts";
 * formatIdent("users"); // users
 * formatIdent("order"); // "order"
 * ```
 */
export function formatIdent(name: string): string {
  if (isPlainIdent(name) && !isReservedWord(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

function isPlainIdent(s: string): boolean {
  if (s.length === 0) return false;
  const c0 = s.charCodeAt(0);
  if (!(c0 === 95 || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) {
    return false;
  }
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      !(c === 95 || c === 36 || (c >= 48 && c <= 57) ||
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122))
    ) return false;
  }
  return true;
}

/**
 * Prints a literal value as SQL: `NULL`, `TRUE`, `42`, `1.5`, `'it''s'`.
 * Reals always carry a `.` or an exponent so they read back as reals.
 *
 * @param value the value
 * @returns SQL text
 * @throws {RangeError} for NaN
 *
 * @example
 * ```ts
 * import { formatLiteral } from "./format_expr.ts";
 * formatLiteral(2); // 2.0
 * formatLiteral("it's"); // 'it''s'
 * ```
 */
export function formatLiteral(value: LiteralValue): string {
  switch (typeof value) {
    case "bigint":
      return String(value);
    case "number":
      return formatReal(value);
    case "string":
      return `'${value.replaceAll("'", "''")}'`;
    case "boolean":
      return value ? "TRUE" : "FALSE";
    default:
      return "NULL";
  }
}

const utf8 = new TextEncoder();

/**
 * Prints text as a blob literal of its UTF-8 bytes: `X'616263'`.
 *
 * @param text the blob's text form
 * @returns SQL text
 *
 * @example
 * ```ts
 * import { formatBlob } from "./format_expr.ts";
 * formatBlob("abc"); // X'616263'
 * ```
 */
export function formatBlob(text: string): string {
  let hex = "";
  for (const b of utf8.encode(text)) hex += b.toString(16).padStart(2, "0");
  return `X'${hex.toUpperCase()}'`;
}

function formatReal(v: number): string {
  if (Number.isNaN(v)) throw new RangeError("Cannot print NaN as SQL");
  if (v === Infinity) return "1e999";
  if (v === -Infinity) return "-1e999";
  if (Object.is(v, -0)) return "-0.0";
  const s = String(v);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101) return s; // '.' or 'e'
  }
  return s + ".0";
}

/**
 * Prints a type name: `VARCHAR(20)`, `DECIMAL(10, 2)`, `TEXT`.
 *
 * @param type the type
 * @returns SQL text
 *
 * @example
 * ```ts
 * import { formatTypeName } from "./format_expr.ts";
 * formatTypeName({ pos: { line: 1, column: 1, offset: 0 }, name: "VARCHAR", args: [20] }); // VARCHAR(20)
 * ```
 */
export function formatTypeName(type: TypeName): string {
  const words = type.name.split(" ").map(formatIdent).join(" ");
  return type.args.length === 0 ? words : `${words}(${type.args.join(", ")})`;
}

function isNegativeNumber(v: LiteralValue): boolean {
  if (typeof v === "bigint") return v < 0n;
  if (typeof v === "number") return v < 0 || Object.is(v, -0);
  return false;
}

/** How tightly `e` binds as printed. */
function precOf(e: Expr): number {
  switch (e.kind) {
    case "literal":
      return isNegativeNumber(e.value) ? PREC.UNARY : PREC.PRIMARY;
    case "unary":
      return e.op === "NOT" ? PREC.NOT : PREC.UNARY;
    case "binary":
      return BINARY_PREC[e.op];
    case "like":
    case "between":
    case "in_list":
    case "in_select":
    case "is_null":
      return PREC.EQUALITY;
    case "collate":
      return PREC.COLLATE;
    default:
      return PREC.PRIMARY;
  }
}

function fmt(e: Expr, minPrec: number): string {
  const s = raw(e);
  return precOf(e) < minPrec ? `(${s})` : s;
}

function list(es: readonly Expr[]): string {
  return es.map((x) => fmt(x, PREC.OR)).join(", ");
}

function raw(e: Expr): string {
  switch (e.kind) {
    case "literal":
      return e.blob && typeof e.value === "string"
        ? formatBlob(e.value)
        : formatLiteral(e.value);
    case "column": {
      let s = formatIdent(e.name);
      if (e.table !== undefined) s = `${formatIdent(e.table)}.${s}`;
      if (e.schema !== undefined) s = `${formatIdent(e.schema)}.${s}`;
      return s;
    }
    case "star":
      return e.table === undefined ? "*" : `${formatIdent(e.table)}.*`;
    case "param":
      return e.name ?? `?${e.index}`;
    case "unary": {
      if (e.op === "NOT") return `NOT ${fmt(e.operand, PREC.EQUALITY)}`;
      const o = e.operand;
      // "-5" would read back as the literal -5, so keep the operand apart.
      if (
        e.op === "-" && o.kind === "literal" &&
        (typeof o.value === "bigint" || typeof o.value === "number")
      ) return `-(${formatLiteral(o.value)})`;
      const s = fmt(o, PREC.UNARY);
      // "--" would start a comment.
      return e.op === "-" && s.charCodeAt(0) === 45 ? `- ${s}` : e.op + s;
    }
    case "binary": {
      const p = BINARY_PREC[e.op];
      const r = e.right;
      // "x IS NULL" reads back as an is_null node: keep a NULL operand apart.
      const right = (e.op === "IS" || e.op === "IS NOT") &&
          r.kind === "literal" && r.value === null
        ? "(NULL)"
        : fmt(r, p + 1);
      return `${fmt(e.left, p)} ${e.op} ${right}`;
    }
    case "like": {
      let s = `${fmt(e.expr, PREC.EQUALITY)}${e.not ? " NOT" : ""} ${e.op} ${
        fmt(e.pattern, PREC.RELATIONAL)
      }`;
      if (e.escape !== undefined) {
        s += ` ESCAPE ${fmt(e.escape, PREC.RELATIONAL)}`;
      }
      return s;
    }
    case "between":
      return `${fmt(e.expr, PREC.EQUALITY)}${e.not ? " NOT" : ""} BETWEEN ${
        fmt(e.low, PREC.RELATIONAL)
      } AND ${fmt(e.high, PREC.RELATIONAL)}`;
    case "in_list":
      return `${fmt(e.expr, PREC.EQUALITY)}${e.not ? " NOT" : ""} IN (${
        list(e.list)
      })`;
    case "in_select":
      return `${fmt(e.expr, PREC.EQUALITY)}${e.not ? " NOT" : ""} IN (${
        formatSelect(e.select)
      })`;
    case "is_null":
      return `${fmt(e.expr, PREC.EQUALITY)} IS ${e.not ? "NOT NULL" : "NULL"}`;
    case "exists":
      return `EXISTS (${formatSelect(e.select)})`;
    case "subquery":
      return `(${formatSelect(e.select)})`;
    case "case": {
      let s = "CASE";
      if (e.operand !== undefined) s += ` ${fmt(e.operand, PREC.OR)}`;
      for (const w of e.whens) {
        s += ` WHEN ${fmt(w.when, PREC.OR)} THEN ${fmt(w.then, PREC.OR)}`;
      }
      if (e.else !== undefined) s += ` ELSE ${fmt(e.else, PREC.OR)}`;
      return s + " END";
    }
    case "cast":
      return `CAST(${fmt(e.expr, PREC.OR)} AS ${formatTypeName(e.type)})`;
    case "collate":
      return `${fmt(e.expr, PREC.COLLATE)} COLLATE ${formatIdent(e.collation)}`;
    case "call": {
      const name = formatIdent(e.name);
      if (e.star) return `${name}(*)`;
      return `${name}(${e.distinct ? "DISTINCT " : ""}${list(e.args)})`;
    }
    case "current":
      return e.name;
  }
}
