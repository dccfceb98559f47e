/**
 * SELECT compilation: FROM/WHERE through the join planner, then grouping
 * and aggregates, projection, DISTINCT, ORDER BY (or an index that already
 * yields the order), LIMIT/OFFSET, compound operators and VALUES.
 *
 * @module
 */
import type {
  CallExpr,
  Expr,
  OrderingTerm,
  ResultColumn,
  SelectBody,
  SelectCore,
  SelectStmt,
} from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import type { Catalog } from "../storage/catalog.ts";
import {
  compareValues,
  keyOf,
  type Row,
  toNumeric,
  truthOf,
  type Value,
} from "../value.ts";
import {
  type CorpusStats,
  corpusStatsOf,
  toTsvector,
  type TsVector,
} from "../fts/mod.ts";
import { typeClassOf } from "../column_type.ts";
import { type AccumulatorFactory, aggregateFactory } from "./aggregates.ts";
import {
  type AggHook,
  asciiLower,
  type CompileEnv,
  compileExpr,
  isAggregateCall,
  isNocase,
} from "./compile_expr.ts";
import { exprKey, walkExpr } from "./expr_util.ts";
import { type FromPlan, planFrom, type SourceQuery } from "./from_plan.ts";
import { ginTargetOf } from "./access_path.ts";
import {
  type Fn,
  type RunCtx,
  Scope,
  type ScopeColumn,
  type ScopeSource,
} from "./scope.ts";
import { isTsVector } from "../value.ts";

/**
 * A compiled query.
 *
 * @example
 * ```ts
 * // const q: CompiledQuery = new SelectCompiler(catalog).compile(stmt, null); q.explain();
 * ```
 */
export interface CompiledQuery extends SourceQuery {
  /** EXPLAIN lines. */
  explain(): string[];
  /** True when it reads columns of an enclosing query. */
  correlated: boolean;
}

/**
 * Common table expressions visible while compiling.
 *
 * @example
 * ```ts
 * const m: CteMap = new Map();
 * ```
 */
export type CteMap = Map<
  string,
  { select: SelectStmt; columns: string[] | null }
>;

/**
 * Compiles SELECT statements against a catalog.
 *
 * @example
 * ```ts
 * // const q = new SelectCompiler(catalog).compile(parseOne("SELECT 1"), null);
 * // q.run(ctx, (row) => console.log(row));
 * ```
 */
export class SelectCompiler {
  readonly catalog: Catalog;
  ctes: CteMap = new Map();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  /** An environment for expressions over `scope`. */
  env(scope: Scope): CompileEnv {
    return {
      scope,
      catalog: this.catalog,
      agg: null,
      compileSubquery: (select, sc) => this.compile(select, new Scope(sc)),
      rankStats: (e, sc) => rankStats(e, sc),
    };
  }

  /** Compiles `stmt` with `scope` as its own (fresh) scope. */
  compile(stmt: SelectStmt, scope: Scope | null): CompiledQuery {
    // Views that (after DROP/CREATE) refer to each other, or absurdly deep
    // nesting, must fail as SQL errors, not overflow the stack.
    if (++this.depth > 60) {
      this.depth = 0;
      throw new SqlUsageError(
        "views or subqueries nested too deeply (or a view refers to itself)",
      );
    }
    try {
      return this.compileWith(stmt, scope);
    } finally {
      if (this.depth > 0) this.depth--;
    }
  }

  private depth = 0;

  private compileWith(stmt: SelectStmt, scope: Scope | null): CompiledQuery {
    const own = scope ?? new Scope(null);
    const savedCtes = this.ctes;
    if (stmt.with) {
      this.ctes = new Map(this.ctes);
      for (const c of stmt.with.ctes) {
        if (stmt.with.recursive) {
          throw new SqlUsageError(
            "recursive common table expressions are not supported",
          );
        }
        this.ctes.set(c.name.toLowerCase(), {
          select: c.select,
          columns: c.columns ? [...c.columns] : null,
        });
      }
    }
    try {
      return this.compileStmt(stmt, own);
    } finally {
      this.ctes = savedCtes;
    }
  }

  private compileStmt(stmt: SelectStmt, scope: Scope): CompiledQuery {
    const body = stmt.body;
    if (body.kind === "select_core") return this.compileCore(body, stmt, scope);
    const inner = this.compileBody(body, scope);
    return this.finishOrdered(inner, stmt, scope);
  }

