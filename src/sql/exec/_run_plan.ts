/**
 * Runs a finished FROM plan: nested loops over the join levels with
 * per-level filters, hash joins, and null-extension for outer joins.
 *
 * @module
 */
import { keyOf, type Row, truthOf } from "../value.ts";
import type { Fn, RunCtx } from "./scope.ts";
import type { Level } from "./from_plan.ts";

function allTrue(fs: Fn[], row: Row, ctx: RunCtx): boolean {
  for (let i = 0; i < fs.length; i++) {
    if (truthOf(fs[i](row, ctx)) !== true) return false;
  }
  return true;
}

export function runPlan(
  levels: Level[],
  width: number,
  constFilters: Fn[],
  ctx: RunCtx,
  emit: (row: Row) => boolean | void,
): void {
  const empty: Row = [];
  if (!allTrue(constFilters, empty, ctx)) return;
  if (levels.length === 0) {
    emit(empty);
    return;
  }
  // Fast path: one base table, rows passed through without copying.
  if (levels.length === 1 && levels[0].table && levels[0].access) {
    const lv = levels[0];
    const match = lv.match;
    lv.access!.scan(empty, ctx, (_id, row) => {
      if (match.length && !allTrue(match, row, ctx)) return;
      return emit(row);
    });
    return;
  }
  const buf: Row = new Array(width).fill(null);
  let stopped = false;
  const materialized: (Row[] | null)[] = levels.map(() => null);
  const hashes: (Map<string, number[]> | null)[] = levels.map(() => null);
  const matched: (Uint8Array | null)[] = levels.map(() => null);

  const materialize = (k: number): Row[] => {
    let rows = materialized[k];
    if (rows) return rows;
    const lv = levels[k];
    rows = [];
    const off = lv.src.offset, n = lv.src.columns.length;
    const take = (row: Row) => {
      if (lv.local.length) {
        for (let i = 0; i < n; i++) buf[off + i] = row[i];
        if (!allTrue(lv.local, buf, ctx)) return;
      }
      rows!.push(row);
    };
    if (lv.table) {
      lv.table.rows.forEachPair((_id: bigint, row: Row) => void take(row));
    } else lv.query!.run(ctx, (row) => void take(row.slice()));
    materialized[k] = rows;
    if (lv.type === "RIGHT" || lv.type === "FULL") {
      matched[k] = new Uint8Array(rows.length);
    }
    if (lv.hash) {
      const h = new Map<string, number[]>();
      for (let i = 0; i < rows.length; i++) {
        for (let j = 0; j < n; j++) buf[off + j] = rows[i][j];
        const v = lv.hash.right(buf, ctx);
        if (v === null) continue;
        const key = keyOf(lv.hash.norm(v));
        const list = h.get(key);
        if (list) list.push(i);
        else h.set(key, [i]);
      }
      hashes[k] = h;
    }
    return rows;
  };

  const next = (k: number): void => {
    if (stopped) return;
    if (k === levels.length) {
      if (emit(buf) === false) stopped = true;
      return;
    }
    const lv = levels[k];
    const off = lv.src.offset, n = lv.src.columns.length;
    let any = false;
    const consider = (row: Row, idx: number): boolean | void => {
      for (let i = 0; i < n; i++) buf[off + i] = row[i];
      if (!allTrue(lv.match, buf, ctx)) return;
      any = true;
      const m = matched[k];
      if (m && idx >= 0) m[idx] = 1;
      if (lv.post.length && !allTrue(lv.post, buf, ctx)) return;
      next(k + 1);
      if (stopped) return false;
    };
    if (lv.hash) {
      const rows = materialize(k);
      const v = lv.hash.left(buf, ctx);
      if (v !== null) {
        const list = hashes[k]!.get(keyOf(lv.hash.norm(v)));
        if (list) {
          for (const i of list) if (consider(rows[i], i) === false) return;
        }
      }
    } else if (
      lv.access &&
      (k === 0 || lv.access.dependsOnRow ||
        !lv.access.describe.startsWith("SCAN"))
    ) {
      lv.access.scan(buf, ctx, (_id, row) => consider(row, -1));
    } else {
      const rows = materialize(k);
      for (let i = 0; i < rows.length; i++) {
        if (consider(rows[i], i) === false) return;
      }
    }
    if (stopped) return;
    if (!any && (lv.type === "LEFT" || lv.type === "FULL")) {
      for (let i = 0; i < n; i++) buf[off + i] = null;
      if (lv.post.length && !allTrue(lv.post, buf, ctx)) return;
      next(k + 1);
    }
  };
  next(0);
  // Unmatched rows of RIGHT / FULL joins, with everything to their left NULL.
  for (let k = 1; k < levels.length && !stopped; k++) {
    const lv = levels[k];
    if (lv.type !== "RIGHT" && lv.type !== "FULL") continue;
    const rows = materialize(k);
    const m = matched[k]!;
    const off = lv.src.offset, n = lv.src.columns.length;
    for (let i = 0; i < rows.length && !stopped; i++) {
      if (m[i]) continue;
      for (let j = 0; j < off; j++) buf[j] = null;
      for (let j = 0; j < n; j++) buf[off + j] = rows[i][j];
      for (let j = off + n; j < width; j++) buf[j] = null;
      if (lv.post.length && !allTrue(lv.post, buf, ctx)) continue;
      next(k + 1);
    }
  }
}
