/**
 * CREATE TABLE and CREATE TABLE ... AS SELECT: turns column and constraint
 * definitions into a table schema and registers the table.
 *
 * @module
 */
import type {
  ColumnDef,
  CreateTableStmt,
  Expr,
  ForeignKeyAction as AstFkAction,
  ForeignKeyClause,
} from "../parse/ast.ts";
import { formatExpr } from "../parse/mod.ts";
import { SqlUsageError, UnknownColumnError } from "../errors.ts";
import { typeClassOf } from "../column_type.ts";
import type { Catalog } from "../storage/catalog.ts";
import type {
  CheckSchema,
  ColumnSchema,
  ForeignKeyAction,
  ForeignKeySchema,
  TableSchema,
  UniqueSchema,
} from "../storage/schema.ts";
import { Table } from "../storage/table.ts";
import type { Row } from "../value.ts";
import type { RunCtx } from "./scope.ts";
import { Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";
import { insertRows } from "./dml.ts";
import { addIndex } from "./ddl.ts";

/**
 * Maps a parsed ON DELETE/UPDATE action to the schema's action.
 *
 * @example
 * ```ts
 * // fkAction("CASCADE") // "cascade"
 * ```
 */
function fkAction(a: AstFkAction | undefined): ForeignKeyAction {
  switch (a) {
    case "CASCADE":
      return "cascade";
    case "SET NULL":
    case "SET DEFAULT":
      return "set null";
    case "RESTRICT":
      return "restrict";
    default:
      return "no action";
  }
}

function typeText(def: ColumnDef): string | null {
  if (!def.type) return null;
  return def.type.args.length
    ? `${def.type.name}(${def.type.args.join(",")})`
    : def.type.name;
}

/**
 * Turns a parsed column definition into its stored schema.
 *
 * @example
 * ```ts
 * // columnSchema(columnDef)
 * ```
 */
export function columnSchema(def: ColumnDef): ColumnSchema {
  const type = typeText(def);
  let notNull = false;
  let defaultExpr: Expr | null = null;
  for (const c of def.constraints) {
    if (c.kind === "not_null") notNull = true;
    else if (c.kind === "primary_key") notNull = notNull || false;
    else if (c.kind === "default") defaultExpr = c.expr;
  }
  return {
    name: def.name,
    type,
    typeClass: typeClassOf(def.type?.name),
    notNull,
    defaultExpr,
  };
}

function isRowidType(c: ColumnSchema): boolean {
  const t = (c.type ?? "").toUpperCase();
  return t === "INTEGER" || t === "INT" || t === "BIGINT";
}

/**
 * CREATE TABLE (also CREATE TABLE ... AS SELECT).
 *
 * @example
 * ```ts
 * // createTable(parseOne("CREATE TABLE t (a INT)") as CreateTableStmt, catalog, ctx)
 * ```
 */
export function createTable(
  stmt: CreateTableStmt,
  catalog: Catalog,
  ctx: RunCtx,
): number {
  const key = stmt.name.toLowerCase();
  if (catalog.tables.has(key) || catalog.views.has(key)) {
    if (stmt.ifNotExists) return 0;
    throw new SqlUsageError(`table ${stmt.name} already exists`);
  }
  if (stmt.asSelect) return createTableAs(stmt, catalog, ctx);
  const columns = stmt.columns.map(columnSchema);
  const seen = new Set<string>();
  for (const c of columns) {
    const l = c.name.toLowerCase();
    if (seen.has(l)) {
      throw new SqlUsageError(`duplicate column name: ${c.name}`);
    }
    seen.add(l);
  }
  const schema: TableSchema = {
    name: stmt.name,
    columns,
    rowidColumn: -1,
    uniques: [],
    checks: [],
    foreignKeys: [],
  };
  const pkCols: string[][] = [];
  const uniqueCols: { name?: string; cols: string[]; desc?: boolean }[] = [];
  stmt.columns.forEach((def) => {
    for (const c of def.constraints) {
      if (c.kind === "primary_key") {
        pkCols.push([def.name]);
        uniqueCols.push({
          name: c.name,
          cols: [def.name],
          desc: c.order === "DESC",
        });
      } else if (c.kind === "unique") {
        uniqueCols.push({ name: c.name, cols: [def.name] });
      } else if (c.kind === "check") {
        schema.checks.push(checkSchema(c));
      } else if (c.kind === "references") {
        schema.foreignKeys.push(
          columnForeignKey(c, { table: stmt.name, column: def.name }),
        );
      }
    }
  });
  for (const tc of stmt.constraints) {
    if (tc.kind === "primary_key") {
      pkCols.push(tc.columns.map((c) => c.name));
      uniqueCols.push({ name: tc.name, cols: tc.columns.map((c) => c.name) });
    } else if (tc.kind === "unique") {
      uniqueCols.push({
        name: tc.name,
        cols: tc.columns.map((c) => c.name),
      });
    } else if (tc.kind === "check") {
      schema.checks.push(checkSchema(tc));
    } else if (tc.kind === "foreign_key") {
      schema.foreignKeys.push({
        name: tc.name ??
          `${stmt.name}(${
            tc.columns.join(", ")
          }) REFERENCES ${tc.foreignKey.table}`,
        columns: [...tc.columns],
        refTable: tc.foreignKey.table,
        refColumns: [...tc.foreignKey.columns],
        onDelete: fkAction(tc.foreignKey.onDelete),
        onUpdate: fkAction(tc.foreignKey.onUpdate),
      });
    }
  }
  if (pkCols.length > 1) {
    throw new SqlUsageError(`table ${stmt.name} has more than one primary key`);
  }
  const table = new Table(schema);
  const pk = pkCols[0];
  const colIdx = (n: string) => {
    const i = table.columnIndex(n);
    if (i < 0) throw new UnknownColumnError(n);
    return i;
  };
  if (pk) {
    for (const n of pk) columns[colIdx(n)].notNull = true;
    if (pk.length === 1 && isRowidType(columns[colIdx(pk[0])])) {
      schema.rowidColumn = colIdx(pk[0]);
      const def = stmt.columns.find((c) =>
        c.name.toLowerCase() === pk[0].toLowerCase()
      );
      if (
        def?.constraints.some((c) =>
          c.kind === "primary_key" && c.autoincrement
        )
      ) schema.autoincrement = true;
    }
  }
  for (const fk of schema.foreignKeys) for (const n of fk.columns) colIdx(n);
  catalog.tables.set(key, table);
  catalog.touchSchema();
  catalog.undo.push(() => catalog.tables.delete(key));
  let n = 0;
  for (const u of uniqueCols) {
    const isPk = pk !== undefined && u.cols.length === pk.length &&
      u.cols.every((c, i) => c.toLowerCase() === pk[i].toLowerCase());
    if (isPk && schema.rowidColumn >= 0) continue;
    n++;
    const ixName = u.name ?? `${stmt.name}_${isPk ? "pkey" : "unique" + n}`;
    const us: UniqueSchema = {
      name: u.name ??
        `${isPk ? "PRIMARY KEY" : "UNIQUE"} ${stmt.name}(${u.cols.join(", ")})`,
      columns: u.cols,
      primary: isPk,
      index: ixName,
    };
    schema.uniques.push(us);
    addIndex(catalog, table, {
      name: ixName,
      table: stmt.name,
      columns: u.cols.map((c) => ({ name: c, desc: false })),
      unique: true,
      kind: "btree",
      auto: true,
    });
  }
  return 0;
}

function createTableAs(
  stmt: CreateTableStmt,
  catalog: Catalog,
  ctx: RunCtx,
): number {
  const q = new SelectCompiler(catalog).compile(
    stmt.asSelect!,
    new Scope(null),
  );
  const rows: Row[] = [];
  q.run(ctx, (r) => void rows.push(r.slice()));
  const typeName = (t: string | null) =>
    t === "integer"
      ? "INTEGER"
      : t === "real"
      ? "REAL"
      : t === "text"
      ? "TEXT"
      : t === "boolean"
      ? "BOOLEAN"
      : t === "date"
      ? "DATE"
      : t === "timestamp"
      ? "TIMESTAMP"
      : t === "tsvector"
      ? "TSVECTOR"
      : t === "numeric"
      ? "NUMERIC"
      : null;
  const columns: ColumnSchema[] = q.columns.map((name, i) => {
    const type = typeName(q.columnTypes[i]);
    return {
      name,
      type,
      typeClass: typeClassOf(type),
      notNull: false,
      defaultExpr: null,
    };
  });
  const key = stmt.name.toLowerCase();
  const table = new Table({
    name: stmt.name,
    columns,
    rowidColumn: -1,
    uniques: [],
    checks: [],
    foreignKeys: [],
  });
  catalog.tables.set(key, table);
  catalog.touchSchema();
  catalog.undo.push(() => catalog.tables.delete(key));
  return insertRows(table, null, rows, catalog, ctx, {}).rowsAffected;
}

/**
 * The stored CHECK of a column or table constraint; an unnamed one is named
 * after its SQL text.
 *
 * @example
 * ```ts
 * // checkSchema({ expr }) // { name: "CHECK (a > 0)", expr }
 * ```
 */
export function checkSchema(
  c: { readonly name?: string; readonly expr: Expr },
): CheckSchema {
  return { name: c.name ?? `CHECK (${formatExpr(c.expr)})`, expr: c.expr };
}

/**
 * The stored FOREIGN KEY of a column's REFERENCES constraint; an unnamed
 * one is named `table.column REFERENCES parent`.
 *
 * @example
 * ```ts
 * // columnForeignKey(c, { table: "orders", column: "user_id" })
 * ```
 */
export function columnForeignKey(
  c: { readonly name?: string; readonly foreignKey: ForeignKeyClause },
  at: { table: string; column: string },
): ForeignKeySchema {
  return {
    name: c.name ??
      `${at.table}.${at.column} REFERENCES ${c.foreignKey.table}`,
    columns: [at.column],
    refTable: c.foreignKey.table,
    refColumns: [...c.foreignKey.columns],
    onDelete: fkAction(c.foreignKey.onDelete),
    onUpdate: fkAction(c.foreignKey.onUpdate),
  };
}
