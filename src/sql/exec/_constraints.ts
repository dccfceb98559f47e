/**
 * Row constraints shared by INSERT, UPDATE and DELETE: NOT NULL and CHECK
 * per row, FOREIGN KEY lookups in both directions, and the ON DELETE /
 * ON UPDATE actions on child rows.
 *
 * @module
 */
import {
  ConstraintError,
  SqlUsageError,
  UnknownColumnError,
} from "../errors.ts";
import { formatTsvector, type TsVector } from "../fts/mod.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { ColumnSchema, ForeignKeySchema } from "../storage/schema.ts";
import type { Table } from "../storage/table.ts";
import {
  compareValues,
  type Row,
  truthOf,
  type Value,
  valueToText,
} from "../value.ts";
import { compileExpr } from "./compile_expr.ts";
import { type Fn, type RunCtx, Scope } from "./scope.ts";
import { coerceColumn, envFor, evalConstant } from "./dml.ts";

export function tableScope(table: Table, alias?: string): Scope {
  const s = new Scope(null);
  s.addSource(
    alias ?? table.schema.name,
    table,
    table.schema.columns.map((c) => ({ name: c.name, typeClass: c.typeClass })),
  );
  return s;
}

interface TableChecks {
  checks: { name: string; fn: Fn }[];
}

const checkCache = new WeakMap<object, TableChecks>();

function checksOf(table: Table, catalog: Catalog): TableChecks {
  const hit = checkCache.get(table.schema);
  if (hit) return hit;
  const env = envFor(catalog, tableScope(table));
  const out = {
    checks: table.schema.checks.map((c) => ({
      name: c.name,
      fn: compileExpr(c.expr, env),
    })),
  };
  checkCache.set(table.schema, out);
  return out;
}

function renderRow(row: Row): string {
  return row.map((
    v,
  ) => (v === null
    ? "NULL"
    : valueToText(v, (x) => formatTsvector(x as TsVector)))
  ).join(", ");
}

/** Validates NOT NULL and CHECK for a full row. */
/**
 * Validates NOT NULL and CHECK for a full row. Under `OR IGNORE` a
 * violation skips the row (returns false); under `OR REPLACE` a NULL in a
 * NOT NULL column takes the column's default when it has one (SQLite).
 */
export function checkRow(
  table: Table,
  row: Row,
  catalog: Catalog,
  ctx: RunCtx,
  or?: string,
): boolean {
  const cols = table.schema.columns;
  for (let i = 0; i < cols.length; i++) {
    if (cols[i].notNull && row[i] === null && i !== table.schema.rowidColumn) {
      if (or === "IGNORE") return false;
      const d = cols[i].defaultExpr;
      if (or === "REPLACE" && d) {
        row[i] = coerceColumn(evalConstant(d, ctx), cols[i], table.schema.name);
        if (row[i] !== null) continue;
      }
      throw new ConstraintError(
        "NOT NULL",
        `${table.schema.name}.${cols[i].name}`,
        null,
      );
    }
  }
  if (table.schema.checks.length) {
    for (const c of checksOf(table, catalog).checks) {
      if (truthOf(c.fn(row, ctx)) === false) {
        if (or === "IGNORE") return false;
        throw new ConstraintError("CHECK", c.name, renderRow(row));
      }
    }
  }
  return true;
}

export function colPositions(table: Table, names: readonly string[]): number[] {
  return names.map((n) => {
    const i = table.columnIndex(n);
    if (i < 0) throw new UnknownColumnError(`${table.schema.name}.${n}`);
    return i;
  });
}

/** Row ids of `table` whose columns at `pos` equal `vals`. */
function findRows(table: Table, pos: number[], vals: Value[]): bigint[] {
  if (pos.length === 1 && pos[0] === table.schema.rowidColumn) {
    const v = vals[0];
    const id = typeof v === "bigint"
      ? v
      : typeof v === "number" && Number.isInteger(v)
      ? BigInt(v)
      : null;
    return id !== null && table.rows.has(id) ? [id] : [];
  }
  for (const ix of table.indexes) {
    const cp = ix.columnPositions;
    if (cp.length < pos.length) continue;
    if (!pos.every((p, i) => cp[i] === p)) continue;
    return [...ix.equal(vals)];
  }
  const out: bigint[] = [];
  for (const [id, row] of table.rows.entries()) {
    if (
      pos.every((p, i) =>
        row[p] !== null && compareValues(row[p], vals[i]) === 0
      )
    ) out.push(id);
  }
  return out;
}

function parentColumns(parent: Table, fk: ForeignKeySchema): number[] {
  if (fk.refColumns.length) return colPositions(parent, fk.refColumns);
  if (parent.schema.rowidColumn >= 0) return [parent.schema.rowidColumn];
  const pk = parent.schema.uniques.find((u) => u.primary);
  if (!pk) {
    throw new SqlUsageError(
      `foreign key ${fk.name} references a table without a primary key`,
    );
  }
  return colPositions(parent, pk.columns);
}

