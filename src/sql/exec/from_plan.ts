/**
 * FROM clause planning and execution: sources in a left-deep chain of
 * joins, WHERE/ON predicates pushed to the lowest level where they are
 * correct, and per level an access path (index search, index nested loop),
 * a hash join, or a nested loop; LEFT/RIGHT/FULL outer joins with real
 * null-extension semantics.
 *
 * @module
 */
import type { Expr, FromItem, JoinType, SelectStmt } from "../parse/ast.ts";
import { SqlUsageError, UnknownTableError } from "../errors.ts";
import { formatExpr } from "../parse/mod.ts";
import { isSchemaTable, schemaSource } from "./schema_table.ts";
import type { Table } from "../storage/table.ts";
import {
  keyOf,
  parseNumericText,
  type Row,
  truthOf,
  type Value,
  valueToText,
} from "../value.ts";
import { type AccessPath, chooseAccessPath } from "./access_path.ts";
import {
  affinityOf,
  type CompiledSubquery,
  type CompileEnv,
  compileExpr,
} from "./compile_expr.ts";
import { conjuncts, hasSubquery, walkExpr } from "./expr_util.ts";
import type { Fn, RunCtx, Scope, ScopeColumn, ScopeSource } from "./scope.ts";

/**
 * A compiled query usable as a FROM source.
 *
 * @example
 * ```ts
 * // const q: SourceQuery = compiler.compile(select, scope);
 * ```
 */
export interface SourceQuery extends CompiledSubquery {
  columnTypes: (ScopeColumn["typeClass"])[];
}

/**
 * Compiles a SELECT used as a FROM item (a view / CTE, or a subquery).
 *
 * @example
 * ```ts
 * // const cs: CompileSource = (select, isView) => compiler.compile(select, new Scope(null));
 * ```
 */
export type CompileSource = (
  select: SelectStmt,
  isView: boolean,
) => SourceQuery;

interface Level {
  src: ScopeSource;
  type: JoinType;
  table: Table | null;
  query: SourceQuery | null;
  on: Expr[];
  /** Predicates that decide a match (inner: all placed; outer: ON). */
  match: Fn[];
  /** Predicates applied after null-extension (WHERE on outer levels). */
  post: Fn[];
  matchExprs: Expr[];
  postExprs: Expr[];
  access: AccessPath | null;
  hash:
    | { left: Fn; right: Fn; norm: (v: Value) => Value; label: string }
    | null;
  /** Filters on this source alone, used when materialising it. */
  local: Fn[];
  describe: string;
}

/**
 * The planned FROM clause.
 *
 * @example
 * ```ts
 * // plan.run(ctx, (row) => { ... }); plan.explain();
 * ```
 */
export interface FromPlan {
  levels: Level[];
  /** Runs the join; `emit` gets the combined row (do not keep it). */
  run(ctx: RunCtx, emit: (row: Row) => boolean | void): void;
  /** EXPLAIN lines. */
  explain(): string[];
  /** True when level 0 yields rows in the order ORDER BY wants. */
  ordered: boolean;
}

interface FlatItem {
  item: Exclude<FromItem, { kind: "join" }>;
  type: JoinType;
  on: Expr[];
  using: string[] | null;
  natural: boolean;
}

function flatten(
  from: FromItem,
  out: FlatItem[],
  type: JoinType,
  on: Expr | undefined,
  using: readonly string[] | undefined,
  natural: boolean,
): void {
  if (from.kind !== "join") {
    out.push({
      item: from,
      type,
      on: conjuncts(on),
      using: using ? [...using] : null,
      natural,
    });
    return;
  }
  flatten(from.left, out, type, on, using, natural);
  if (from.right.kind === "join") {
    if (from.type !== "INNER" && from.type !== "CROSS") {
      throw new SqlUsageError(
        "a parenthesised join on the right of an outer join is not supported",
      );
    }
    const inner: FlatItem[] = [];
    flatten(from.right, inner, from.type, undefined, undefined, false);
    out.push(...inner);
    out[out.length - 1].on.push(...conjuncts(from.on));
    return;
  }
  out.push({
    item: from.right,
    type: from.type,
    on: conjuncts(from.on),
    using: from.using ? [...from.using] : null,
    natural: from.natural,
  });
}

