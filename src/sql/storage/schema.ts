/**
 * Catalog records: plain data, so they encode into snapshots as they are.
 *
 * @module
 */
import type { Expr, SelectStmt } from "../parse/ast.ts";
import type { TypeClass } from "../column_type.ts";

/**
 * One column of a table.
 *
 * @example
 * ```ts
 * const c: ColumnSchema = { name: "a", type: "INT", typeClass: "integer", notNull: false, defaultExpr: null };
 * ```
 */
export interface ColumnSchema {
  name: string;
  /** Declared type as written (e.g. `VARCHAR(20)`), or null when none. */
  type: string | null;
  typeClass: TypeClass;
  notNull: boolean;
  /** DEFAULT expression (constant), or null. */
  defaultExpr: Expr | null;
}

/**
 * A UNIQUE or PRIMARY KEY constraint, enforced through a unique index.
 *
 * @example
 * ```ts
 * const u: UniqueSchema = { name: "UNIQUE t(a)", columns: ["a"], primary: false, index: "t_unique1" };
 * ```
 */
export interface UniqueSchema {
  name: string;
  columns: string[];
  primary: boolean;
  /** Name of the index that enforces it. */
  index: string;
}

/**
 * A CHECK constraint.
 *
 * @example
 * ```ts
 * // const c: CheckSchema = { name: "CHECK (a > 0)", expr };
 * ```
 */
export interface CheckSchema {
  name: string;
  expr: Expr;
}

/**
 * What a FOREIGN KEY does when the parent row goes away.
 *
 * @example
 * ```ts
 * const a: ForeignKeyAction = "cascade";
 * ```
 */
export type ForeignKeyAction =
  | "cascade"
  | "set null"
  | "restrict"
  | "no action";

/**
 * A FOREIGN KEY constraint (child side).
 *
 * @example
 * ```ts
 * const f: ForeignKeySchema = { name: "fk", columns: ["pid"], refTable: "p", refColumns: ["id"], onDelete: "cascade", onUpdate: "no action" };
 * ```
 */
export interface ForeignKeySchema {
  name: string;
  columns: string[];
  refTable: string;
  /** Referenced columns; empty means the parent's primary key. */
  refColumns: string[];
  onDelete: ForeignKeyAction;
  onUpdate: ForeignKeyAction;
}

/**
 * A table's definition.
 *
 * @example
 * ```ts
 * const t: TableSchema = { name: "t", columns: [], rowidColumn: -1, uniques: [], checks: [], foreignKeys: [] };
 * ```
 */
export interface TableSchema {
  name: string;
  columns: ColumnSchema[];
  /** Position of the INTEGER PRIMARY KEY column that is the row id, or -1. */
  rowidColumn: number;
  /** INTEGER PRIMARY KEY AUTOINCREMENT: row ids are never reused. */
  autoincrement?: boolean;
  uniques: UniqueSchema[];
  checks: CheckSchema[];
  foreignKeys: ForeignKeySchema[];
}

/**
 * A B-tree or GIN index.
 *
 * @example
 * ```ts
 * const i: IndexSchema = { name: "i", table: "t", columns: [{ name: "a", desc: false }], unique: false, kind: "btree", auto: false };
 * ```
 */
export interface IndexSchema {
  name: string;
  table: string;
  columns: { name: string; desc: boolean }[];
  unique: boolean;
  kind: "btree" | "gin";
  /** Created by a constraint (dropped with it, not by DROP INDEX). */
  auto: boolean;
}

/**
 * A view: its stored SELECT.
 *
 * @example
 * ```ts
 * // const v: ViewSchema = { name: "v", columns: null, select };
 * ```
 */
export interface ViewSchema {
  name: string;
  columns: string[] | null;
  select: SelectStmt;
}