/** Child side: the referenced parent row must exist. */
export function checkForeignKeys(
  table: Table,
  row: Row,
  catalog: Catalog,
  old: Row | null,
): void {
  for (const fk of table.schema.foreignKeys) {
    const pos = colPositions(table, fk.columns);
    const vals = pos.map((p) => row[p]);
    if (vals.some((v) => v === null)) continue;
    if (
      old &&
      pos.every((p) => old[p] !== null && compareValues(old[p], row[p]) === 0)
    ) continue;
    const parent = catalog.findTable(fk.refTable);
    if (!parent) {
      throw new ConstraintError(
        "FOREIGN KEY",
        fk.name,
        vals.length === 1 ? vals[0] : renderRow(vals),
      );
    }
    const ppos = parentColumns(parent, fk);
    const conv = ppos.map((p, i) =>
      coerceSafe(vals[i], parent.schema.columns[p])
    );
    if (findRows(parent, ppos, conv).length === 0) {
      throw new ConstraintError(
        "FOREIGN KEY",
        fk.name,
        vals.length === 1 ? vals[0] : renderRow(vals),
      );
    }
  }
}

function coerceSafe(v: Value, col: ColumnSchema): Value {
  try {
    return coerceColumn(v, col, "");
  } catch {
    return v;
  }
}

/** Parent side: what happens to child rows when `row` goes away or changes key. */
export function onParentChange(
  table: Table,
  row: Row,
  newRow: Row | null,
  catalog: Catalog,
  ctx: RunCtx,
  depth: number,
): void {
  const myName = table.schema.name.toLowerCase();
  for (const child of catalog.tables.values()) {
    for (const fk of child.schema.foreignKeys) {
      if (fk.refTable.toLowerCase() !== myName) continue;
      const ppos = parentColumns(table, fk);
      const keyVals = ppos.map((p) => row[p]);
      if (keyVals.some((v) => v === null)) continue;
      if (newRow && ppos.every((p) => compareValues(row[p], newRow[p]) === 0)) {
        continue;
      }
      const cpos = colPositions(child, fk.columns);
      const ids = findRows(child, cpos, keyVals);
      if (ids.length === 0) continue;
      const action = newRow ? fk.onUpdate : fk.onDelete;
      if (action === "cascade" && !newRow) {
        for (const id of ids) deleteRow(child, id, catalog, ctx, depth + 1);
      } else if (action === "cascade" && newRow) {
        for (const id of ids) {
          const old = child.rows.get(id)!;
          const upd = old.slice();
          cpos.forEach((p, i) => (upd[p] = newRow[ppos[i]]));
          child.update(id, upd, catalog.undo);
        }
      } else if (action === "set null") {
        for (const id of ids) {
          const old = child.rows.get(id)!;
          const upd = old.slice();
          for (const p of cpos) upd[p] = null;
          checkRow(child, upd, catalog, ctx);
          child.update(id, upd, catalog.undo);
        }
      } else {
        throw new ConstraintError(
          "FOREIGN KEY",
          fk.name,
          keyVals.length === 1 ? keyVals[0] : renderRow(keyVals),
        );
      }
    }
  }
}

const childCache = new WeakMap<
  Catalog,
  { version: number; names: Set<string> }
>();

/** True when some table has a foreign key to `table` (cached per schema version). */
export function hasChildren(table: Table, catalog: Catalog): boolean {
  let c = childCache.get(catalog);
  if (!c || c.version !== catalog.schemaVersion) {
    const names = new Set<string>();
    for (const t of catalog.tables.values()) {
      for (const f of t.schema.foreignKeys) names.add(f.refTable.toLowerCase());
    }
    c = { version: catalog.schemaVersion, names };
    childCache.set(catalog, c);
  }
  return c.names.has(table.schema.name.toLowerCase());
}

export function deleteRow(
  table: Table,
  id: bigint,
  catalog: Catalog,
  ctx: RunCtx,
  depth: number,
): void {
  if (depth > 100) {
    throw new SqlUsageError("too many levels of foreign key cascades");
  }
  const row = table.rows.get(id);
  if (!row) return;
  if (hasChildren(table, catalog)) {
    onParentChange(table, row, null, catalog, ctx, depth);
  }
  table.delete(id, catalog.undo);
}

/**
 * Resolves the UNIQUE index conflicts of `row` (`self` is the row's own id
 * on UPDATE, so it does not conflict with itself): OR REPLACE deletes the
 * other row, OR IGNORE returns true so the caller skips `row`, otherwise
 * the conflict throws.
 */
export function uniqueConflictSkips(
  table: Table,
  row: Row,
  self: bigint | null,
  or: string | undefined,
  catalog: Catalog,
  ctx: RunCtx,
): boolean {
  const s = table.schema;
  for (const ix of table.indexes) {
    if (!ix.schema.unique) continue;
    const other = ix.conflict(row, self);
    if (other === null) continue;
    if (or === "REPLACE") deleteRow(table, other, catalog, ctx, 0);
    else if (or === "IGNORE") return true;
    else {
      const u = s.uniques.find((x) => x.index === ix.schema.name);
      const vals = ix.columnPositions.map((p) => row[p]);
      throw new ConstraintError(
        u?.primary ? "PRIMARY KEY" : "UNIQUE",
        u?.name ?? ix.schema.name,
        vals.length === 1 ? vals[0] : renderRow(vals),
      );
    }
  }
  return false;
}
