/**
 * CREATE / DROP / ALTER of tables, indexes and views, each with undo
 * records so a failing statement or batch leaves the catalog as it was.
 * CREATE TABLE lives in create_table.ts and ALTER TABLE in alter_table.ts;
 * both are re-exported here for the statement dispatcher.
 *
 * @module
 */
import type { CreateIndexStmt, CreateViewStmt } from "../parse/ast.ts";
import {
  ConstraintError,
  SqlUsageError,
  UnknownColumnError,
  UnknownTableError,
} from "../errors.ts";
import { BTreeIndex } from "../storage/btree_index.ts";
import type { Catalog } from "../storage/catalog.ts";
import { GinColumnIndex } from "../storage/gin_column_index.ts";
import type { IndexSchema } from "../storage/schema.ts";
import type { Table } from "../storage/table.ts";
import { Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";
export { createTable } from "./create_table.ts";
export { alterTable } from "./alter_table.ts";

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

/**
 * Attaches an index to a table, registers its owner and records the undo.
 * Shared by CREATE INDEX and the automatic indexes of CREATE TABLE.
 *
 * @example
 * ```ts
 * // addIndex(catalog, table, indexSchema)
 * ```
 */
export function addIndex(
  catalog: Catalog,
  table: Table,
  schema: IndexSchema,
): void {
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
  const restoreTables = deleteKeepingOrder(catalog.tables, key);
  const owned = [...catalog.indexOwners.entries()].filter(([, t]) => t === key);
  for (const [ix] of owned) catalog.indexOwners.delete(ix);
  catalog.touchSchema();
  catalog.undo.push(() => {
    restoreTables();
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
  const restoreViews = deleteKeepingOrder(catalog.views, key);
  catalog.touchSchema();
  catalog.undo.push(restoreViews);
}

/**
 * Deletes `key` from `map` and returns the undo step. The undo rebuilds the
 * map in its old insertion order because schema listings and snapshots
 * iterate catalog maps in that order.
 */
function deleteKeepingOrder<V>(map: Map<string, V>, key: string): () => void {
  const order = [...map.entries()];
  map.delete(key);
  return () => {
    map.clear();
    for (const [k, v] of order) map.set(k, v);
  };
}