  private compileBody(body: SelectBody, scope: Scope): CompiledQuery {
    switch (body.kind) {
      case "select_core":
        return this.compileCore(body, null, new Scope(scope.parent));
      case "values":
        return this.compileValues(body.rows, scope);
      case "compound":
        return this.compileCompound(
          body.op,
          this.compileBody(body.left, scope),
          this.compileBody(body.right, scope),
        );
    }
  }

  private compileValues(
    rows: readonly (readonly Expr[])[],
    scope: Scope,
  ): CompiledQuery {
    const env = this.env(scope);
    const fns = rows.map((r) => r.map((e) => compileExpr(e, env)));
    const n = rows[0]?.length ?? 0;
    return {
      columns: Array.from({ length: n }, (_, i) => `column${i + 1}`),
      columnTypes: Array.from({ length: n }, () => null),
      correlated: scope.correlated,
      explain: () => ["SCAN CONSTANT ROW"],
      run(ctx, emit) {
        const empty: Row = [];
        for (const r of fns) {
          if (emit(r.map((f) => f(empty, ctx))) === false) return;
        }
      },
    };
  }

  private compileCompound(
    op: string,
    left: CompiledQuery,
    right: CompiledQuery,
  ): CompiledQuery {
    if (left.columns.length !== right.columns.length) {
      throw new SqlUsageError(
        `SELECTs to the left and right of ${op} do not have the same number of result columns`,
      );
    }
    const rowKey = (r: Row) => r.map(keyOf).join("\u0001");
    return {
      columns: left.columns,
      columnTypes: left.columnTypes,
      correlated: left.correlated || right.correlated,
      explain: () => [
        "COMPOUND QUERY",
        ...left.explain().map((l) => "  " + l),
        `${op}`,
        ...right.explain().map((l) => "  " + l),
      ],
      run(ctx, emit) {
        if (op === "UNION ALL") {
          let stop = false;
          left.run(ctx, (r) => {
            if (emit(r) === false) stop = true;
            return !stop;
          });
          if (!stop) right.run(ctx, emit);
          return;
        }
        const seen = new Map<string, Row>();
        if (op === "UNION") {
          const add = (r: Row) => {
            const k = rowKey(r);
            if (!seen.has(k)) seen.set(k, r.slice());
          };
          left.run(ctx, add);
          right.run(ctx, add);
        } else {
          const rightKeys = new Set<string>();
          right.run(ctx, (r) => void rightKeys.add(rowKey(r)));
          left.run(ctx, (r) => {
            const k = rowKey(r);
            if (seen.has(k)) return;
            if ((op === "INTERSECT") === rightKeys.has(k)) {
              seen.set(k, r.slice());
            }
          });
        }
        // Set operations return rows in sorted order, as SQLite does.
        const rows = [...seen.values()].sort(compareRows);
        for (const r of rows) if (emit(r) === false) return;
      },
    };
  }

  /** ORDER BY / LIMIT over a compound or VALUES body. */
  private finishOrdered(
    inner: CompiledQuery,
    stmt: SelectStmt,
    scope: Scope,
  ): CompiledQuery {
    const env = this.env(new Scope(scope.parent));
    const firstCore = firstCoreOf(stmt.body);
    const keys = stmt.orderBy.map((t) => {
      const idx = resolveOutputTerm(t, inner.columns, firstCore?.columns ?? []);
      if (idx < 0) {
        throw new SqlUsageError(
          `ORDER BY term does not match any column in the result set`,
        );
      }
      return { idx, desc: t.direction === "DESC", nulls: t.nulls };
    });
    const limit = stmt.limit ? compileExpr(stmt.limit, env) : null;
    const offset = stmt.offset ? compileExpr(stmt.offset, env) : null;
    if (!keys.length && !limit && !offset) return inner;
    return {
      ...inner,
      explain: () => [
        ...inner.explain(),
        ...(keys.length ? ["USE TEMP B-TREE FOR ORDER BY"] : []),
      ],
      run(ctx, emit) {
        const { lim, off } = limits(limit, offset, ctx);
        const rows: Row[] = [];
        inner.run(ctx, (r) => void rows.push(r.slice()));
        if (keys.length) rows.sort(sortComparator(keys));
        let n = 0;
        for (let i = off; i < rows.length; i++) {
          if (lim >= 0 && n >= lim) return;
          n++;
          if (emit(rows[i]) === false) return;
        }
      },
    };
  }

