/**
 * INSERT: plans a table's column order and conflict handling once, then
 * writes rows with every constraint checked (OR REPLACE / OR IGNORE).
 *
 * @module
 */
import type { Expr, InsertStmt } from "../parse/ast.ts";
import {
  ConstraintError,
  SqlUsageError,
  TypeMismatchError,
} from "../errors.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { Table } from "../storage/table.ts";
import type { Row, Value } from "../value.ts";
import { compileExpr } from "./compile_expr.ts";
import { type Fn, type RunCtx, Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";
import {
  checkForeignKeys,
  checkRow,
  colPositions,
  deleteRow,
  uniqueConflictSkips,
} from "./_constraints.ts";
import { coerceColumn, envFor, type WriteResult } from "./dml.ts";

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
      skip = uniqueConflictSkips(table, row, null, options.or, catalog, ctx);
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
