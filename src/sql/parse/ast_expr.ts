/**
 * Expression nodes of the SQL syntax tree: positions, literals, operators,
 * calls, CASE, CAST and type names. Expressions that hold a query live in
 * `ast_select.ts`. See `ast.ts` for the conventions.
 *
 * @module
 */

import type { ExistsExpr, InSelectExpr, SubqueryExpr } from "./ast_select.ts";

/**
 * Where a node starts in the source text.
 *
 * @example
 * ```ts
 * const p: Pos = { line: 1, column: 8, offset: 7 };
 * ```
 */
export interface Pos {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units. */
  readonly column: number;
  /** 0-based offset into the source string (UTF-16 code units). */
  readonly offset: number;
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/**
 * Any expression.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: Expr = { kind: "literal", pos, value: 1n };
 * ```
 */
export type Expr =
  | LiteralExpr
  | ColumnRefExpr
  | StarExpr
  | ParamExpr
  | UnaryExpr
  | BinaryExpr
  | LikeExpr
  | BetweenExpr
  | InListExpr
  | InSelectExpr
  | IsNullExpr
  | ExistsExpr
  | SubqueryExpr
  | CaseExpr
  | CastExpr
  | CollateExpr
  | CallExpr
  | CurrentExpr;

/**
 * The JavaScript value of a literal: `bigint` for integers, `number` for
 * reals, `string` for '...' strings, `boolean` for TRUE/FALSE, `null`.
 *
 * @example
 * ```ts
 * const v: LiteralValue = 42n;
 * ```
 */
export type LiteralValue = null | boolean | bigint | number | string;

/**
 * A literal value.
 *
 * @example
 * ```ts
 * const e: LiteralExpr = { kind: "literal", pos: { line: 1, column: 1, offset: 0 }, value: "hi" };
 * ```
 */
export interface LiteralExpr {
  readonly kind: "literal";
  readonly pos: Pos;
  readonly value: LiteralValue;
  /**
   * Set for a blob literal `X'...'`. There is no blob value type, so
   * `value` is the bytes decoded as UTF-8 text (invalid sequences become
   * U+FFFD) and the engine treats it as text.
   */
  readonly blob?: true;
}

/**
 * A column reference: `c`, `t.c` or `s.t.c`.
 *
 * @example
 * ```ts
 * const e: ColumnRefExpr = { kind: "column", pos: { line: 1, column: 1, offset: 0 }, table: "t", name: "c" };
 * ```
 */
export interface ColumnRefExpr {
  readonly kind: "column";
  readonly pos: Pos;
  readonly schema?: string;
  readonly table?: string;
  readonly name: string;
}

/**
 * `*` or `t.*`. The parser produces it only as a result column (see
 * {@linkcode ResultColumn}); `count(*)` is a {@linkcode CallExpr} with
 * `star: true` instead.
 *
 * @example
 * ```ts
 * const e: StarExpr = { kind: "star", pos: { line: 1, column: 8, offset: 7 } };
 * ```
 */
export interface StarExpr {
  readonly kind: "star";
  readonly pos: Pos;
  readonly table?: string;
}

/**
 * A bound parameter. `index` is 1-based: a bare `?` takes one more than the
 * largest index used before it in the statement (so plain `?`s number 1, 2,
 * 3, ... left to right); `?N` and `$N` set it explicitly; `:name`, `@name`
 * and `$name` get an index on first use and reuse it afterwards.
 *
 * @example
 * ```ts
 * const e: ParamExpr = { kind: "param", pos: { line: 1, column: 1, offset: 0 }, index: 1 };
 * ```
 */
export interface ParamExpr {
  readonly kind: "param";
  readonly pos: Pos;
  readonly index: number;
  /** For named parameters: the name with its sigil, e.g. `:id`. */
  readonly name?: string;
}

/**
 * Unary operators. `-`, `+`, `~` bind tightest; `NOT` binds looser than
 * comparisons.
 *
 * @example
 * ```ts
 * const op: UnaryOp = "NOT";
 * ```
 */
export type UnaryOp = "-" | "+" | "~" | "NOT";

/**
 * `op operand`.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: UnaryExpr = { kind: "unary", pos, op: "~", operand: { kind: "literal", pos, value: 1n } };
 * ```
 */
export interface UnaryExpr {
  readonly kind: "unary";
  readonly pos: Pos;
  readonly op: UnaryOp;
  readonly operand: Expr;
}

/**
 * Binary operators, after normalisation (`==` -> `=`, `<>` -> `!=`,
 * `IS NOT DISTINCT FROM` -> `IS`, `IS DISTINCT FROM` -> `IS NOT`).
 * `@@` is the full-text match operator (tsvector @@ tsquery).
 *
 * @example
 * ```ts
 * const op: BinaryOp = "||";
 * ```
 */
export type BinaryOp =
  | "||"
  | "*"
  | "/"
  | "%"
  | "+"
  | "-"
  | "<<"
  | ">>"
  | "&"
  | "|"
  | "<"
  | "<="
  | ">"
  | ">="
  | "="
  | "!="
  | "IS"
  | "IS NOT"
  | "@@"
  | "AND"
  | "OR";

/**
 * `left op right`.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const one = { kind: "literal", pos, value: 1n } as const;
 * const e: BinaryExpr = { kind: "binary", pos, op: "+", left: one, right: one };
 * ```
 */
export interface BinaryExpr {
  readonly kind: "binary";
  readonly pos: Pos;
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * `expr [NOT] LIKE pattern [ESCAPE escape]` or `expr [NOT] GLOB pattern`.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: LikeExpr = {
 *   kind: "like", pos, op: "LIKE", not: false,
 *   expr: { kind: "column", pos, name: "name" },
 *   pattern: { kind: "literal", pos, value: "a%" },
 * };
 * ```
 */
export interface LikeExpr {
  readonly kind: "like";
  readonly pos: Pos;
  readonly op: "LIKE" | "GLOB";
  readonly not: boolean;
  readonly expr: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
}

/**
 * `expr [NOT] BETWEEN low AND high`.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const lit = (v: bigint) => ({ kind: "literal", pos, value: v }) as const;
 * const e: BetweenExpr = { kind: "between", pos, not: false, expr: lit(2n), low: lit(1n), high: lit(3n) };
 * ```
 */
export interface BetweenExpr {
  readonly kind: "between";
  readonly pos: Pos;
  readonly not: boolean;
  readonly expr: Expr;
  readonly low: Expr;
  readonly high: Expr;
}

/**
 * `expr [NOT] IN (a, b, ...)`. `list` may be empty (`x IN ()`, as SQLite
 * allows).
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: InListExpr = {
 *   kind: "in_list", pos, not: false,
 *   expr: { kind: "column", pos, name: "id" },
 *   list: [{ kind: "literal", pos, value: 1n }],
 * };
 * ```
 */
export interface InListExpr {
  readonly kind: "in_list";
  readonly pos: Pos;
  readonly not: boolean;
  readonly expr: Expr;
  readonly list: readonly Expr[];
}

/**
 * `expr IS [NOT] NULL`, `expr ISNULL`, `expr NOTNULL`, `expr NOT NULL`.
 * `not: true` means "is not null".
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: IsNullExpr = { kind: "is_null", pos, not: true, expr: { kind: "column", pos, name: "c" } };
 * ```
 */
export interface IsNullExpr {
  readonly kind: "is_null";
  readonly pos: Pos;
  readonly not: boolean;
  readonly expr: Expr;
}

/**
 * One `WHEN when THEN then` arm of a {@linkcode CaseExpr}.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const w: WhenClause = { when: { kind: "literal", pos, value: true }, then: { kind: "literal", pos, value: 1n } };
 * ```
 */
export interface WhenClause {
  readonly when: Expr;
  readonly then: Expr;
}

/**
 * `CASE [operand] WHEN .. THEN .. [ELSE ..] END`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT CASE WHEN 1 THEN 'a' ELSE 'b' END");
 * ```
 */
export interface CaseExpr {
  readonly kind: "case";
  readonly pos: Pos;
  readonly operand?: Expr;
  readonly whens: readonly WhenClause[];
  readonly else?: Expr;
}

/**
 * `CAST(expr AS type)` or the Postgres form `expr::type`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT 'a b'::tsvector, CAST(1 AS TEXT)");
 * ```
 */
export interface CastExpr {
  readonly kind: "cast";
  readonly pos: Pos;
  readonly expr: Expr;
  readonly type: TypeName;
}

/**
 * `expr COLLATE name` (name upper-cased, e.g. `NOCASE`, `BINARY`, `RTRIM`).
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT 'a' = 'A' COLLATE NOCASE");
 * ```
 */
export interface CollateExpr {
  readonly kind: "collate";
  readonly pos: Pos;
  readonly expr: Expr;
  readonly collation: string;
}

/**
 * A function call `name(args)`, `name(DISTINCT x)`, `count(*)`.
 * `name` keeps the spelling it was written with (match it
 * case-insensitively).
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const e: CallExpr = { kind: "call", pos, name: "count", args: [], distinct: false, star: true };
 * ```
 */
export interface CallExpr {
  readonly kind: "call";
  readonly pos: Pos;
  readonly name: string;
  readonly args: readonly Expr[];
  /** `f(DISTINCT x)`. */
  readonly distinct: boolean;
  /** `f(*)`, e.g. `count(*)`; `args` is then empty. */
  readonly star: boolean;
}

/**
 * The SQL keywords `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `CURRENT_TIME`
 * (they are not function calls: they take no parentheses).
 *
 * @example
 * ```ts
 * const e: CurrentExpr = { kind: "current", pos: { line: 1, column: 1, offset: 0 }, name: "CURRENT_TIMESTAMP" };
 * ```
 */
export interface CurrentExpr {
  readonly kind: "current";
  readonly pos: Pos;
  readonly name: "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_TIME";
}

/**
 * A type name with optional numeric arguments, e.g. `VARCHAR(20)`,
 * `DECIMAL(10, 2)`, `DOUBLE PRECISION`, `TSVECTOR`. `name` is the
 * upper-cased words joined by one space.
 *
 * @example
 * ```ts
 * const t: TypeName = { pos: { line: 1, column: 1, offset: 0 }, name: "VARCHAR", args: [20] };
 * ```
 */
export interface TypeName {
  readonly pos: Pos;
  readonly name: string;
  /** Signed numbers between the parentheses; empty when there are none. */
  readonly args: readonly number[];
}
