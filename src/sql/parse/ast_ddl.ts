/**
 * DDL nodes of the SQL syntax tree: CREATE/ALTER/DROP of tables, indexes
 * and views, column definitions and constraints. See `ast.ts` for the
 * conventions.
 *
 * @module
 */

import type { StatementBase } from "./ast_dml_tx.ts";
import type { Expr, Pos, TypeName } from "./ast_expr.ts";
import type { SelectStmt } from "./ast_select.ts";

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