  private compileCore(
    core: SelectCore,
    stmt: SelectStmt | null,
    scope: Scope,
  ): CompiledQuery {
    const env = this.env(scope);
    const orderBy = stmt?.orderBy ?? [];
    const isAgg = core.groupBy.length > 0 || !!core.having ||
      core.columns.some((c) =>
        c.expr.kind !== "star" && containsAggregate(c.expr)
      ) ||
      orderBy.some((t) => containsAggregate(t.expr));
    // Resolve FROM (adds sources to scope) before expanding stars.
    let wantInfo:
      | { src: ScopeSource; columns: number[]; desc: boolean }
      | null = null;
    const plan: FromPlan = planFrom(core.from, core.where, {
      env,
      compileSource: (select, isView) =>
        this.compile(select, new Scope(isView ? null : scope.parent)),
      resolveNamed: (name) => {
        const cte = this.ctes.get(name.toLowerCase());
        if (cte) return cte;
        const v = this.catalog.views.get(name.toLowerCase());
        return v ? { select: v.select, columns: v.columns } : null;
      },
      wantOrder: (src) => {
        if (isAgg || core.distinct || !orderBy.length || !src.table) {
          return null;
        }
        const cols: number[] = [];
        let desc: boolean | null = null;
        for (const t of orderBy) {
          if (t.expr.kind !== "column" || t.nulls) return null;
          const aliasHit = core.columns.some((c) =>
            c.alias?.toLowerCase() ===
              (t.expr as { name: string }).name.toLowerCase()
          );
          if (aliasHit) return null;
          const ci = src.columns.findIndex((c) =>
            c.name.toLowerCase() ===
              (t.expr as { name: string }).name.toLowerCase()
          );
          if (ci < 0) return null;
          const d = t.direction === "DESC";
          if (desc !== null && d !== desc) return null;
          desc = d;
          cols.push(ci);
        }
        wantInfo = { src, columns: cols, desc: !!desc };
        return { columns: cols, desc: !!desc };
      },
    });
    const items = expandStars(core.columns, scope);
    const columns = items.map((it) => it.name);
    const columnTypes = items.map((it) => typeOfExpr(it.expr, scope));
    let rowFns: Fn[];
    let hidden: Fn[] = [];
    const sortKeys: { idx: number; desc: boolean; nulls?: "FIRST" | "LAST" }[] =
      [];
    let groupRun:
      | ((ctx: RunCtx, emitGroup: (row: Row) => boolean | void) => void)
      | null = null;

    if (isAgg) {
      const groupFns = core.groupBy.map((g) => {
        // GROUP BY may name a result column alias or position.
        const resolved = resolveGroupTerm(g, core.columns, scope);
        return { key: exprKey(resolved), fn: compileExpr(resolved, env) };
      });
      const slotCount = { n: groupFns.length };
      const aggs: {
        slot: number;
        factory: AccumulatorFactory;
        args: Fn[];
        isMinMax: boolean;
      }[] = [];
      const bares: { slot: number; fn: Fn }[] = [];
      const hook: AggHook = {
        groupSlot: (key) => groupFns.findIndex((g) => g.key === key),
        addAggregate: (call: CallExpr) => {
          const factory = aggregateFactory(call.name, {
            argc: call.args.length,
            distinct: call.distinct,
            star: call.star,
          });
          const args = call.args.map((a) => {
            if (containsAggregate(a)) {
              throw new SqlUsageError(
                `misuse of aggregate function ${call.name}()`,
              );
            }
            return compileExpr(a, env);
          });
          const slot = slotCount.n++;
          const n = call.name.toLowerCase();
          aggs.push({
            slot,
            factory,
            args,
            isMinMax: (n === "min" || n === "max") && !call.distinct,
          });
          return slot;
        },
        addBare: (fn) => {
          const slot = slotCount.n++;
          bares.push({ slot, fn });
          return slot;
        },
      };
      const aggEnv: CompileEnv = { ...env, agg: hook };
      rowFns = items.map((it) => compileExpr(it.expr, aggEnv));
      const having = core.having ? compileExpr(core.having, aggEnv) : null;
      for (const t of orderBy) {
        const idx = isNocase(t.expr)
          ? -1
          : resolveOutputTerm(t, columns, core.columns, true);
        if (idx >= 0) {
          sortKeys.push({ idx, desc: t.direction === "DESC", nulls: t.nulls });
        } else {
          hidden.push(sortKey(t.expr, compileExpr(t.expr, aggEnv)));
          sortKeys.push({
            idx: items.length + hidden.length - 1,
            desc: t.direction === "DESC",
            nulls: t.nulls,
          });
        }
      }
      const hasGroupBy = groupFns.length > 0;
      groupRun = (ctx, emitGroup) => {
        interface Group {
          row: Row;
          accs: import("./aggregates.ts").Accumulator[];
          seen?: boolean;
        }
        const minmax = aggs.findIndex((a) => a.isMinMax);
        const groups = new Map<string, Group>();
        const newGroup = (keyVals: Value[]): Group => {
          const row: Row = new Array(slotCount.n).fill(null);
          for (let i = 0; i < keyVals.length; i++) row[i] = keyVals[i];
          return { row, accs: aggs.map((a) => a.factory()) };
        };
        // Argument buffers are reused: accumulators never keep them.
        const argBufs = aggs.map((a) => new Array<Value>(a.args.length));
        const nKeys = groupFns.length;
        let single: Group | null = null;
        plan.run(ctx, (r) => {
          let g: Group | undefined;
          if (nKeys === 0) {
            g = single ??= newGroup([]);
          } else {
            let key = "";
            const keyVals: Value[] = new Array(nKeys);
            for (let i = 0; i < nKeys; i++) {
              const v = groupFns[i].fn(r, ctx);
              keyVals[i] = v;
              key += keyOf(v) + "\u0001";
            }
            g = groups.get(key);
            if (!g) {
              g = newGroup(keyVals);
              groups.set(key, g);
            }
          }
          for (let i = 0; i < aggs.length; i++) {
            const a = aggs[i];
            const vals = argBufs[i];
            for (let j = 0; j < vals.length; j++) vals[j] = a.args[j](r, ctx);
            g.accs[i].step(vals);
          }
          // Bare columns come from the group's first row, or with min()/max()
          // from the row that holds the extreme value (SQLite's rule).
          if (bares.length) {
            const take = !g.seen ||
              (minmax >= 0 &&
                (g.accs[minmax] as { changed?: boolean }).changed);
            g.seen = true;
            if (take) { for (const b of bares) g.row[b.slot] = b.fn(r, ctx); }
          }
        });
        if (single) groups.set("", single);
        if (!hasGroupBy && groups.size === 0) groups.set("", newGroup([]));
        for (const g of groups.values()) {
          for (let i = 0; i < aggs.length; i++) {
            g.row[aggs[i].slot] = g.accs[i].result();
          }
          if (having && truthOf(having(g.row, ctx)) !== true) continue;
          if (emitGroup(g.row) === false) return;
        }
      };
    } else {
      rowFns = items.map((it) => compileExpr(it.expr, env));
      for (const t of orderBy) {
        const idx = isNocase(t.expr)
          ? -1
          : resolveOutputTerm(t, columns, core.columns, false);
        if (idx >= 0) {
          sortKeys.push({ idx, desc: t.direction === "DESC", nulls: t.nulls });
        } else {
          hidden.push(sortKey(t.expr, compileExpr(t.expr, env)));
          sortKeys.push({
            idx: items.length + hidden.length - 1,
            desc: t.direction === "DESC",
            nulls: t.nulls,
          });
        }
      }
    }
    const limitEnv = this.env(new Scope(scope.parent));
    const limit = stmt?.limit ? compileExpr(stmt.limit, limitEnv) : null;
    const offset = stmt?.offset ? compileExpr(stmt.offset, limitEnv) : null;
    const ncols = rowFns.length;
    const allFns = [...rowFns, ...hidden];
    const distinct = core.distinct;
    const info = wantInfo as {
      src: ScopeSource;
      columns: number[];
      desc: boolean;
    } | null;
    const presorted = !isAgg && sortKeys.length > 0 && info !== null &&
      pathGivesOrder(plan, info);
    if (!sortKeys.length) hidden = [];
    const needSort = sortKeys.length > 0 && !presorted;
    const explainLines = () => {
      const lines = [...plan.explain()];
      if (isAgg && core.groupBy.length) {
        lines.push("USE TEMP B-TREE FOR GROUP BY");
      }
      if (distinct) lines.push("USE TEMP B-TREE FOR DISTINCT");
      if (needSort) lines.push("USE TEMP B-TREE FOR ORDER BY");
      else if (sortKeys.length) lines.push("ORDER BY SATISFIED BY INDEX");
      return lines;
    };
    const project = (r: Row, ctx: RunCtx): Row => {
      const out: Row = new Array(allFns.length);
      for (let i = 0; i < allFns.length; i++) out[i] = allFns[i](r, ctx);
      return out;
    };
    const source = groupRun ??
      ((ctx: RunCtx, e: (row: Row) => boolean | void) => plan.run(ctx, e));
    const cmp = needSort ? sortComparator(sortKeys) : null;
    return {
      columns,
      columnTypes,
      get correlated() {
        return scope.correlated;
      },
      explain: explainLines,
      run(ctx, emit) {
        const { lim, off } = limits(limit, offset, ctx);
        if (lim === 0) return;
        const seen = distinct ? new Set<string>() : null;
        if (!cmp) {
          let skipped = 0, n = 0;
          source(ctx, (r) => {
            const out = project(r, ctx);
            if (seen) {
              const k = rowKeyN(out, ncols);
              if (seen.has(k)) return true;
              seen.add(k);
            }
            if (skipped < off) {
              skipped++;
              return true;
            }
            n++;
            const res = emit(out.length === ncols ? out : out.slice(0, ncols));
            return !(res === false || (lim >= 0 && n >= lim));
          });
          return;
        }
        const rows: Row[] = [];
        source(ctx, (r) => {
          const out = project(r, ctx);
          if (seen) {
            const k = rowKeyN(out, ncols);
            if (seen.has(k)) return;
            seen.add(k);
          }
          rows.push(out);
        });
        rows.sort(cmp);
        let n = 0;
        for (let i = off; i < rows.length; i++) {
          if (lim >= 0 && n >= lim) return;
          n++;
          const out = rows[i];
          if (
            emit(out.length === ncols ? out : out.slice(0, ncols)) === false
          ) return;
        }
      },
    };
  }
}

