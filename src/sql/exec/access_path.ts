/**
 * Index selection for one base table: turns predicates of the form
 * `column OP expr` into an index search (equality / IN on a prefix, then a
 * range), a row id lookup, or a GIN candidate set. The chosen path yields
 * a superset of the matching rows; the predicates are still checked.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import type { BTreeIndex } from "../storage/btree_index.ts";
import type { GinColumnIndex } from "../storage/gin_column_index.ts";
import { type IndexKey, KEY_MAX, KEY_MIN } from "../storage/key_compare.ts";
import type { Table } from "../storage/table.ts";
import {
  compareValues,
  keyOf,
  parseNumericText,
  type Row,
  type Value,
  valueToText,
} from "../value.ts";
import { isExactForGin, queryParser, verifiedRowKey } from "./compile_fts.ts";
import { affinityOf, type CompileEnv, compileExpr } from "./compile_expr.ts";
import type { Fn, RunCtx } from "./scope.ts";

/** A predicate on one column of the table, with the other side compiled. */
interface ColumnPred {
  column: number;
  op: "=" | "<" | "<=" | ">" | ">=" | "in" | "@@";
  values: Fn[];
  /** SQL text of the other side, for EXPLAIN. */
  label: string;
  /** For `@@`: where to mark rows the index proved to match. */
  verifiedKey?: object;
}

/**
 * How a table's candidate rows are found.
 *
 * @example
 * ```ts
 * // path.scan(row, ctx, (rowid, r) => { ... });
 * ```
 */
export interface AccessPath {
  /** One EXPLAIN line, e.g. `SEARCH t USING INDEX i (a=?)`. */
  describe: string;
  /** Index (or null for the table's row order) whose order rows come in. */
  orderIndex: BTreeIndex | null;
  /** True when rows arrive in the order of `orderIndex` (or row id). */
  ordered: boolean;
  /** Calls `cb` for candidate rows; stops when it returns false. */
  scan(
    row: Row,
    ctx: RunCtx,
    cb: (rowid: bigint, row: Row) => boolean | void,
    reverse?: boolean,
  ): void;
  /** True when the path needs values from the current combined row. */
  dependsOnRow: boolean;
}

/**
 * Options of {@linkcode chooseAccessPath}.
 *
 * @example
 * ```ts
 * // chooseAccessPath(table, { alias: "t", offset: 0, predicates, env, refsThis, refsRow })
 * ```
 */
export interface AccessOptions {
  /** Source alias shown in EXPLAIN. */
  alias: string;
  /** Offset of the table's columns in the combined row. */
  offset: number;
  /** Predicates usable for the search (already restricted to this level). */
  predicates: Expr[];
  /** True when a predicate's other side may reference this position range only if < offset. */
  env: CompileEnv;
  /** Decides whether `e` references this table (so it cannot be a key). */
  refsThis: (e: Expr) => boolean;
  /** Whether `e` references sources at this level's combined row at all. */
  refsRow: (e: Expr) => boolean;
  /** Preferred order: column positions and direction, for ORDER BY. */
  wantOrder?: { columns: number[]; desc: boolean } | null;
}

function colOf(e: Expr, o: AccessOptions, table: Table): number {
  if (e.kind !== "column") return -1;
  if (e.table !== undefined && e.table.toLowerCase() !== o.alias) return -1;
  try {
    const r = o.env.scope.resolve(e.table, e.name);
    if (r.depth !== 0 || r.source.table !== table) return -1;
    if (r.source.offset !== o.offset) return -1;
    return r.index - o.offset;
  } catch {
    return -1;
  }
}

