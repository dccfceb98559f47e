/**
 * B-tree and row id access paths: full scans, row id point and range
 * lookups, and index searches by equality prefix plus one range.
 *
 * @module
 */
import type { BTreeIndex } from "../storage/btree_index.ts";
import { type IndexKey, KEY_MAX, KEY_MIN } from "../storage/key_compare.ts";
import type { Table } from "../storage/table.ts";
import {
  compareValues,
  keyOf,
  parseNumericText,
  type Row,
  type Value,
} from "../value.ts";
import type { AccessPath } from "./access_path.ts";
import type { ColumnPred } from "./_column_preds.ts";

export function fullScan(
  table: Table,
  label: string,
  desc: boolean,
  dependsOnRow: boolean,
): AccessPath {
  return {
    describe: `SCAN ${label}`,
    orderIndex: null,
    ordered: true,
    dependsOnRow,
    scan(_row, _ctx, cb) {
      if (desc) {
        for (const [id, r] of table.rows.entriesReversed()) {
          if (cb(id, r) === false) return;
        }
        return;
      }
      // forEach with a break value is the fastest walk sorted-btree offers.
      table.rows.forEachPair((
        id: bigint,
        r: Row,
      ) => (cb(id, r) === false ? { break: true } : undefined));
    },
  };
}

export function rowidKeys(vals: Value[]): bigint[] {
  const ids = new Set<bigint>();
  for (let v of vals) {
    if (typeof v === "string") v = parseNumericText(v) ?? v;
    if (typeof v === "bigint") ids.add(v);
    else if (typeof v === "number" && Number.isInteger(v)) ids.add(BigInt(v));
    else if (typeof v === "boolean") ids.add(v ? 1n : 0n);
  }
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function rowidRange(
  table: Table,
  range: ColumnPred[],
  label: string,
  dependsOnRow: boolean,
  desc: boolean,
): AccessPath {
  return {
    describe: `SEARCH ${label} USING INTEGER PRIMARY KEY (${
      range.map((p) => `rowid${p.op}?`).join(" AND ")
    })`,
    orderIndex: null,
    ordered: true,
    dependsOnRow,
    scan(row, ctx, cb) {
      let lo = -(2n ** 70n), hi = 2n ** 70n;
      for (const p of range) {
        let v = p.values[0](row, ctx);
        if (typeof v === "string") v = parseNumericText(v) ?? v;
        if (v === null) return;
        if (typeof v !== "bigint" && typeof v !== "number") {
          return scanAll(table, cb, desc);
        }
        if (typeof v === "number") {
          if (!Number.isFinite(v)) return scanAll(table, cb, desc);
          v = p.op === ">" || p.op === ">="
            ? BigInt(Math.floor(v))
            : BigInt(Math.ceil(v));
        }
        if (p.op === ">" || p.op === ">=") lo = v > lo ? v : lo;
        else hi = v < hi ? v : hi;
      }
      if (desc) {
        for (const [id, r] of table.rows.entriesReversed(hi)) {
          if (id < lo) return;
          if (cb(id, r) === false) return;
        }
        return;
      }
      for (const [id, r] of table.rows.entries(lo)) {
        if (id > hi) return;
        if (cb(id, r) === false) return;
      }
    },
  };
}

const STOP = { break: true };

export function scanAll(
  table: Table,
  cb: (rowid: bigint, row: Row) => boolean | void,
  desc: boolean,
): void {
  if (desc) {
    for (const [id, r] of table.rows.entriesReversed()) {
      if (cb(id, r) === false) return;
    }
    return;
  }
  // forEachPair allocates no [key, value] pair per row.
  table.rows.forEachPair((id, r) => (cb(id, r) === false ? STOP : undefined));
}

export function btreePath(
  ix: BTreeIndex,
  eq: ColumnPred[],
  range: ColumnPred[],
  label: string,
  colName: (i: number) => string,
  dependsOnRow: boolean,
): AccessPath {
  const parts = [
    ...eq.map((p) =>
      `${colName(p.column)}${p.op === "in" ? " IN (...)" : "=?"}`
    ),
    ...range.map((p) => `${colName(p.column)}${p.op}?`),
  ];
  const n = eq.length;
  const rangeDesc = n < ix.schema.columns.length && ix.schema.columns[n].desc;
  return {
    describe: `SEARCH ${label} USING ${
      ix.schema.unique ? "UNIQUE " : ""
    }INDEX ${ix.schema.name} (${parts.join(" AND ")})`,
    orderIndex: ix,
    ordered: !eq.some((p) => p.op === "in"),
    dependsOnRow,
    scan(row, ctx, cb) {
      // Equality prefixes: the cross product of IN lists (usually one).
      let prefixes: Value[][] = [[]];
      for (const p of eq) {
        const vals = p.values.map((f) => f(row, ctx)).filter((v) => v !== null);
        const uniq = new Map<string, Value>();
        for (const v of vals) uniq.set(keyOf(v), v);
        const next: Value[][] = [];
        for (const pre of prefixes) {
          for (const v of uniq.values()) next.push([...pre, v]);
        }
        prefixes = next;
        if (prefixes.length === 0) return;
      }
      let lo: Value | typeof KEY_MIN = null, loIncl = false;
      let hi: Value | typeof KEY_MAX = KEY_MAX, hiIncl = true;
      let loSet = false;
      for (const p of range) {
        const v = p.values[0](row, ctx);
        if (v === null) return;
        const isLow = (p.op === ">" || p.op === ">=") !== rangeDesc;
        const incl = p.op === ">=" || p.op === "<=";
        if (isLow) {
          if (!loSet || compareValues(v, lo as Value) > 0) {
            lo = v;
            loIncl = incl;
            loSet = true;
          }
        } else if (hi === KEY_MAX || compareValues(v, hi as Value) < 0) {
          hi = v;
          hiIncl = incl;
        }
      }
      const seen = prefixes.length > 1 ? new Set<bigint>() : null;
      for (const pre of prefixes) {
        let low: IndexKey, high: IndexKey;
        if (range.length === 0) {
          low = [...pre, KEY_MIN];
          high = [...pre, KEY_MAX];
        } else {
          // NULLs never satisfy a range: start after them when unbounded.
          low = loSet
            ? [...pre, lo, loIncl ? KEY_MIN : KEY_MAX]
            : [...pre, null, KEY_MAX];
          high = hi === KEY_MAX
            ? [...pre, KEY_MAX]
            : [...pre, hi, hiIncl ? KEY_MAX : KEY_MIN];
          if (rangeDesc && !loSet) low = [...pre, KEY_MIN];
          if (rangeDesc && hi === KEY_MAX) high = [...pre, null, KEY_MIN];
        }
        let stop = false;
        ix.scanRange(low, high, (id, r) => {
          if (seen) {
            if (seen.has(id)) return true;
            seen.add(id);
          }
          if (cb(id, r) === false) {
            stop = true;
            return false;
          }
          return true;
        });
        if (stop) return;
      }
    },
  };
}
