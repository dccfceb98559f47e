/**
 * ALTER TABLE: rename, add, drop and rename columns, rewriting the
 * schema and every stored expression that names them.
 *
 * @module
 */
import type { AlterTableStmt, Expr } from "../parse/ast.ts";
import { formatExpr } from "../parse/mod.ts";
import {
  ConstraintError,
  SqlUsageError,
  UnknownColumnError,
} from "../errors.ts";
import { BTreeIndex } from "../storage/btree_index.ts";
import type { Catalog } from "../storage/catalog.ts";
import { GinColumnIndex } from "../storage/gin_column_index.ts";
import type {
  ForeignKeySchema,
  IndexSchema,
  TableSchema,
} from "../storage/schema.ts";
import { BTree } from "../storage/_btree.ts";
import type { Table } from "../storage/table.ts";
import type { Row, Value } from "../value.ts";
import { mapExpr } from "./expr_util.ts";
import type { RunCtx } from "./scope.ts";
import { evalConstant } from "./dml.ts";
import { coerceColumn } from "./dml.ts";
import { checkSchema, columnForeignKey, columnSchema } from "./create_table.ts";
import { repositionIndexes } from "./ddl.ts";

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
          checks.push(checkSchema(c));
        }
        if (c.kind === "references") {
          fks.push(columnForeignKey(c, { table: s.name, column: col.name }));
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
