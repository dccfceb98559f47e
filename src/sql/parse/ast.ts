/**
 * The SQL syntax tree produced by {@linkcode parse}: plain data, discriminated
 * unions on `kind`, no classes. Every node carries the {@linkcode Pos} of its
 * first token.
 *
 * Conventions the engine can rely on:
 *
 * - Identifiers keep the spelling they were written with (quotes removed);
 *   matching them is the engine's job and is case-insensitive.
 * - Keywords that become data (type names, directions, join types, ...) are
 *   upper case.
 * - Integer literals are `bigint`. A unary minus written directly before a
 *   numeric literal token is folded into the literal by the parser, so
 *   `-9223372036854775808` is the exact bigint. An integer literal that
 *   does not fit in a signed 64-bit integer (after that folding) becomes a
 *   `number` (a REAL), as in SQLite. `-(5)` is NOT folded: it stays a unary
 *   minus applied to the literal `5n`.
 * - `x IS NULL`, `x ISNULL`, `x NOTNULL`, `x NOT NULL`, `x IS NOT NULL`
 *   become {@linkcode IsNullExpr}; `x IS (NULL)` stays a binary `IS`.
 * - `==` is normalised to `=`, `<>` to `!=`, `IS NOT DISTINCT FROM` to `IS`
 *   and `IS DISTINCT FROM` to `IS NOT`.
 * - `NOT EXISTS (...)`, `NOT x` are {@linkcode UnaryExpr} with op `NOT`.
 * - Hex integer literals (`0x1F`) are 64-bit two's complement, as in
 *   SQLite: `0xffffffffffffffff` is `-1n`; more than 16 hex digits is a
 *   syntax error.
 * - Blob literals `X'..'` are text literals with `blob: true` (see
 *   {@linkcode LiteralExpr}).
 * - `x IN t` (a bare table name) is read as `x IN (SELECT * FROM t)`.
 * - Parameters number from 1 in each statement of a script (see
 *   {@linkcode ParamExpr}).
 * - Expressions, nested queries and FROM nesting are bounded (depth 1000,
 *   a nested query counting 3), so deep input is a syntax error rather
 *   than a stack overflow.
 *
 * This module imports nothing.
 *
 * @example
 * ```ts
 * import type { Statement } from "./ast.ts";
 * function isWrite(s: Statement): boolean {
 *   return s.kind === "insert" || s.kind === "update" || s.kind === "delete";
 * }
 * ```
 *
 * @module
 */

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
 * `expr [NOT] IN (SELECT ...)`. SQLite's `expr [NOT] IN [schema.]table` is
 * read as `expr [NOT] IN (SELECT * FROM [schema.]table)`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT 1 WHERE 1 IN (SELECT 1)");
 * ```
 */
export interface InSelectExpr {
  readonly kind: "in_select";
  readonly pos: Pos;
  readonly not: boolean;
  readonly expr: Expr;
  readonly select: SelectStmt;
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
 * `EXISTS (SELECT ...)`. `NOT EXISTS` is a unary `NOT` around it.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT EXISTS (SELECT 1)");
 * ```
 */
export interface ExistsExpr {
  readonly kind: "exists";
  readonly pos: Pos;
  readonly select: SelectStmt;
}

/**
 * A scalar subquery `(SELECT ...)`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT (SELECT max(id) FROM t)");
 * ```
 */