/**
 * Options of {@linkcode planFrom}.
 *
 * @example
 * ```ts
 * // planFrom(from, where, { env, compileSource, resolveNamed })
 * ```
 */
export interface PlanFromOptions {
  env: CompileEnv;
  compileSource: CompileSource;
  /** A CTE or view by name, or null. */
  resolveNamed: (
    name: string,
  ) => { select: SelectStmt; columns: string[] | null } | null;
  /** ORDER BY wish for level 0 (column positions in the table). */
  wantOrder?: (src: ScopeSource) => { columns: number[]; desc: boolean } | null;
}

function pos0() {
  return { line: 0, column: 0, offset: 0 };
}

/**
 * Builds the scope for `from` in `scope` and plans the joins with `where`.
 *
 * @example
 * ```ts
 * // const plan = planFrom(stmt.body.from, stmt.body.where, { env, compileSource });
 * ```
 */
export function planFrom(
  from: FromItem | undefined,
  where: Expr | undefined,
  options: PlanFromOptions,
): FromPlan {
  const { env } = options;
  const scope = env.scope;
  const flat: FlatItem[] = [];
  if (from) flatten(from, flat, "INNER", undefined, undefined, false);
  const levels: Level[] = [];
  for (const f of flat) {
    let table: Table | null = null, query: SourceQuery | null = null;
    let columns: ScopeColumn[];
    let alias: string;
    if (f.item.kind === "table") {
      const name = f.item.name;
      const view = options.resolveNamed(name);
      alias = f.item.alias ?? name;
      if (view) {
        query = options.compileSource(view.select, true);
        const names = view.columns ?? query.columns;
        columns = names.map((n, i) => ({
          name: n,
          typeClass: query!.columnTypes[i] ?? null,
        }));
      } else {
        table = env.catalog.findTable(name) ?? null;
        if (!table && isSchemaTable(name)) {
          query = schemaSource(env.catalog);
          columns = query.columns.map((n, i) => ({
            name: n,
            typeClass: query!.columnTypes[i] ?? null,
          }));
        } else {
          if (!table) throw new UnknownTableError(name);
          columns = table.schema.columns.map((c) => ({
            name: c.name,
            typeClass: c.typeClass,
          }));
        }
      }
    } else {
      query = options.compileSource(f.item.select, false);
      alias = f.item.alias ?? "";
      columns = query.columns.map((n, i) => ({
        name: n,
        typeClass: query!.columnTypes[i] ?? null,
      }));
    }
    if (alias && scope.hasSource(alias)) {
      throw new SqlUsageError(`ambiguous table name in FROM: ${alias}`);
    }
    const on = [...f.on];
    const prevSources = [...scope.sources];
    const src = scope.addSource(alias, table, columns);
    let using = f.using;
    if (f.natural) {
      using = columns.map((c) => c.name).filter((n) =>
        prevSources.some((s) =>
          s.columns.some((c) =>
            !c.hidden && c.name.toLowerCase() === n.toLowerCase()
          )
        )
      );
    }
    if (using) {
      for (const u of using) {
        const left = prevSources.find((s) =>
          s.columns.some((c) =>
            !c.hidden && c.name.toLowerCase() === u.toLowerCase()
          )
        );
        const ci = columns.findIndex((c) =>
          c.name.toLowerCase() === u.toLowerCase()
        );
        if (!left || ci < 0) {
          throw new SqlUsageError(
            `cannot join using column ${u} - column not present in both tables`,
          );
        }
        if (f.type !== "RIGHT" && f.type !== "FULL") {
          columns[ci] = { ...columns[ci], hidden: true };
        } else {
          const lc = left.columns.findIndex((c) =>
            c.name.toLowerCase() === u.toLowerCase()
          );
          left.columns[lc] = { ...left.columns[lc], hidden: true };
        }
        on.push({
          kind: "binary",
          pos: pos0(),
          op: "=",
          left: {
            kind: "column",
            pos: pos0(),
            table: left.alias || undefined,
            name: u,
          },
          right: {
            kind: "column",
            pos: pos0(),
            table: alias || undefined,
            name: u,
          },
        } as Expr);
      }
    }
    levels.push({
      src,
      type: levels.length === 0 ? "INNER" : f.type,
      table,
      query,
      on,
      match: [],
      post: [],
      matchExprs: [],
      postExprs: [],
      access: null,
      hash: null,
      local: [],
      describe: "",
    });
  }
  return finishPlan(levels, conjuncts(where), options);
}