/** An ORDER BY key: `COLLATE NOCASE` sorts by the folded text. */
function sortKey(e: Expr, f: Fn): Fn {
  if (!isNocase(e)) return f;
  return (r, c) => {
    const v = f(r, c);
    return typeof v === "string" ? asciiLower(v) : v;
  };
}

function rowKeyN(r: Row, n: number): string {
  let k = "";
  for (let i = 0; i < n; i++) k += keyOf(r[i]) + "\u0001";
  return k;
}

function compareRows(a: Row, b: Row): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

function sortComparator(
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

function limits(
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

function firstCoreOf(body: SelectBody): SelectCore | null {
  if (body.kind === "select_core") return body;
  if (body.kind === "compound") return firstCoreOf(body.left);
  return null;
}

/** True when `e` has an aggregate call outside subqueries. */
function containsAggregate(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === "call" && isAggregateCall(x)) found = true;
  });
  return found;
}

function resolveGroupTerm(
  g: Expr,
  cols: readonly ResultColumn[],
  scope: Scope,
): Expr {
  if (g.kind === "literal" && typeof g.value === "bigint") {
    const i = Number(g.value) - 1;
    if (i < 0 || i >= cols.length || cols[i].expr.kind === "star") {
      throw new SqlUsageError(
        `GROUP BY term out of range - should be between 1 and ${cols.length}`,
      );
    }
    return cols[i].expr;
  }
  if (g.kind === "column" && g.table === undefined) {
    // A real column of that name wins over a result alias (SQLite).
    try {
      if (scope.lookupLocal(undefined, g.name)) return g;
    } catch {
      return g;
    }
    const hit = cols.find((c) =>
      c.alias && c.alias.toLowerCase() === g.name.toLowerCase()
    );
    if (
      hit &&
      !(hit.expr.kind === "column" &&
        hit.expr.name.toLowerCase() === g.name.toLowerCase())
    ) {
      return hit.expr;
    }
  }
  return g;
}

