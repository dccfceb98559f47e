/**
 * CREATE / DROP / ALTER of tables, indexes and views, each with undo
 * records so a failing statement or batch leaves the catalog as it was.
 *
 * @module
 */
import type {
  AlterTableStmt,
  ColumnDef,
  CreateIndexStmt,
  CreateTableStmt,
  CreateViewStmt,
  Expr,
  ForeignKeyAction as AstFkAction,
} from "../parse/ast.ts";
import { formatExpr } from "../parse/mod.ts";
import {
  ConstraintError,
  SqlUsageError,
  UnknownColumnError,
  UnknownTableError,
} from "../errors.ts";
import { typeClassOf } from "../column_type.ts";
import { BTreeIndex } from "../storage/btree_index.ts";
import type { Catalog } from "../storage/catalog.ts";
import { GinColumnIndex } from "../storage/gin_column_index.ts";
import type {
  ColumnSchema,
  ForeignKeyAction,
  ForeignKeySchema,
  IndexSchema,
  TableSchema,
  UniqueSchema,
} from "../storage/schema.ts";
import { BTree } from "../storage/_btree.ts";
import { Table } from "../storage/table.ts";
import type { Row, Value } from "../value.ts";
import { mapExpr } from "./expr_util.ts";
import type { RunCtx } from "./scope.ts";
import { Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";
import { evalConstant, insertRows } from "./dml.ts";

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

function columnSchema(def: ColumnDef): ColumnSchema {
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
 * Keeps a table's index column positions in step with its schema.
 *
 * @example
 * ```ts
 * // repositionIndexes(table); table.rebuildIndexes();
 * ```
 */
export function repositionIndexes(table: Table): void {
  for (const ix of table.indexes) {
    ix.columnPositions = ix.schema.columns.map((c) => {
      const i = table.columnIndex(c.name);
      if (i < 0) throw new UnknownColumnError(c.name);
      return i;
    });
  }
  for (const g of table.ginIndexes) {
    g.column = table.columnIndex(g.schema.columns[0].name);
  }
}

function addIndex(catalog: Catalog, table: Table, schema: IndexSchema): void {
  const key = schema.name.toLowerCase();
  if (catalog.indexOwners.has(key)) {
    throw new SqlUsageError(`index ${schema.name} already exists`);
  }
  if (schema.kind === "gin") {
    if (schema.columns.length !== 1) {
      throw new SqlUsageError("a GIN index covers exactly one column");
    }
    const ci = table.columnIndex(schema.columns[0].name);
    if (ci < 0) throw new UnknownColumnError(schema.columns[0].name);
    const tc = table.schema.columns[ci].typeClass;
    if (tc !== "tsvector" && tc !== "text" && tc !== "none") {
      throw new SqlUsageError(
        `a GIN index needs a TSVECTOR or TEXT column, not ${
          table.schema.columns[ci].type
        }`,
      );
    }
    const g = new GinColumnIndex(schema, ci, "english");
    for (const [id, row] of table.rows.entries()) g.add(row, id);
    table.ginIndexes.push(g);
  } else {
    const positions = schema.columns.map((c) => {
      const i = table.columnIndex(c.name);
      if (i < 0) throw new UnknownColumnError(c.name);
      return i;
    });
    const ix = new BTreeIndex(schema, positions);
    for (const [id, row] of table.rows.entries()) {
      if (schema.unique) {
        const other = ix.conflict(row, id);
        if (other !== null) {
          throw new ConstraintError(
            "UNIQUE",
            schema.name,
            positions.map((p) => row[p]).join(", "),
          );
        }
      }
      ix.add(row, id);
    }
    table.indexes.push(ix);
  }
  catalog.indexOwners.set(key, table.schema.name.toLowerCase());
  catalog.undo.push(() => {
    catalog.indexOwners.delete(key);
    table.indexes = table.indexes.filter((x) => x.schema !== schema);
    table.ginIndexes = table.ginIndexes.filter((x) => x.schema !== schema);
  });
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
        schema.checks.push({
          name: c.name ?? `CHECK (${formatExpr(c.expr)})`,
          expr: c.expr,
        });
      } else if (c.kind === "references") {
        schema.foreignKeys.push({
          name: c.name ??
            `${stmt.name}.${def.name} REFERENCES ${c.foreignKey.table}`,
          columns: [def.name],
          refTable: c.foreignKey.table,
          refColumns: [...c.foreignKey.columns],
          onDelete: fkAction(c.foreignKey.onDelete),
          onUpdate: fkAction(c.foreignKey.onUpdate),
        });
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
      schema.checks.push({
        name: tc.name ?? `CHECK (${formatExpr(tc.expr)})`,
        expr: tc.expr,
      });
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
 * DROP TABLE.
 *
 * @example
 * ```ts
 * // dropTable("t", true, catalog)
 * ```
 */
export function dropTable(
  name: string,
  ifExists: boolean,
  catalog: Catalog,
): void {
  const key = name.toLowerCase();
  const table = catalog.tables.get(key);
  if (!table) {
    if (ifExists) return;
    throw new UnknownTableError(name);
  }
  const order = [...catalog.tables.entries()];
  catalog.tables.delete(key);
  const owned = [...catalog.indexOwners.entries()].filter(([, t]) => t === key);
  for (const [ix] of owned) catalog.indexOwners.delete(ix);
  catalog.touchSchema();
  catalog.undo.push(() => {
    catalog.tables.clear();
    for (const [k, t] of order) catalog.tables.set(k, t);
    for (const [ix, t] of owned) catalog.indexOwners.set(ix, t);
  });
}

/**
 * CREATE [UNIQUE|GIN] INDEX.
 *
 * @example
 * ```ts
 * // createIndex(parseOne("CREATE INDEX i ON t (a)") as CreateIndexStmt, catalog)
 * ```
 */
export function createIndex(stmt: CreateIndexStmt, catalog: Catalog): void {
  const table = catalog.table(stmt.table);
  if (stmt.where) throw new SqlUsageError("partial indexes are not supported");
  const gin = stmt.using === "GIN";
  if (stmt.using && !gin && stmt.using !== "BTREE") {
    throw new SqlUsageError(`unknown index method ${stmt.using}`);
  }
  const name = stmt.name ??
    `${stmt.table}_${stmt.columns.map((c) => c.name).join("_")}_${
      gin ? "gin" : "idx"
    }`;
  if (catalog.indexOwners.has(name.toLowerCase())) {
    if (stmt.ifNotExists) return;
    throw new SqlUsageError(`index ${name} already exists`);
  }
  addIndex(catalog, table, {
    name,
    table: table.schema.name,
    columns: stmt.columns.map((c) => ({
      name: c.name,
      desc: c.order === "DESC",
    })),
    unique: stmt.unique,
    kind: gin ? "gin" : "btree",
    auto: false,
  });
  catalog.touchSchema();
}

/**
 * DROP INDEX.
 *
 * @example
 * ```ts
 * // dropIndex("i", false, catalog)
 * ```
 */
export function dropIndex(
  name: string,
  ifExists: boolean,
  catalog: Catalog,
): void {
  const key = name.toLowerCase();
  const owner = catalog.indexOwners.get(key);
  if (!owner) {
    if (ifExists) return;
    throw new SqlUsageError(`no such index: ${name}`);
  }
  const table = catalog.tables.get(owner)!;
  const ix = table.indexes.find((x) => x.schema.name.toLowerCase() === key);
  const g = table.ginIndexes.find((x) => x.schema.name.toLowerCase() === key);
  if (ix?.schema.auto) {
    throw new SqlUsageError(
      `index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped`,
    );
  }
  const oldIx = table.indexes, oldGin = table.ginIndexes;
  table.indexes = table.indexes.filter((x) => x !== ix);
  table.ginIndexes = table.ginIndexes.filter((x) => x !== g);
  catalog.indexOwners.delete(key);
  catalog.touchSchema();
  catalog.undo.push(() => {
    table.indexes = oldIx;
    table.ginIndexes = oldGin;
    catalog.indexOwners.set(key, owner);
  });
}

/**
 * CREATE VIEW (checked by compiling its SELECT once).
 *
 * @example
 * ```ts
 * // createView(parseOne("CREATE VIEW v AS SELECT 1") as CreateViewStmt, catalog)
 * ```
 */
export function createView(stmt: CreateViewStmt, catalog: Catalog): void {
  const key = stmt.name.toLowerCase();
  if (catalog.views.has(key) || catalog.tables.has(key)) {
    if (stmt.ifNotExists) return;
    throw new SqlUsageError(`view ${stmt.name} already exists`);
  }
  const q = new SelectCompiler(catalog).compile(stmt.select, new Scope(null));
  if (stmt.columns && stmt.columns.length !== q.columns.length) {
    throw new SqlUsageError(
      `expected ${q.columns.length} columns for ${stmt.name} but got ${stmt.columns.length}`,
    );
  }
  catalog.views.set(key, {
    name: stmt.name,
    columns: stmt.columns ? [...stmt.columns] : null,
    select: stmt.select,
  });
  catalog.touchSchema();
  catalog.undo.push(() => catalog.views.delete(key));
}

/**
 * DROP VIEW.
 *
 * @example
 * ```ts
 * // dropView("v", false, catalog)
 * ```
 */
export function dropView(
  name: string,
  ifExists: boolean,
  catalog: Catalog,
): void {
  const key = name.toLowerCase();
  const v = catalog.views.get(key);
  if (!v) {
    if (ifExists) return;
    throw new UnknownTableError(name);
  }
  const order = [...catalog.views.entries()];
  catalog.views.delete(key);
  catalog.touchSchema();
  catalog.undo.push(() => {
    catalog.views.clear();
    for (const [k, x] of order) catalog.views.set(k, x);
  });
}

/** Swaps a table's schema and rows; undo restores both and the indexes. */
function replaceTable(
  catalog: Catalog,
  table: Table,
  schema: TableSchema,
  mapRow: ((row: Row) => Row) | null,
): void {
  const oldSchema = table.schema, oldRows = table.rows;
  const oldIx = table.indexes.map((ix) => ix.schema),
    oldGin = table.ginIndexes.map((g) => g.schema);
  const oldIndexes = table.indexes, oldGins = table.ginIndexes;
  const rows = mapRow
    ? new BTree<bigint, Row>(undefined, oldRows._compare)
    : oldRows.clone();
  if (mapRow) {
    for (const [id, r] of oldRows.entries()) {
      rows.set(id, mapRow(r));
    }
  }
  table.schema = schema;
  table.rows = rows;
  // Index objects are rebuilt so the old ones stay intact for undo.
  table.indexes = oldIndexes.map((ix) =>
    new BTreeIndex(ix.schema, ix.columnPositions)
  );
  table.ginIndexes = oldGins.map((g) =>
    new GinColumnIndex(g.schema, g.column, g.config)
  );
  repositionIndexes(table);
  table.rebuildIndexes();
  void oldIx;
  void oldGin;
  catalog.touchSchema();
  catalog.undo.push(() => {
    table.schema = oldSchema;
    table.rows = oldRows;
    table.indexes = oldIndexes;
    table.ginIndexes = oldGins;
  });
}

function renameInExpr(e: Expr, from: string, to: string): Expr {
  const f = from.toLowerCase();
  return mapExpr(
    e,
    (
      x,
    ) => (x.kind === "column" && x.name.toLowerCase() === f
      ? { ...x, name: to }
      : undefined),
  );
}

/**
 * ALTER TABLE ADD / DROP / RENAME COLUMN and RENAME TO.
 *
 * @example
 * ```ts
 * // alterTable(parseOne("ALTER TABLE t ADD COLUMN b TEXT") as AlterTableStmt, catalog, ctx)
 * ```
 */
export function alterTable(
  stmt: AlterTableStmt,
  catalog: Catalog,
  ctx: RunCtx,
): void {
  const table = catalog.table(stmt.table);
  const s = table.schema;
  const a = stmt.action;
  switch (a.kind) {
    case "add_column": {
      const col = columnSchema(a.column);
      if (table.columnIndex(col.name) >= 0) {
        throw new SqlUsageError(`duplicate column name: ${col.name}`);
      }
      for (const c of a.column.constraints) {
        if (c.kind === "primary_key" || c.kind === "unique") {
          throw new SqlUsageError("cannot add a PRIMARY KEY or UNIQUE column");
        }
      }
      let v: Value = col.defaultExpr
        ? evalConstant(col.defaultExpr, ctx)
        : null;
      if (v !== null) v = coerceColumn(v, col, s.name);
      if (col.notNull && v === null && table.rows.size > 0) {
        throw new ConstraintError("NOT NULL", `${s.name}.${col.name}`, null);
      }
      const checks = [...s.checks];
      const fks = [...s.foreignKeys];
      for (const c of a.column.constraints) {
        if (c.kind === "check") {
          checks.push({
            name: c.name ?? `CHECK (${formatExpr(c.expr)})`,
            expr: c.expr,
          });
        }
        if (c.kind === "references") {
          fks.push({
            name: c.name ??
              `${s.name}.${col.name} REFERENCES ${c.foreignKey.table}`,
            columns: [col.name],
            refTable: c.foreignKey.table,
            refColumns: [...c.foreignKey.columns],
            onDelete: fkAction(c.foreignKey.onDelete),
            onUpdate: fkAction(c.foreignKey.onUpdate),
          });
        }
      }
      replaceTable(catalog, table, {
        ...s,
        columns: [...s.columns, col],
        checks,
        foreignKeys: fks,
      }, (r) => [...r, v]);
      return;
    }
    case "drop_column": {
      const i = table.columnIndex(a.column);
      if (i < 0) throw new UnknownColumnError(a.column);
      const l = a.column.toLowerCase();
      const used = [
        ...table.indexes.map((x) => x.schema),
        ...table.ginIndexes.map((x) => x.schema),
      ]
        .some((ix) => ix.columns.some((c) => c.name.toLowerCase() === l));
      if (
        used || i === s.rowidColumn ||
        s.foreignKeys.some((f) => f.columns.some((c) => c.toLowerCase() === l))
      ) {
        throw new SqlUsageError(
          `cannot drop column ${a.column}: it is used by an index or constraint`,
        );
      }
      if (s.columns.length === 1) {
        throw new SqlUsageError("cannot drop the only column of a table");
      }
      const checks = s.checks.filter((c) =>
        !formatExpr(c.expr).toLowerCase().includes(l)
      );
      const columns = s.columns.filter((_, j) => j !== i);
      const rowid = s.rowidColumn > i ? s.rowidColumn - 1 : s.rowidColumn;
      replaceTable(catalog, table, {
        ...s,
        columns,
        checks,
        rowidColumn: rowid,
      }, (r) => r.filter((_, j) => j !== i));
      return;
    }
    case "rename_column": {
      const i = table.columnIndex(a.from);
      if (i < 0) throw new UnknownColumnError(a.from);
      if (table.columnIndex(a.to) >= 0) {
        throw new SqlUsageError(`duplicate column name: ${a.to}`);
      }
      const f = a.from.toLowerCase();
      const ren = (n: string) => (n.toLowerCase() === f ? a.to : n);
      const columns = s.columns.map((
        c,
        j,
      ) => (j === i ? { ...c, name: a.to } : c));
      const uniques = s.uniques.map((u) => ({
        ...u,
        columns: u.columns.map(ren),
      }));
      const checks = s.checks.map((c) => ({
        ...c,
        expr: renameInExpr(c.expr, a.from, a.to),
      }));
      const foreignKeys = s.foreignKeys.map((fk) => ({
        ...fk,
        columns: fk.columns.map(ren),
      }));
      const oldIdx = table.indexes.map((x) => x.schema),
        oldGin = table.ginIndexes.map((x) => x.schema);
      for (const ix of table.indexes) {
        (ix as { schema: IndexSchema }).schema = {
          ...ix.schema,
          columns: ix.schema.columns.map((c) => ({ ...c, name: ren(c.name) })),
        };
      }
      for (const g of table.ginIndexes) {
        (g as { schema: IndexSchema }).schema = {
          ...g.schema,
          columns: g.schema.columns.map((c) => ({ ...c, name: ren(c.name) })),
        };
      }
      const others = renameReferences(
        catalog,
        s.name,
        (fk) => ({ ...fk, refColumns: fk.refColumns.map(ren) }),
      );
      const old = table.schema;
      table.schema = { ...s, columns, uniques, checks, foreignKeys };
      catalog.touchSchema();
      catalog.undo.push(() => {
        table.schema = old;
        table.indexes.forEach((
          ix,
          j,
        ) => ((ix as { schema: IndexSchema }).schema = oldIdx[j]));
        table.ginIndexes.forEach((
          g,
          j,
        ) => ((g as { schema: IndexSchema }).schema = oldGin[j]));
        others();
      });
      return;
    }
    case "rename_table": {
      const from = s.name.toLowerCase(), to = a.to.toLowerCase();
      if (catalog.tables.has(to) || catalog.views.has(to)) {
        throw new SqlUsageError(
          `there is already another table or index with this name: ${a.to}`,
        );
      }
      const order = [...catalog.tables.entries()];
      const old = table.schema;
      const owners = [...catalog.indexOwners.entries()];
      catalog.tables.delete(from);
      catalog.tables.set(to, table);
      table.schema = { ...s, name: a.to };
      for (const [ix, t] of owners) {
        if (t === from) catalog.indexOwners.set(ix, to);
      }
      const others = renameReferences(
        catalog,
        old.name,
        (fk) => ({ ...fk, refTable: a.to }),
      );
      catalog.touchSchema();
      catalog.undo.push(() => {
        catalog.tables.clear();
        for (const [k, t] of order) catalog.tables.set(k, t);
        table.schema = old;
        catalog.indexOwners.clear();
        for (const [ix, t] of owners) catalog.indexOwners.set(ix, t);
        others();
      });
      return;
    }
  }
}

/** Rewrites foreign keys in other tables that reference `name`; returns an undo. */
function renameReferences(
  catalog: Catalog,
  name: string,
  fn: (fk: ForeignKeySchema) => ForeignKeySchema,
): () => void {
  const l = name.toLowerCase();
  const undo: (() => void)[] = [];
  for (const t of catalog.tables.values()) {
    if (!t.schema.foreignKeys.some((fk) => fk.refTable.toLowerCase() === l)) {
      continue;
    }
    const old = t.schema;
    t.schema = {
      ...old,
      foreignKeys: old.foreignKeys.map((
        fk,
      ) => (fk.refTable.toLowerCase() === l ? fn(fk) : fk)),
    };
    undo.push(() => (t.schema = old));
  }
  return () => undo.forEach((u) => u());
}

import { coerceColumn } from "./dml.ts";
