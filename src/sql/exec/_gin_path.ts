/**
 * GIN access path: candidate row ids from a GIN index for a full-text or
 * containment predicate.
 *
 * @module
 */
import type { GinColumnIndex } from "../storage/gin_column_index.ts";
import type { Table } from "../storage/table.ts";
import { isExactForGin, queryParser } from "./compile_fts.ts";
import { scanAll } from "./_btree_path.ts";
import type { AccessPath } from "./access_path.ts";
import type { ColumnPred } from "./_column_preds.ts";

export function ginPath(
  table: Table,
  g: GinColumnIndex,
  p: ColumnPred,
  label: string,
  dependsOnRow: boolean,
): AccessPath {
  // A text query is parsed with the index's configuration, which is the
  // document side's (ginTargetOf only accepts that one).
  const parse = queryParser(g.config);
  return {
    describe: `SEARCH ${label} USING GIN INDEX ${g.schema.name} (${
      table.schema.columns[p.column].name
    } @@ ?)`,
    orderIndex: null,
    ordered: false,
    dependsOnRow,
    scan(row, ctx, cb) {
      const qv = p.values[0](row, ctx);
      if (qv === null) return;
      const q = parse(qv);
      const cands = q ? g.gin.candidates(q) : null;
      if (cands === null) return scanAll(table, cb, false);
      const key = q && p.verifiedKey && isExactForGin(q) ? p.verifiedKey : null;
      const cache = ctx.cache, prev = key ? cache.get(key) : undefined;
      try {
        if (g.rowsByBigint.size === 0) {
          // Every id is a safe integer: sort and look up as doubles.
          const ids = new Float64Array(cands.size);
          let n = 0;
          for (const id of cands) ids[n++] = Number(id);
          ids.sort();
          for (let i = 0; i < n; i++) {
            const r = g.rowsByNumber.get(ids[i]);
            if (r === undefined) continue;
            // Every candidate matches: tell the compiled `@@` which row is
            // proved (the previous marker is restored for nested scans).
            if (key) cache.set(key, r);
            if (cb(BigInt(ids[i]), r) === false) return;
          }
          return;
        }
        const ids = new BigInt64Array(cands.size);
        let n = 0;
        for (const id of cands) ids[n++] = id;
        ids.sort();
        for (let i = 0; i < n; i++) {
          const r = g.rowOf(ids[i]);
          if (r === undefined) continue;
          if (key) cache.set(key, r);
          if (cb(ids[i], r) === false) return;
        }
      } finally {
        if (key) cache.set(key, prev);
      }
    },
  };
}