export interface SubqueryExpr {
  readonly kind: "subquery";
  readonly pos: Pos;
  readonly select: SelectStmt;
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

// ---------------------------------------------------------------------------
// SELECT
// ---------------------------------------------------------------------------

/**
 * A whole query: an optional WITH, a body (one core, VALUES, or a compound of
 * them), then ORDER BY / LIMIT / OFFSET which apply to the whole body.
 *
 * `LIMIT a, b` is stored as `offset: a, limit: b` (SQLite's meaning).
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT a FROM t ORDER BY a DESC LIMIT 10");
 * if (s.kind === "select" && s.body.kind === "select_core") console.log(s.body.columns.length);
 * ```
 */
export interface SelectStmt extends StatementBase {
  readonly kind: "select";
  readonly with?: WithClause;
  readonly body: SelectBody;
  readonly orderBy: readonly OrderingTerm[];
  readonly limit?: Expr;
  readonly offset?: Expr;
}

/**
 * The body of a {@linkcode SelectStmt}.
 *
 * @example
 * ```ts
 * const b: SelectBody["kind"] = "values";
 * ```
 */
export type SelectBody = SelectCore | ValuesBody | CompoundSelect;

/**
 * `SELECT [DISTINCT|ALL] columns [FROM ..] [WHERE ..] [GROUP BY ..]
 * [HAVING ..]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT DISTINCT a FROM t WHERE b > 1");
 * ```
 */
export interface SelectCore {
  readonly kind: "select_core";
  readonly pos: Pos;
  readonly distinct: boolean;
  readonly columns: readonly ResultColumn[];
  readonly from?: FromItem;
  readonly where?: Expr;
  readonly groupBy: readonly Expr[];
  readonly having?: Expr;
}

/**
 * `VALUES (a, b), (c, d)`. Every row has the same length (the parser
 * checks).
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("VALUES (1, 'a'), (2, 'b')");
 * ```
 */
export interface ValuesBody {
  readonly kind: "values";
  readonly pos: Pos;
  readonly rows: readonly (readonly Expr[])[];
}

/**
 * Compound operators; all have the same precedence and associate left.
 *
 * @example
 * ```ts
 * const op: CompoundOp = "UNION ALL";
 * ```
 */
export type CompoundOp = "UNION" | "UNION ALL" | "INTERSECT" | "EXCEPT";

/**
 * `left op right`, e.g. `SELECT 1 UNION ALL SELECT 2`. Left-deep:
 * `a UNION b EXCEPT c` is `(a UNION b) EXCEPT c`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT 1 UNION ALL SELECT 2");
 * ```
 */
export interface CompoundSelect {
  readonly kind: "compound";
  readonly pos: Pos;
  readonly op: CompoundOp;
  readonly left: SelectBody;
  readonly right: SelectCore | ValuesBody;
}

/**
 * One item of the select list. `expr` may be a {@linkcode StarExpr}
 * (`*`, `t.*`), which never has an alias.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT a + 1 AS b, count(*) FROM t");
 * // columns[1].text === "count(*)": use it to name an unaliased column.
 * ```
 */
export interface ResultColumn {
  readonly pos: Pos;
  readonly expr: Expr;
  readonly alias?: string;
  /** The expression's source text as written (e.g. `a+1`), for naming. */
  readonly text: string;
}

/**
 * A term of ORDER BY. The engine resolves `expr`: an integer literal is a
 * 1-based result column position; a bare column name may name a result
 * column alias.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const t: OrderingTerm = { pos, expr: { kind: "literal", pos, value: 1n }, direction: "DESC", nulls: "LAST" };
 * ```
 */
export interface OrderingTerm {
  readonly pos: Pos;
  readonly expr: Expr;
  /** Absent when not written (ascending). */
  readonly direction?: "ASC" | "DESC";
  /** Absent when not written (SQLite: NULLs sort first ascending). */
  readonly nulls?: "FIRST" | "LAST";
}

/**
 * `WITH [RECURSIVE] name [(cols)] AS (select), ...`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("WITH x(a) AS (SELECT 1) SELECT a FROM x");
 * ```
 */
export interface WithClause {
  readonly pos: Pos;
  readonly recursive: boolean;
  readonly ctes: readonly CommonTableExpr[];
}

/**
 * One common table expression of a {@linkcode WithClause}.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("WITH x AS (SELECT 1) SELECT * FROM x");
 * ```
 */
export interface CommonTableExpr {
  readonly pos: Pos;
  readonly name: string;
  readonly columns?: readonly string[];
  readonly select: SelectStmt;
}

/**
 * An item of FROM: a table, a subquery, or a join of two items. A comma
 * list `a, b, c` is a left-deep chain of joins with `type: "CROSS"` and
 * `comma: true`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT * FROM a JOIN b ON a.id = b.a_id, c");
 * ```
 */
export type FromItem = TableRef | SubqueryRef | JoinRef;

/**
 * `[schema.]name [[AS] alias]`.
 *
 * @example
 * ```ts
 * const t: TableRef = { kind: "table", pos: { line: 1, column: 15, offset: 14 }, name: "users", alias: "u" };
 * ```
 */
export interface TableRef {
  readonly kind: "table";
  readonly pos: Pos;
  readonly schema?: string;
  readonly name: string;
  readonly alias?: string;
  /**
   * SQLite's index hint: the index name of `INDEXED BY name`, or `null` for
   * `NOT INDEXED`; absent when neither was written. Engines may ignore it.
   */
  readonly indexedBy?: string | null;
}

/**
 * `(SELECT ...) [[AS] alias]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT * FROM (SELECT 1 AS x) AS sub");
 * ```
 */
export interface SubqueryRef {
  readonly kind: "subquery";
  readonly pos: Pos;
  readonly select: SelectStmt;
  readonly alias?: string;
}

/**
 * Join types. `JOIN` and `INNER JOIN` are `INNER`; `LEFT OUTER` is `LEFT`.
 *
 * @example
 * ```ts
 * const t: JoinType = "LEFT";
 * ```
 */
export type JoinType = "INNER" | "LEFT" | "RIGHT" | "FULL" | "CROSS";

/**
 * `left [NATURAL] type JOIN right [ON on | USING (using)]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SELECT * FROM a LEFT JOIN b USING (id)");
 * ```
 */
export interface JoinRef {
  readonly kind: "join";
  readonly pos: Pos;
  readonly type: JoinType;
  readonly natural: boolean;
  /** True for the comma form `a, b` (then `type` is `CROSS`). */
  readonly comma: boolean;
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on?: Expr;
  readonly using?: readonly string[];
}

// ---------------------------------------------------------------------------
// DML
// ---------------------------------------------------------------------------

/**
 * Conflict resolution of `INSERT OR ...` / `UPDATE OR ...` (and `REPLACE
 * INTO`, which is `OR REPLACE`).
 *
 * @example
 * ```ts
 * const r: ConflictResolution = "IGNORE";
 * ```
 */
export type ConflictResolution =
  | "REPLACE"
  | "IGNORE"
  | "ABORT"
  | "FAIL"
  | "ROLLBACK";

/**
 * Where the rows of an INSERT come from. A plain `VALUES (..), (..)` is
 * `values`; any other query (including VALUES with ORDER BY, or a compound)
 * is `select`.
 *
 * @example
 * ```ts
 * const s: InsertSource = { kind: "default_values" };
 * ```
 */
export type InsertSource =
  | { readonly kind: "values"; readonly rows: readonly (readonly Expr[])[] }
  | { readonly kind: "select"; readonly select: SelectStmt }
  | { readonly kind: "default_values" };

/**
 * Fields every statement has.
 *
 * @example
 * ```ts
 * const b: StatementBase = { pos: { line: 1, column: 1, offset: 0 }, text: "COMMIT" };
 * ```
 */
export interface StatementBase {
  readonly pos: Pos;
  /**
   * The statement's source text, from its first token to its last (no
   * trailing `;`). Set on top-level statements by `parse`/`parseOne`.
   */
  readonly text?: string;
}

/**
 * `INSERT [OR r] INTO t [(cols)] VALUES ... | SELECT ... | DEFAULT VALUES
 * [RETURNING ...]`; also `REPLACE INTO`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("INSERT OR IGNORE INTO t (a, b) VALUES (1, 2), (3, 4)");
 * ```
 */
export interface InsertStmt extends StatementBase {
  readonly kind: "insert";
  readonly with?: WithClause;
  readonly or?: ConflictResolution;
  readonly schema?: string;
  readonly table: string;
  readonly alias?: string;
  /** Absent when no column list was written. */
  readonly columns?: readonly string[];
  readonly source: InsertSource;
  readonly returning?: readonly ResultColumn[];
}

/**
 * One `column = value` of UPDATE SET.
 *
 * @example
 * ```ts
 * const pos = { line: 1, column: 1, offset: 0 };
 * const a: Assignment = { pos, column: "a", value: { kind: "literal", pos, value: 1n } };
 * ```
 */
export interface Assignment {
  readonly pos: Pos;
  readonly column: string;
  readonly value: Expr;
}

/**
 * `UPDATE [OR r] t [AS alias] SET c = e, ... [WHERE ...] [RETURNING ...]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("UPDATE t SET a = a + 1 WHERE id = ?");
 * ```
 */
export interface UpdateStmt extends StatementBase {
  readonly kind: "update";
  readonly with?: WithClause;
  readonly or?: ConflictResolution;
  readonly schema?: string;
  readonly table: string;
  readonly alias?: string;
  readonly set: readonly Assignment[];
  readonly where?: Expr;
  readonly returning?: readonly ResultColumn[];
}

/**
 * `DELETE FROM t [AS alias] [WHERE ...] [RETURNING ...]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("DELETE FROM t WHERE id = 1");
 * ```
 */
export interface DeleteStmt extends StatementBase {
  readonly kind: "delete";
  readonly with?: WithClause;
  readonly schema?: string;
  readonly table: string;
  readonly alias?: string;
  readonly where?: Expr;
  readonly returning?: readonly ResultColumn[];
}

// ---------------------------------------------------------------------------
// DDL
// ---------------------------------------------------------------------------

/**
 * A column definition of CREATE TABLE / ALTER TABLE ADD COLUMN.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
 * ```
 */
export interface ColumnDef {
  readonly pos: Pos;
  readonly name: string;
  /** Absent when no type was written (SQLite allows that). */
  readonly type?: TypeName;
  readonly constraints: readonly ColumnConstraint[];
}

/**
 * Actions of a foreign key `ON DELETE` / `ON UPDATE`.
 *
 * @example
 * ```ts
 * const a: ForeignKeyAction = "CASCADE";
 * ```
 */
export type ForeignKeyAction =
  | "CASCADE"
  | "SET NULL"
  | "SET DEFAULT"
  | "RESTRICT"
  | "NO ACTION";

/**
 * `REFERENCES table [(columns)] [ON DELETE a] [ON UPDATE a]`.
 *
 * @example
 * ```ts
 * const fk: ForeignKeyClause = { pos: { line: 1, column: 1, offset: 0 }, table: "users", columns: ["id"], onDelete: "CASCADE" };
 * ```
 */
export interface ForeignKeyClause {
  readonly pos: Pos;
  readonly table: string;
  /** Empty when not written (then the parent's primary key is meant). */
  readonly columns: readonly string[];
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
}

/**
 * A constraint written after a column's type. `name` is set by `CONSTRAINT
 * name` before it.
 *
 * `default.expr` is a literal, a signed number literal, a
 * {@linkcode CurrentExpr}, or any parenthesised expression.
 *
 * @example
 * ```ts
 * const c: ColumnConstraint = { kind: "not_null", pos: { line: 1, column: 1, offset: 0 } };
 * ```
 */
export type ColumnConstraint =
  | {
    readonly kind: "primary_key";
    readonly pos: Pos;
    readonly name?: string;
    readonly order?: "ASC" | "DESC";
    readonly autoincrement: boolean;
  }
  | { readonly kind: "not_null"; readonly pos: Pos; readonly name?: string }
  | { readonly kind: "null"; readonly pos: Pos; readonly name?: string }
  | { readonly kind: "unique"; readonly pos: Pos; readonly name?: string }
  | {
    readonly kind: "default";
    readonly pos: Pos;
    readonly name?: string;
    readonly expr: Expr;
  }
  | {
    readonly kind: "check";
    readonly pos: Pos;
    readonly name?: string;
    readonly expr: Expr;
  }
  | {
    readonly kind: "references";
    readonly pos: Pos;
    readonly name?: string;
    readonly foreignKey: ForeignKeyClause;
  }
  | {
    readonly kind: "collate";
    readonly pos: Pos;
    readonly name?: string;
    readonly collation: string;
  };

/**
 * A column of an index or of a table PRIMARY KEY / UNIQUE constraint.
 *
 * @example
 * ```ts
 * const c: IndexedColumn = { pos: { line: 1, column: 1, offset: 0 }, name: "a", order: "DESC" };
 * ```
 */
export interface IndexedColumn {
  readonly pos: Pos;
  readonly name: string;
  readonly order?: "ASC" | "DESC";
  readonly collation?: string;
}

/**
 * A table-level constraint of CREATE TABLE.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a, b))");
 * ```
 */
export type TableConstraint =
  | {
    readonly kind: "primary_key";
    readonly pos: Pos;
    readonly name?: string;
    readonly columns: readonly IndexedColumn[];
  }
  | {
    readonly kind: "unique";
    readonly pos: Pos;
    readonly name?: string;
    readonly columns: readonly IndexedColumn[];
  }
  | {
    readonly kind: "check";
    readonly pos: Pos;
    readonly name?: string;
    readonly expr: Expr;
  }
  | {
    readonly kind: "foreign_key";
    readonly pos: Pos;
    readonly name?: string;
    readonly columns: readonly string[];
    readonly foreignKey: ForeignKeyClause;
  };

/**
 * `CREATE [TEMP] TABLE [IF NOT EXISTS] t (defs...)` or `CREATE TABLE t AS
 * SELECT ...` (then `columns` and `constraints` are empty and `asSelect` is
 * set).
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT)");
 * ```
 */
export interface CreateTableStmt extends StatementBase {
  readonly kind: "create_table";
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly schema?: string;
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly constraints: readonly TableConstraint[];
  readonly asSelect?: SelectStmt;
  /** `WITHOUT ROWID` was written. */
  readonly withoutRowid: boolean;
  /** `STRICT` was written. */
  readonly strict: boolean;
}

/**
 * `DROP TABLE [IF EXISTS] t`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("DROP TABLE IF EXISTS t");
 * ```
 */
export interface DropTableStmt extends StatementBase {
  readonly kind: "drop_table";
  readonly ifExists: boolean;
  readonly schema?: string;
  readonly name: string;
}

/**
 * What an ALTER TABLE does.
 *
 * @example
 * ```ts
 * const a: AlterTableAction = { kind: "rename_table", to: "t2" };
 * ```
 */
export type AlterTableAction =
  | { readonly kind: "add_column"; readonly column: ColumnDef }
  | { readonly kind: "drop_column"; readonly column: string }
  | {
    readonly kind: "rename_column";
    readonly from: string;
    readonly to: string;
  }
  | { readonly kind: "rename_table"; readonly to: string };

/**
 * `ALTER TABLE t ADD [COLUMN] def | DROP [COLUMN] c | RENAME [COLUMN] a TO
 * b | RENAME TO t2`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'x'");
 * ```
 */
export interface AlterTableStmt extends StatementBase {
  readonly kind: "alter_table";
  readonly schema?: string;
  readonly table: string;
  readonly action: AlterTableAction;
}

/**
 * `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t [USING method]
 * (cols) [WHERE ...]`, and `CREATE GIN INDEX [name] ON t (col)` (then
 * `using` is `GIN`). `using` is upper case; absent means the default
 * B-tree index.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("CREATE INDEX docs_fts ON docs USING GIN (body)");
 * ```
 */
export interface CreateIndexStmt extends StatementBase {
  readonly kind: "create_index";
  readonly unique: boolean;
  readonly ifNotExists: boolean;
  readonly schema?: string;
  /** Absent when not written; the engine picks a name. */
  readonly name?: string;
  readonly table: string;
  readonly using?: string;
  readonly columns: readonly IndexedColumn[];
  /** Partial index predicate. */
  readonly where?: Expr;
}

/**
 * `DROP INDEX [IF EXISTS] name`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("DROP INDEX IF EXISTS i");
 * ```
 */
export interface DropIndexStmt extends StatementBase {
  readonly kind: "drop_index";
  readonly ifExists: boolean;
  readonly schema?: string;
  readonly name: string;
}

/**
 * `CREATE [TEMP] VIEW [IF NOT EXISTS] v [(cols)] AS SELECT ...`.
 * `selectText` is the SELECT's source text as written.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("CREATE VIEW v (x) AS SELECT a FROM t");
 * ```
 */
export interface CreateViewStmt extends StatementBase {
  readonly kind: "create_view";
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly schema?: string;
  readonly name: string;
  readonly columns?: readonly string[];
  readonly select: SelectStmt;
  readonly selectText: string;
}

/**
 * `DROP VIEW [IF EXISTS] v`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("DROP VIEW v");
 * ```
 */
export interface DropViewStmt extends StatementBase {
  readonly kind: "drop_view";
  readonly ifExists: boolean;
  readonly schema?: string;
  readonly name: string;
}

// ---------------------------------------------------------------------------
// Transactions and EXPLAIN
// ---------------------------------------------------------------------------

/**
 * `BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] [TRANSACTION]` (also `START
 * TRANSACTION`).
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("BEGIN IMMEDIATE");
 * ```
 */
export interface BeginStmt extends StatementBase {
  readonly kind: "begin";
  readonly mode?: "DEFERRED" | "IMMEDIATE" | "EXCLUSIVE";
}

/**
 * `COMMIT [TRANSACTION]` or `END [TRANSACTION]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("END");
 * ```
 */
export interface CommitStmt extends StatementBase {
  readonly kind: "commit";
}

/**
 * `ROLLBACK [TRANSACTION] [TO [SAVEPOINT] name]`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("ROLLBACK TO SAVEPOINT sp1");
 * ```
 */
export interface RollbackStmt extends StatementBase {
  readonly kind: "rollback";
  /** Set for `ROLLBACK TO name`. */
  readonly savepoint?: string;
}

/**
 * `SAVEPOINT name`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("SAVEPOINT sp1");
 * ```
 */
export interface SavepointStmt extends StatementBase {
  readonly kind: "savepoint";
  readonly name: string;
}

/**
 * `RELEASE [SAVEPOINT] name`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("RELEASE sp1");
 * ```
 */
export interface ReleaseStmt extends StatementBase {
  readonly kind: "release";
  readonly name: string;
}

/**
 * `EXPLAIN [QUERY PLAN] statement`.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const s = parseOne("EXPLAIN QUERY PLAN SELECT * FROM t");
 * ```
 */
export interface ExplainStmt extends StatementBase {
  readonly kind: "explain";
  readonly queryPlan: boolean;
  readonly statement: Statement;
}

/**
 * Any statement.
 *
 * @example
 * ```ts
 * import { parse } from "./mod.ts";
 * const kinds = parse("BEGIN; INSERT INTO t VALUES (1); COMMIT").map((s) => s.kind);
 * // ["begin", "insert", "commit"]
 * ```
 */
export type Statement =
  | SelectStmt
  | InsertStmt
  | UpdateStmt
  | DeleteStmt
  | CreateTableStmt
  | DropTableStmt
  | AlterTableStmt
  | CreateIndexStmt
  | DropIndexStmt
  | CreateViewStmt
  | DropViewStmt
  | BeginStmt
  | CommitStmt
  | RollbackStmt
  | SavepointStmt
  | ReleaseStmt
  | ExplainStmt;
