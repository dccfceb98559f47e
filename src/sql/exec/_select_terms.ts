/**
 * Select-list and GROUP BY term helpers: star expansion, output and
 * group term resolution (by position or alias), aggregate detection, result
 * column types, and the full-text rank statistics hook.
 *
 * @module
 */
import type {
  Expr,
  OrderingTerm,
  ResultColumn,
  SelectBody,
  SelectCore,
} from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import type { Row } from "../value.ts";
import {
  type CorpusStats,
  corpusStatsOf,
  toTsvector,
  type TsVector,
} from "../fts/mod.ts";
import { typeClassOf } from "../column_type.ts";
import {
  type CompileEnv,
  compileExpr,
  isAggregateCall,
} from "./compile_expr.ts";
import { exprKey, walkExpr } from "./expr_util.ts";
import { ginTargetOf } from "./access_path.ts";
import type { RunCtx, Scope, ScopeColumn, ScopeSource } from "./scope.ts";
import { isTsVector } from "../value.ts";

export function firstCoreOf(body: SelectBody): SelectCore | null {
  if (body.kind === "select_core") return body;
  if (body.kind === "compound") return firstCoreOf(body.left);
  return null;
}

/** True when `e` has an aggregate call outside subqueries. */
export function containsAggregate(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === "call" && isAggregateCall(x)) found = true;
  });
  return found;
}

export function resolveGroupTerm(
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
export function resolveOutputTerm(
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

export function expandStars(
  cols: readonly ResultColumn[],
  scope: Scope,
): Item[] {
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

export function typeOfExpr(e: Expr, scope: Scope): ScopeColumn["typeClass"] {
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

/** Corpus statistics for ts_rank over the column(s) of one base table. */
export function rankStats(
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
