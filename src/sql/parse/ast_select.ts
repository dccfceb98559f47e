/**
 * SELECT nodes of the SQL syntax tree: query bodies, compounds, result
 * columns, ordering, WITH, FROM items and joins, and the expressions that
 * hold a query. See `ast.ts` for the conventions.
 *
 * @module
 */

import type { StatementBase } from "./ast_dml_tx.ts";
import type { Expr, Pos } from "./ast_expr.ts";

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
// Expressions that hold a query
// ---------------------------------------------------------------------------

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
