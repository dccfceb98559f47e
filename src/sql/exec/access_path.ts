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
import type { Table } from "../storage/table.ts";
import type { Row } from "../value.ts";
import type { CompileEnv } from "./compile_expr.ts";
import type { RunCtx } from "./scope.ts";
import { btreePath, fullScan, rowidKeys, rowidRange } from "./_btree_path.ts";
import { ginPath } from "./_gin_path.ts";
import { type ColumnPred, extract } from "./_column_preds.ts";

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
