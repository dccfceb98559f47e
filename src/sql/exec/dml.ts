/**
 * INSERT / UPDATE / DELETE with every constraint: NOT NULL, CHECK,
 * PRIMARY KEY / UNIQUE (with OR REPLACE / OR IGNORE), and FOREIGN KEY on
 * both sides (ON DELETE CASCADE / SET NULL / RESTRICT).
 *
 * @module
 */
import type { DeleteStmt, Expr, InsertStmt, UpdateStmt } from "../parse/ast.ts";
import { coerceToType } from "../column_type.ts";
import {
  ConstraintError,
  SqlUsageError,
  TypeMismatchError,
  UnknownColumnError,
} from "../errors.ts";
import { formatTsvector, parseTsvector, type TsVector } from "../fts/mod.ts";
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
import { chooseAccessPath } from "./access_path.ts";
import { type CompileEnv, compileExpr } from "./compile_expr.ts";
import { conjuncts, hasSubquery } from "./expr_util.ts";
import { type Fn, type RunCtx, Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";

/**
 * What a write statement reports.
 *
 * @example
 * ```ts
 * const r: WriteResult = { rowsAffected: 2, lastInsertId: 2n };
 * ```
 */
export interface WriteResult {
  rowsAffected: number;
  lastInsertId: bigint | null;
}

/**
 * Evaluates an expression that reads no columns (VALUES items, DEFAULT).
 *
 * @example
 * ```ts
 * // evalConstant(parseExpr("1 + 2"), ctx) === 3n
 * ```
 */
export function evalConstant(e: Expr, ctx: RunCtx): Value {
  const env = envFor(ctx.catalog, new Scope(null));
  return compileExpr(e, env)([], ctx);
}

function envFor(catalog: Catalog, scope: Scope): CompileEnv {
  const sc = new SelectCompiler(catalog);
  return sc.env(scope);
}

/**
 * Converts a value for a column (affinity and validation).
 *
 * @example
 * ```ts
 * // coerceColumn("12", intColumn, "t") === 12n
 * ```
 */
export function coerceColumn(
  v: Value,
  col: ColumnSchema,
  table: string,
): Value {
  // Fast path: the value already has the column's type.
  switch (col.typeClass) {
    case "integer":
      if (typeof v === "bigint") return v;
      break;
    case "text":
      if (typeof v === "string") return v;
      break;
    case "real":
      if (typeof v === "number") return v;
      break;
    case "none":
      return v;
  }
  return coerceToType(v, col.typeClass, {
    column: `${table}.${col.name}`,
    parseTsvector,
    formatTsvector: (x) => formatTsvector(x as TsVector),
  });
}

function tableScope(table: Table, alias?: string): Scope {
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
function checkRow(
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

function colPositions(table: Table, names: readonly string[]): number[] {
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
function checkForeignKeys(
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
function onParentChange(
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
function hasChildren(table: Table, catalog: Catalog): boolean {
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

function deleteRow(
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

interface InsertPlan {
  pos: number[];
  missing: number[];
  defaults: (Expr | null)[];
  /** Compiled DEFAULT expressions (made on first use). */
  defaultFns?: (Fn | null)[];
}

const planCache = new WeakMap<
  object,
  { columns: readonly string[] | null; plan: InsertPlan }[]
>();

function sameColumns(
  a: readonly string[] | null,
  b: readonly string[] | null,
): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Column positions of an INSERT's column list, cached per table schema. */
function insertPlan(
  table: Table,
  columns: readonly string[] | null,
): InsertPlan {
  let list = planCache.get(table.schema);
  if (!list) {
    list = [];
    planCache.set(table.schema, list);
  }
  for (const c of list) if (sameColumns(c.columns, columns)) return c.plan;
  const cols = table.schema.columns;
  const pos = columns ? colPositions(table, columns) : cols.map((_, i) => i);
  if (columns && new Set(pos).size !== pos.length) {
    throw new SqlUsageError("duplicate column in INSERT column list");
  }
  const missing = cols.map((_, i) => i).filter((i) => !pos.includes(i));
  const plan = {
    pos,
    missing,
    defaults: missing.map((i) => cols[i].defaultExpr),
  };
  if (list.length < 16) {
    list.push({ columns: columns ? [...columns] : null, plan });
  }
  return plan;
}

/**
 * Options of {@linkcode insertRows}.
 *
 * @example
 * ```ts
 * const o: InsertOptions = { or: "IGNORE" };
 * ```
 */
export interface InsertOptions {
  or?: string;
}

/**
 * Inserts rows given as values for `columns` (all columns when null).
 *
 * @example
 * ```ts
 * // insertRows(table, ["a"], [[1n], [2n]], catalog, ctx, {})
 * ```
 */
export function insertRows(
  table: Table,
  columns: readonly string[] | null,
  rows: readonly (readonly Value[])[],
  catalog: Catalog,
  ctx: RunCtx,
  options: InsertOptions,
): WriteResult {
  const s = table.schema;
  const cols = s.columns;
  const plan = insertPlan(table, columns);
  const { pos, missing, defaults } = plan;
  if (!plan.defaultFns) {
    const env = envFor(catalog, new Scope(null));
    plan.defaultFns = defaults.map((d) => (d ? compileExpr(d, env) : null));
  }
  const defaultFns = plan.defaultFns;
  const rid = s.rowidColumn;
  const undo = catalog.undo;
  let affected = 0;
  let lastId: bigint | null = null;
  const hasFk = s.foreignKeys.length > 0;
  for (const values of rows) {
    if (values.length !== pos.length) {
      throw new SqlUsageError(
        `${values.length} values for ${pos.length} columns`,
      );
    }
    const row: Row = new Array(cols.length);
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i];
      const v = values[i];
      row[p] = v === null ? null : coerceColumn(v, cols[p], s.name);
    }
    for (let j = 0; j < missing.length; j++) {
      const d = defaults[j];
      const p = missing[j];
      row[p] = d
        ? coerceColumn(defaultFns![j]!([], ctx), cols[p], s.name)
        : null;
    }
    let id: bigint;
    if (rid >= 0 && row[rid] !== null) {
      const v = row[rid];
      if (typeof v !== "bigint") {
        throw new TypeMismatchError(v, "INTEGER", {
          column: `${s.name}.${cols[rid].name}`,
        });
      }
      id = v;
    } else {
      id = table.newRowid();
      if (rid >= 0) row[rid] = id;
    }
    if (!checkRow(table, row, catalog, ctx, options.or)) continue;
    // Conflicts: row id, then unique indexes.
    let skip = false;
    if (table.rows.has(id)) {
      if (options.or === "REPLACE") deleteRow(table, id, catalog, ctx, 0);
      else if (options.or === "IGNORE") skip = true;
      else {throw new ConstraintError(
          "PRIMARY KEY",
          `${s.name}.${cols[rid]?.name ?? "rowid"}`,
          id,
        );}
    }
    if (!skip) {
      for (const ix of table.indexes) {
        if (!ix.schema.unique) continue;
        const other = ix.conflict(row, null);
        if (other === null) continue;
        if (options.or === "REPLACE") deleteRow(table, other, catalog, ctx, 0);
        else if (options.or === "IGNORE") {
          skip = true;
          break;
        } else {
          const u = s.uniques.find((x) => x.index === ix.schema.name);
          const kind = u?.primary ? "PRIMARY KEY" : "UNIQUE";
          const vals = ix.columnPositions.map((p) => row[p]);
          throw new ConstraintError(
            kind,
            u?.name ?? ix.schema.name,
            vals.length === 1 ? vals[0] : renderRow(vals),
          );
        }
      }
    }
    if (skip) continue;
    if (hasFk) checkForeignKeys(table, row, catalog, null);
    table.bumpRowid(id, undo);
    table.insert(id, row, undo);
    affected++;
    lastId = id;
  }
  return { rowsAffected: affected, lastInsertId: lastId };
}

/**
 * INSERT statement (VALUES, SELECT or DEFAULT VALUES).
 *
 * @example
 * ```ts
 * // insertStatement(parseOne("INSERT INTO t VALUES (1)") as InsertStmt, catalog, ctx)
 * ```
 */
export function insertStatement(
  stmt: InsertStmt,
  catalog: Catalog,
  ctx: RunCtx,
): WriteResult {
  const table = catalog.table(stmt.table);
  let rows: Value[][];
  const src = stmt.source;
  if (src.kind === "values") {
    const env = envFor(catalog, new Scope(null));
    rows = src.rows.map((r) => r.map((e) => compileExpr(e, env)([], ctx)));
  } else if (src.kind === "select") {
    const q = new SelectCompiler(catalog).compile(src.select, new Scope(null));
    rows = [];
    q.run(ctx, (r) => void rows.push(r.slice()));
  } else {
    rows = [[]];
    return insertRows(table, [], rows, catalog, ctx, { or: stmt.or });
  }
  return insertRows(table, stmt.columns ?? null, rows, catalog, ctx, {
    or: stmt.or,
  });
}

/** Rows of `table` matching `where`, collected before any change. */
function matchRows(
  table: Table,
  alias: string | undefined,
  where: Expr | undefined,
  catalog: Catalog,
  ctx: RunCtx,
): [bigint, Row][] {
  const scope = tableScope(table, alias);
  const env = envFor(catalog, scope);
  const preds = conjuncts(where);
  const filters = preds.map((p) => compileExpr(p, env));
  const path = chooseAccessPath(table, {
    alias: (alias ?? table.schema.name).toLowerCase(),
    offset: 0,
    predicates: preds.filter((p) => !hasSubquery(p)),
    env,
    refsThis: (e) => refsTable(e, scope),
    refsRow: () => false,
  });
  const out: [bigint, Row][] = [];
  let sorted = true;
  path.scan([], ctx, (id, row) => {
    for (const f of filters) if (truthOf(f(row, ctx)) !== true) return;
    if (out.length && out[out.length - 1][0] > id) sorted = false;
    out.push([id, row]);
  });
  // Rows change in row id order whatever index found them, so constraint
  // checks (which run row by row, as in SQLite) do not depend on the plan.
  if (!sorted) out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out;
}

function refsTable(e: Expr, scope: Scope): boolean {
  if (hasSubquery(e)) return true;
  let found = false;
  const visit = (x: Expr) => {
    if (x.kind === "column") {
      try {
        if (scope.resolve(x.table, x.name).depth === 0) found = true;
      } catch {
        found = true;
      }
    }
  };
  import_walk(e, visit);
  return found;
}

import { walkExpr as import_walk } from "./expr_util.ts";

/**
 * UPDATE statement: WHERE and SET evaluated on the current state.
 *
 * @example
 * ```ts
 * // updateStatement(parseOne("UPDATE t SET a = a + 1 WHERE b > 2") as UpdateStmt, catalog, ctx)
 * ```
 */
export function updateStatement(
  stmt: UpdateStmt,
  catalog: Catalog,
  ctx: RunCtx,
): WriteResult {
  const table = catalog.table(stmt.table);
  const s = table.schema;
  const env = envFor(catalog, tableScope(table, stmt.alias));
  const sets = stmt.set.map((a) => {
    const i = table.columnIndex(a.column);
    if (i < 0) throw new UnknownColumnError(`${s.name}.${a.column}`);
    return { i, fn: compileExpr(a.value, env) };
  });
  const targets = matchRows(table, stmt.alias, stmt.where, catalog, ctx);
  const rid = s.rowidColumn;
  const children = hasChildren(table, catalog);
  let affected = 0;
  for (const [id, old] of targets) {
    const cur = table.rows.get(id);
    if (cur === undefined) continue;
    const row = cur.slice();
    for (const { i, fn } of sets) {
      const v = fn(cur, ctx);
      row[i] = v === null ? null : coerceColumn(v, s.columns[i], s.name);
    }
    let newId = id;
    if (rid >= 0) {
      const v = row[rid];
      // SQLite: the row id can be changed but never set to NULL.
      if (typeof v !== "bigint") {
        throw new TypeMismatchError(v, "INTEGER", {
          column: `${s.name}.${s.columns[rid].name}`,
        });
      } else newId = v;
    }
    if (!checkRow(table, row, catalog, ctx, stmt.or)) continue;
    let skip = false;
    if (newId !== id && table.rows.has(newId)) {
      if (stmt.or === "REPLACE") deleteRow(table, newId, catalog, ctx, 0);
      else if (stmt.or === "IGNORE") skip = true;
      else {throw new ConstraintError(
          "PRIMARY KEY",
          `${s.name}.${s.columns[rid].name}`,
          newId,
        );}
    }
    if (!skip) {
      for (const ix of table.indexes) {
        if (!ix.schema.unique) continue;
        const other = ix.conflict(row, id);
        if (other === null) continue;
        if (stmt.or === "REPLACE") deleteRow(table, other, catalog, ctx, 0);
        else if (stmt.or === "IGNORE") {
          skip = true;
          break;
        } else {
          const u = s.uniques.find((x) => x.index === ix.schema.name);
          const vals = ix.columnPositions.map((p) => row[p]);
          throw new ConstraintError(
            u?.primary ? "PRIMARY KEY" : "UNIQUE",
            u?.name ?? ix.schema.name,
            vals.length === 1 ? vals[0] : renderRow(vals),
          );
        }
      }
    }
    if (skip) continue;
    if (s.foreignKeys.length) checkForeignKeys(table, row, catalog, old);
    if (children) onParentChange(table, cur, row, catalog, ctx, 0);
    if (newId !== id) {
      table.delete(id, catalog.undo);
      table.bumpRowid(newId, catalog.undo);
      table.insert(newId, row, catalog.undo);
    } else {
      table.update(id, row, catalog.undo);
    }
    affected++;
  }
  return { rowsAffected: affected, lastInsertId: null };
}

/**
 * DELETE statement.
 *
 * @example
 * ```ts
 * // deleteStatement(parseOne("DELETE FROM t WHERE a <> 3") as DeleteStmt, catalog, ctx)
 * ```
 */
export function deleteStatement(
  stmt: DeleteStmt,
  catalog: Catalog,
  ctx: RunCtx,
): WriteResult {
  const table = catalog.table(stmt.table);
  const targets = matchRows(table, stmt.alias, stmt.where, catalog, ctx);
  let affected = 0;
  for (const [id] of targets) {
    if (!table.rows.has(id)) continue;
    deleteRow(table, id, catalog, ctx, 0);
    affected++;
  }
  return { rowsAffected: affected, lastInsertId: null };
}