const FLIP: Record<string, ColumnPred["op"]> = {
  "=": "=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

/**
 * The column a GIN index could answer for a document expression: the
 * column itself, or `to_tsvector([english,] column)`.
 *
 * @example
 * ```ts
 * // ginTargetOf(parseExpr("to_tsvector('english', body)")).column.name === "body"
 * ```
 */
export function ginTargetOf(
  e: Expr,
): { column: Expr; viaFunction: boolean } | null {
  if (e.kind === "column") return { column: e, viaFunction: false };
  if (
    e.kind !== "call" || e.name.toLowerCase() !== "to_tsvector" || e.distinct ||
    e.star
  ) return null;
  const args = e.args;
  if (args.length === 1 && args[0].kind === "column") {
    return { column: args[0], viaFunction: true };
  }
  if (
    args.length === 2 && args[1].kind === "column" &&
    args[0].kind === "literal" &&
    typeof args[0].value === "string" &&
    args[0].value.toLowerCase() === "english"
  ) {
    return { column: args[1], viaFunction: true };
  }
  return null;
}

function keyConverter(
  table: Table,
  column: number,
  other: Expr,
  env: CompileEnv,
): (v: Value) => Value {
  const tc = table.schema.columns[column].typeClass;
  const numeric = tc === "integer" || tc === "real" || tc === "numeric" ||
    tc === "boolean";
  const text = tc === "text" || tc === "date" || tc === "timestamp";
  const oa = affinityOf(other, env);
  if (numeric && oa !== "numeric") {
    return (v) => (typeof v === "string" ? parseNumericText(v) ?? v : v);
  }
  if (text && oa === "none") {
    return (
      v,
    ) => (typeof v === "bigint" || typeof v === "number" ? valueToText(v) : v);
  }
  return (v) => v;
}

function extract(table: Table, o: AccessOptions): ColumnPred[] {
  const out: ColumnPred[] = [];
  for (const p of o.predicates) {
    if (p.kind === "binary" && p.op in FLIP) {
      let c = colOf(p.left, o, table),
        other = p.right,
        op = p.op as ColumnPred["op"];
      if (c < 0 || o.refsThis(other)) {
        c = colOf(p.right, o, table);
        other = p.left;
        op = FLIP[p.op];
        if (c < 0 || o.refsThis(other)) continue;
      }
      const f = compileExpr(other, o.env);
      const conv = keyConverter(table, c, other, o.env);
      out.push({
        column: c,
        op,
        values: [(r, x) => conv(f(r, x))],
        label: "?",
      });
    } else if (p.kind === "between" && !p.not) {
      const c = colOf(p.expr, o, table);
      if (c < 0 || o.refsThis(p.low) || o.refsThis(p.high)) continue;
      const lo = compileExpr(p.low, o.env), hi = compileExpr(p.high, o.env);
      const cl = keyConverter(table, c, p.low, o.env),
        ch = keyConverter(table, c, p.high, o.env);
      out.push({
        column: c,
        op: ">=",
        values: [(r, x) => cl(lo(r, x))],
        label: "?",
      });
      out.push({
        column: c,
        op: "<=",
        values: [(r, x) => ch(hi(r, x))],
        label: "?",
      });
    } else if (p.kind === "in_list" && !p.not) {
      const c = colOf(p.expr, o, table);
      if (c < 0 || p.list.some((x) => o.refsThis(x))) continue;
      const vals = p.list.map((x) => {
        const f = compileExpr(x, o.env),
          conv = keyConverter(table, c, x, o.env);
        return (r: Row, cx: RunCtx) => conv(f(r, cx));
      });
      out.push({ column: c, op: "in", values: vals, label: "?" });
    } else if (p.kind === "binary" && p.op === "@@") {
      // Either side may be the document: a column, or to_tsvector(column)
      // with the index's configuration.
      for (const [doc, query] of [[p.left, p.right], [p.right, p.left]]) {
        const target = ginTargetOf(doc);
        if (!target) continue;
        const c = colOf(target.column, o, table);
        if (c < 0 || o.refsThis(query)) continue;
        if (
          target.viaFunction && table.schema.columns[c].typeClass === "tsvector"
        ) continue;
        out.push({
          column: c,
          op: "@@",
          values: [compileExpr(query, o.env)],
          label: "?",
          verifiedKey: verifiedRowKey(o.env, p),
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Picks the cheapest way to find a table's candidate rows.
 *
 * @example
 * ```ts
 * // const path = chooseAccessPath(table, { alias: "t", offset: 0, predicates, env, refsThis, refsRow });
 * // path.describe === "SEARCH t USING INDEX t_a (a=?)"
 * ```
 */
export function chooseAccessPath(table: Table, o: AccessOptions): AccessPath {
  const preds = extract(table, o);
  const name = table.schema.name;
  const label = o.alias && o.alias !== name.toLowerCase()
    ? `${name} AS ${o.alias}`
    : name;
  const colName = (i: number) => table.schema.columns[i].name;
  const dependsOnRow = o.predicates.some((p) => o.refsRow(p));

  // Row id (INTEGER PRIMARY KEY) equality or IN.
  const rid = table.schema.rowidColumn;
  if (rid >= 0) {
    const p = preds.find((x) =>
      x.column === rid && (x.op === "=" || x.op === "in")
    );
    if (p) {
      return {
        describe: `SEARCH ${label} USING INTEGER PRIMARY KEY (rowid=?)`,
        orderIndex: null,
        ordered: p.op === "=",
        dependsOnRow,
        scan(row, ctx, cb) {
          if (p.values.length === 1) {
            // The hot point lookup: one key, no sorting or dedup.
            const v = p.values[0](row, ctx);
            const id = typeof v === "bigint" ? v : rowidKeys([v])[0];
            if (id === undefined) return;
            const r = table.rows.get(id);
            if (r !== undefined) cb(id, r);
            return;
          }
          const ids = rowidKeys(p.values.map((f) => f(row, ctx)));
          for (const id of ids) {
            const r = table.rows.get(id);
            if (r !== undefined && cb(id, r) === false) return;
          }
        },
      };
    }
  }

  // GIN search for @@.
  for (const p of preds) {
    if (p.op !== "@@") continue;
    const g = table.ginIndexes.find((x) => x.column === p.column);
    if (!g) continue;
    return ginPath(table, g, p, label, dependsOnRow);
  }

  // B-tree: longest equality prefix, then a range on the next column.
  let best: {
    ix: BTreeIndex;
    eq: ColumnPred[];
    range: ColumnPred[];
    score: number;
  } | null = null;
  for (const ix of table.indexes) {
    const eq: ColumnPred[] = [];
    let range: ColumnPred[] = [];
    for (const pos of ix.columnPositions) {
      const e = preds.find((x) =>
        x.column === pos &&
        (x.op === "=" || (x.op === "in" && eq.every((y) => y.op === "=")))
      );
      if (e) {
        eq.push(e);
        continue;
      }
      range = preds.filter((x) =>
        x.column === pos &&
        (x.op === "<" || x.op === "<=" || x.op === ">" || x.op === ">=")
      );
      break;
    }
    if (eq.length === 0 && range.length === 0) continue;
    let score = eq.length * 10 + (range.length ? 4 + range.length : 0);
    if (ix.schema.unique && eq.length === ix.columnPositions.length) {
      score += 50;
    }
    if (!best || score > best.score) best = { ix, eq, range, score };
  }
  if (rid >= 0 && (!best || best.eq.length === 0)) {
    const range = preds.filter((x) =>
      x.column === rid &&
      (x.op === "<" || x.op === "<=" || x.op === ">" || x.op === ">=")
    );
    if (range.length) {
      return rowidRange(
        table,
        range,
        label,
        dependsOnRow,
        o.wantOrder?.desc ?? false,
      );
    }
  }
  if (best) {
    return btreePath(
      best.ix,
      best.eq,
      best.range,
      label,
      colName,
      dependsOnRow,
    );
  }

  // An index that yields the wanted ORDER BY.
  const want = o.wantOrder;
  if (want && want.columns.length) {
    if (rid >= 0 && want.columns.length === 1 && want.columns[0] === rid) {
      return fullScan(table, label, want.desc, dependsOnRow);
    }
    for (const ix of table.indexes) {
      const cols = ix.columnPositions;
      if (want.columns.length > cols.length) continue;
      if (
        !want.columns.every((c, i) =>
          cols[i] === c && !ix.schema.columns[i].desc
        )
      ) continue;
      return {
        describe: `SCAN ${label} USING INDEX ${ix.schema.name}`,
        orderIndex: ix,
        ordered: true,
        dependsOnRow,
        scan(_row, _ctx, cb) {
          for (const [id, r] of ix.allRows(want.desc)) {
            if (cb(id, r) === false) return;
          }
        },
      };
    }
  }
  return fullScan(table, label, false, dependsOnRow);
}

function fullScan(
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

function rowidKeys(vals: Value[]): bigint[] {
  const ids = new Set<bigint>();
  for (let v of vals) {
    if (typeof v === "string") v = parseNumericText(v) ?? v;
    if (typeof v === "bigint") ids.add(v);
    else if (typeof v === "number" && Number.isInteger(v)) ids.add(BigInt(v));
    else if (typeof v === "boolean") ids.add(v ? 1n : 0n);
  }
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function rowidRange(
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

function scanAll(
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

function btreePath(
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

function ginPath(
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
