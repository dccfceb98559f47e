/**
 * DML, transaction and EXPLAIN nodes of the SQL syntax tree, the fields
 * every statement has, and the {@linkcode Statement} union. See `ast.ts` for
 * the conventions.
 *
 * @module
 */

import type {
  AlterTableStmt,
  CreateIndexStmt,
  CreateTableStmt,
  CreateViewStmt,
  DropIndexStmt,
  DropTableStmt,
  DropViewStmt,
} from "./ast_ddl.ts";
import type { Expr, Pos } from "./ast_expr.ts";
import type { ResultColumn, SelectStmt, WithClause } from "./ast_select.ts";

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