function levelOfIndex(levels: Level[], index: number): number {
  for (let i = levels.length - 1; i >= 0; i--) {
    if (index >= levels[i].src.offset) return i;
  }
  return 0;
}

/** Levels an expression references (-1 when it has a subquery: treat as "all"). */
function refLevels(e: Expr, levels: Level[], scope: Scope): Set<number> | null {
  if (hasSubquery(e)) return null;
  const out = new Set<number>();
  walkExpr(e, (x) => {
    if (x.kind !== "column") return;
    const r = scope.resolve(x.table, x.name);
    if (r.depth === 0) out.add(levelOfIndex(levels, r.index));
  });
  return out;
}

function maxOf(s: Set<number> | null, all: number): number {
  if (s === null) return all;
  let m = 0;
  for (const v of s) if (v > m) m = v;
  return m;
}

function finishPlan(
  levels: Level[],
  where: Expr[],
  options: PlanFromOptions,
): FromPlan {
  const { env } = options;
  const scope = env.scope;
  const last = Math.max(0, levels.length - 1);
  const rightFullBefore = (k: number) => {
    let r = 0;
    for (let i = 1; i <= k && i < levels.length; i++) {
      if (levels[i].type === "RIGHT" || levels[i].type === "FULL") r = i;
    }
    return r;
  };
  const lastRightFull = rightFullBefore(last);
  const placed: Expr[][] = levels.map(() => []);
  const place = (e: Expr, floor: number) => {
    const refs = refLevels(e, levels, scope);
    const k = Math.max(maxOf(refs, last), floor);
    if (levels.length === 0) return;
    placed[Math.min(k, last)].push(e);
  };
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    if (lv.type === "INNER" || lv.type === "CROSS") {
      for (const e of lv.on) place(e, rightFullBefore(k));
    } else {
      lv.matchExprs.push(...lv.on);
    }
  }
  const constWhere: Expr[] = [];
  for (const e of where) {
    if (levels.length === 0) constWhere.push(e);
    else place(e, lastRightFull);
  }
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    if (lv.type === "INNER" || lv.type === "CROSS") {
      lv.matchExprs.push(...placed[k]);
    } else lv.postExprs.push(...placed[k]);
  }
  // Compile predicates and choose access paths / join methods.
  const refsLevel = (k: number) => (e: Expr) => {
    const r = refLevels(e, levels, scope);
    return r === null || r.has(k);
  };
  const refsLater = (k: number) => (e: Expr) => {
    const r = refLevels(e, levels, scope);
    return r === null || maxOf(r, last) >= k;
  };
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    lv.match = lv.matchExprs.map((e) => compileExpr(e, env));
    lv.post = lv.postExprs.map((e) => compileExpr(e, env));
    const localExprs = lv.matchExprs.filter((e) => {
      const r = refLevels(e, levels, scope);
      return r !== null && [...r].every((x) => x === k);
    });
    lv.local = lv.type === "RIGHT" || lv.type === "FULL"
      ? []
      : localExprs.map((e) => compileExpr(e, env));
    const name = lv.table ? lv.table.schema.name : "(subquery)";
    const prefix = k === 0
      ? ""
      : lv.type === "INNER" || lv.type === "CROSS"
      ? ""
      : `${lv.type} JOIN `;
    if (lv.table && lv.type !== "RIGHT" && lv.type !== "FULL") {
      const usable = lv.matchExprs.filter((e) => !hasSubquery(e));
      const path = chooseAccessPath(lv.table, {
        alias: lv.src.alias,
        offset: lv.src.offset,
        predicates: usable,
        env,
        refsThis: refsLevel(k),
        refsRow: (e) => {
          const r = refLevels(e, levels, scope);
          return r === null || [...r].some((x) => x < k);
        },
        wantOrder: k === 0 && options.wantOrder
          ? options.wantOrder(lv.src)
          : null,
      });
      lv.access = path;
      if (k > 0 && path.describe.startsWith("SCAN")) {
        lv.hash = findHash(lv, k, levels, env, refsLater);
      }
      lv.describe = prefix +
        (lv.hash ? `HASH JOIN ${name} (${lv.hash.label})` : path.describe);
    } else {
      if (k > 0) lv.hash = findHash(lv, k, levels, env, refsLater);
      const what = lv.table
        ? `SCAN ${name}`
        : `SCAN ${lv.src.alias ? "subquery " + lv.src.alias : "subquery"}`;
      lv.describe = prefix +
        (lv.hash
          ? `HASH JOIN ${lv.table ? name : "subquery"} (${lv.hash.label})`
          : (k > 0 ? "NESTED LOOP " : "") + what);
    }
  }
  const constFilters = constWhere.map((e) => compileExpr(e, env));
  const plan: FromPlan = {
    levels,
    ordered: levels.length === 1 && !!levels[0].access?.ordered &&
        !!levels[0].access.orderIndex ||
      (levels.length === 1 && !!levels[0].access &&
        levels[0].access.describe.startsWith("SCAN") &&
        levels[0].access.orderIndex === null),
    explain: () => levels.map((l) => l.describe),
    run: (ctx, emit) => runPlan(levels, scope.width, constFilters, ctx, emit),
  };
  return plan;
}

