/**
 * ORDER BY and LIMIT/OFFSET support for compiled SELECTs: sort keys and
 * comparators (NOCASE aware), limits, and whether an access path already
 * yields the wanted order.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import { compareValues, keyOf, type Row, toNumeric } from "../value.ts";
import { asciiLower, isNocase } from "./compile_expr.ts";
import type { FromPlan } from "./from_plan.ts";
import type { Fn, RunCtx, ScopeSource } from "./scope.ts";

/** An ORDER BY key: `COLLATE NOCASE` sorts by the folded text. */
export function sortKey(e: Expr, f: Fn): Fn {
  if (!isNocase(e)) return f;
  return (r, c) => {
    const v = f(r, c);
    return typeof v === "string" ? asciiLower(v) : v;
  };
}

export function rowKeyN(r: Row, n: number): string {
  let k = "";
  for (let i = 0; i < n; i++) k += keyOf(r[i]) + "\u0001";
  return k;
}

export function compareRows(a: Row, b: Row): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

export function sortComparator(
  keys: { idx: number; desc: boolean; nulls?: "FIRST" | "LAST" }[],
): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.idx], y = b[k.idx];
      if (k.nulls && (x === null) !== (y === null)) {
        return (x === null) === (k.nulls === "FIRST") ? -1 : 1;
      }
      const c = compareValues(x, y);
      if (c) return k.desc ? -c : c;
    }
    return 0;
  };
}

export function limits(
  limit: Fn | null,
  offset: Fn | null,
  ctx: RunCtx,
): { lim: number; off: number } {
  const empty: Row = [];
  let lim = -1, off = 0;
  if (limit) {
    const v = toNumeric(limit(empty, ctx));
    if (v === null) throw new SqlUsageError("datatype mismatch in LIMIT");
    lim = Number(v);
    if (lim < 0) lim = -1;
  }
  if (offset) {
    const v = toNumeric(offset(empty, ctx));
    if (v === null) throw new SqlUsageError("datatype mismatch in OFFSET");
    off = Math.max(0, Number(v));
  }
  return { lim, off };
}

export function pathGivesOrder(
  plan: FromPlan,
  want: { src: ScopeSource; columns: number[]; desc: boolean },
): boolean {
  if (plan.levels.length !== 1) return false;
  const lv = plan.levels[0];
  const path = lv.access;
  if (!path || !lv.table || !path.ordered) return false;
  const rid = lv.table.schema.rowidColumn;
  if (path.orderIndex === null) {
    if (path.describe.includes("GIN")) return false;
    return want.columns.length === 1 && want.columns[0] === rid && rid >= 0 &&
      (!want.desc || path.describe.startsWith("SCAN") ||
        path.describe.includes("rowid<") || path.describe.includes("rowid>") ||
        path.describe.includes("rowid=?"));
  }
  const cols = path.orderIndex.columnPositions;
  if (want.columns.length > cols.length) return false;
  if (
    !want.columns.every((c, i) =>
      c === cols[i] && !path.orderIndex!.schema.columns[i].desc
    )
  ) return false;
  return !want.desc || path.describe.startsWith("SCAN");
}
