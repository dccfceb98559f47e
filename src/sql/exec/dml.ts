/**
 * INSERT / UPDATE / DELETE with every constraint: NOT NULL, CHECK,
 * PRIMARY KEY / UNIQUE (with OR REPLACE / OR IGNORE), and FOREIGN KEY on
 * both sides (ON DELETE CASCADE / SET NULL / RESTRICT). UPDATE and DELETE
 * live here, INSERT in insert.ts (re-exported) and the per-row constraint
 * checks in _constraints.ts.
 *
 * @module
 */
import type { DeleteStmt, Expr, UpdateStmt } from "../parse/ast.ts";
import { coerceToType } from "../column_type.ts";
import {
  ConstraintError,
  TypeMismatchError,
  UnknownColumnError,
} from "../errors.ts";
import { formatTsvector, parseTsvector, type TsVector } from "../fts/mod.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { ColumnSchema } from "../storage/schema.ts";
import type { Table } from "../storage/table.ts";
import { type Row, truthOf, type Value } from "../value.ts";
import { chooseAccessPath } from "./access_path.ts";
import { type CompileEnv, compileExpr } from "./compile_expr.ts";
import { conjuncts, hasSubquery } from "./expr_util.ts";
import { type RunCtx, Scope } from "./scope.ts";
import { SelectCompiler } from "./select.ts";
import { walkExpr as import_walk } from "./expr_util.ts";
import {
  checkForeignKeys,
  checkRow,
  deleteRow,
  hasChildren,
  onParentChange,
  tableScope,
  uniqueConflictSkips,
} from "./_constraints.ts";
export { insertRows, insertStatement } from "./insert.ts";

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

/**
 * The compile environment for expressions of a write statement.
 *
 * @example
 * ```ts
 * // const env = envFor(catalog, scope);
 * ```
 */
export function envFor(catalog: Catalog, scope: Scope): CompileEnv {
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
      skip = uniqueConflictSkips(table, row, id, stmt.or, catalog, ctx);
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