function findHash(
  lv: Level,
  k: number,
  levels: Level[],
  env: CompileEnv,
  refsLater: (k: number) => (e: Expr) => boolean,
): Level["hash"] {
  const scope = env.scope;
  for (const e of lv.matchExprs) {
    if (e.kind !== "binary" || e.op !== "=" || hasSubquery(e)) continue;
    const l = refLevels(e.left, levels, scope),
      r = refLevels(e.right, levels, scope);
    if (!l || !r || l.size === 0 || r.size === 0) continue;
    let leftE: Expr, rightE: Expr;
    if ([...r].every((x) => x === k) && !refsLater(k)(e.left)) {
      [leftE, rightE] = [e.left, e.right];
    } else if ([...l].every((x) => x === k) && !refsLater(k)(e.right)) {
      [leftE, rightE] = [e.right, e.left];
    } else continue;
    const la = affinityOf(leftE, env), ra = affinityOf(rightE, env);
    let norm: (v: Value) => Value = (v) => v;
    if (la === "numeric" || ra === "numeric") {
      if (la !== ra) {
        norm = (v) => (typeof v === "string" ? parseNumericText(v) ?? v : v);
      }
    } else if (
      (la === "text" && ra === "none") || (ra === "text" && la === "none")
    ) {
      {
        norm = (
          v,
        ) => (typeof v === "bigint" || typeof v === "number"
          ? valueToText(v)
          : v);
      }
    }
    return {
      left: compileExpr(leftE, env),
      right: compileExpr(rightE, env),
      norm,
      label: `${formatExpr(rightE)}=${formatExpr(leftE)}`,
    };
  }
  return null;
}

function allTrue(fs: Fn[], row: Row, ctx: RunCtx): boolean {
  for (let i = 0; i < fs.length; i++) {
    if (truthOf(fs[i](row, ctx)) !== true) return false;
  }
  return true;
}

function runPlan(
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