/**
 * The output column an ORDER BY term names (position, alias, or the same
 * expression), or -1.
 */
function resolveOutputTerm(
  t: OrderingTerm,
  names: string[],
  cols: readonly ResultColumn[],
  _agg = false,
): number {
  const e = t.expr;
  if (e.kind === "literal" && typeof e.value === "bigint") {
    const i = Number(e.value) - 1;
    if (i < 0 || i >= names.length) {
      throw new SqlUsageError(
        `ORDER BY term out of range - should be between 1 and ${names.length}`,
      );
    }
    return i;
  }
  if (e.kind === "column" && e.table === undefined) {
    const n = e.name.toLowerCase();
    const i = cols.findIndex((c) => c.alias?.toLowerCase() === n);
    if (i >= 0 && !cols.some((c) => c.expr.kind === "star")) return i;
  }
  if (!cols.some((c) => c.expr.kind === "star")) {
    const k = exprKey(e);
    const i = cols.findIndex((c) => exprKey(c.expr) === k);
    if (i >= 0) return i;
  }
  if (e.kind === "column" && e.table === undefined && cols.length === 0) {
    const i = names.findIndex((n) => n.toLowerCase() === e.name.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

interface Item {
  name: string;
  expr: Expr;
}

function expandStars(cols: readonly ResultColumn[], scope: Scope): Item[] {
  const out: Item[] = [];
  for (const c of cols) {
    if (c.expr.kind !== "star") {
      out.push({
        name: c.alias ?? (c.expr.kind === "column" ? c.expr.name : c.text),
        expr: c.expr,
      });
      continue;
    }
    const t = c.expr.table?.toLowerCase();
    if (t !== undefined && !scope.hasSource(t)) {
      throw new SqlUsageError(`no such table: ${c.expr.table}`);
    }
    if (scope.sources.length === 0) {
      throw new SqlUsageError("no tables specified");
    }
    for (const src of scope.sources) {
      if (t !== undefined && src.alias !== t) continue;
      src.columns.forEach((col) => {
        if (col.hidden && t === undefined) return;
        out.push({
          name: col.name,
          expr: {
            kind: "column",
            pos: c.pos,
            table: src.alias || undefined,
            name: col.name,
          } as Expr,
        });
      });
    }
  }
  return out;
}

function typeOfExpr(e: Expr, scope: Scope): ScopeColumn["typeClass"] {
  if (e.kind === "column") {
    try {
      return scope.resolve(e.table, e.name).column.typeClass;
    } catch {
      return null;
    }
  }
  if (e.kind === "cast") return typeClassOf(e.type.name);
  return null;
}

function pathGivesOrder(
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

/** Corpus statistics for ts_rank over the column(s) of one base table. */
function rankStats(
  e: Expr,
  scope: Scope,
): ((ctx: RunCtx) => CorpusStats) | null {
  let src: ScopeSource | null = null;
  let ok = true;
  walkExpr(e, (x) => {
    if (x.kind !== "column") return;
    try {
      const r = scope.resolve(x.table, x.name);
      if (r.depth !== 0 || !r.source.table || (src && src !== r.source)) {
        ok = false;
      }
      src = r.source;
    } catch {
      ok = false;
    }
  });
  const s = src as ScopeSource | null;
  if (!ok || !s || !s.table) return null;
  const table = s.table;
  // A GIN index over exactly these vectors already has the statistics.
  const target = ginTargetOf(e);
  if (target && target.column.kind === "column") {
    const ci = table.columnIndex(target.column.name);
    const tc = table.schema.columns[ci]?.typeClass;
    const g = table.ginIndexes.find((x) =>
      x.column === ci && x.config === "english"
    );
    if (g && (tc === "tsvector" ? !target.viaFunction : tc === "text")) {
      return () => g.gin;
    }
  }
  const key = { rankStats: e };
  return (ctx) => {
    const hit = ctx.cache.get(key) as CorpusStats | undefined;
    if (hit) return hit;
    const env: CompileEnv = {
      scope,
      catalog: ctx.catalog,
      compileSubquery: () => {
        throw new SqlUsageError("subquery in ts_rank vector");
      },
    };
    const fn = compileExpr(e, env);
    const buf: Row = new Array(scope.width).fill(null);
    const vectors: TsVector[] = [];
    for (const [, row] of table.rows.entries()) {
      for (let i = 0; i < row.length; i++) buf[s.offset + i] = row[i];
      const v = fn(buf, ctx);
      if (v === null) continue;
      if (isTsVector(v)) vectors.push(v as TsVector);
      else if (typeof v === "string") vectors.push(toTsvector(v));
    }
    const stats = corpusStatsOf(vectors);
    ctx.cache.set(key, stats);
    return stats;
  };
}
