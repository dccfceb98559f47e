/**
 * Compiles one SELECT core: FROM planning, WHERE, GROUP BY with
 * aggregates, HAVING, the select list, and ORDER BY / LIMIT.
 *
 * @module
 */
import type { CallExpr, SelectCore, SelectStmt } from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import { keyOf, type Row, truthOf, type Value } from "../value.ts";
import { type AccumulatorFactory, aggregateFactory } from "./aggregates.ts";
import {
  type AggHook,
  type CompileEnv,
  compileExpr,
  isNocase,
} from "./compile_expr.ts";
import { exprKey } from "./expr_util.ts";
import { type FromPlan, planFrom } from "./from_plan.ts";
import { type Fn, type RunCtx, Scope, type ScopeSource } from "./scope.ts";
import {
  limits,
  pathGivesOrder,
  rowKeyN,
  sortComparator,
  sortKey,
} from "./_ordering.ts";
import {
  containsAggregate,
  expandStars,
  resolveGroupTerm,
  resolveOutputTerm,
  typeOfExpr,
} from "./_select_terms.ts";
import type { CompiledQuery, SelectCompiler } from "./select.ts";

/**
 * Compiles one SELECT core (FROM, WHERE, GROUP BY, HAVING, the select
 * list, and ORDER BY/LIMIT when `stmt` is given) for `sc`.
 */
export function compileCore(
  sc: SelectCompiler,
  core: SelectCore,
  stmt: SelectStmt | null,
  scope: Scope,
): CompiledQuery {
  const env = sc.env(scope);
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
      sc.compile(select, new Scope(isView ? null : scope.parent)),
    resolveNamed: (name) => {
      const cte = sc.ctes.get(name.toLowerCase());
      if (cte) return cte;
      const v = sc.catalog.views.get(name.toLowerCase());
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
  const limitEnv = sc.env(new Scope(scope.parent));
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
