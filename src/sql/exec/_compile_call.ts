/**
 * Function calls for the expression compiler: aggregates through the
 * aggregate hook, scalar functions (constant-folded when their arguments
 * are row independent) and the full-text rank functions.
 *
 * @module
 */
import type { CallExpr, Expr } from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import { truthOf, type Value } from "../value.ts";
import { compileRankFn } from "./compile_fts.ts";
import type { Fn } from "./scope.ts";
import { scalarFunction } from "./functions.ts";
import { walkExpr } from "./expr_util.ts";
import { type CompileEnv, compileExpr } from "./compile_expr.ts";

const AGGREGATES = new Set([
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "total",
  "group_concat",
  "string_agg",
]);

/**
 * True when a call is an aggregate (min/max with one argument are).
 *
 * @example
 * ```ts
 * // isAggregateCall(parseExpr("count(*)")) === true
 * ```
 */
export function isAggregateCall(e: CallExpr): boolean {
  const n = e.name.toLowerCase();
  if (!AGGREGATES.has(n)) return false;
  if ((n === "min" || n === "max") && e.args.length > 1) return false;
  return true;
}

/** True when `e` reads no row and no subquery (its value is fixed per execution). */
function isRowIndependent(e: Expr): boolean {
  let ok = true;
  walkExpr(e, (x) => {
    if (
      x.kind === "column" || x.kind === "star" || x.kind === "subquery" ||
      x.kind === "exists" || x.kind === "in_select"
    ) {
      ok = false;
    }
    if (
      x.kind === "call" &&
      (x.name.toLowerCase() === "random" || isAggregateCall(x))
    ) ok = false;
  });
  return ok;
}

export function compileCall(e: CallExpr, env: CompileEnv): Fn {
  const f = compileCallInner(e, env);
  if (e.args.length === 0 || !isRowIndependent(e)) return f;
  // e.g. to_tsquery(?) in a WHERE: compute it once per execution, not per row.
  const key = { constant: e };
  return (r, c) => {
    const cache = c.cache;
    if (cache.has(key)) return cache.get(key) as Value;
    const v = f(r, c);
    cache.set(key, v);
    return v;
  };
}

function compileCallInner(e: CallExpr, env: CompileEnv): Fn {
  const name = e.name.toLowerCase();
  if (isAggregateCall(e)) {
    throw new SqlUsageError(`misuse of aggregate function ${e.name}()`);
  }
  if (name === "ts_rank" || name === "ts_rank_cd") return compileRank(e, env);
  const args = e.args.map((a) => compileExpr(a, env));
  if (name === "coalesce" || name === "ifnull") {
    return (r, c) => {
      for (const a of args) {
        const v = a(r, c);
        if (v !== null) return v;
      }
      return null;
    };
  }
  if (name === "iif") {
    if (args.length !== 3) {
      throw new SqlUsageError("wrong number of arguments to function iif()");
    }
    const [t, a, b] = args;
    return (r, c) => (truthOf(t(r, c)) === true ? a(r, c) : b(r, c));
  }
  const n = args.length;
  const impl = scalarFunction(name, n, e.name);
  if (n === 0) return (_r, c) => impl([], c);
  if (n === 1) {
    const a0 = args[0];
    return (r, c) => impl([a0(r, c)], c);
  }
  return (r, c) => {
    const vals = new Array<Value>(n);
    for (let i = 0; i < n; i++) vals[i] = args[i](r, c);
    return impl(vals, c);
  };
}

function compileRank(e: CallExpr, env: CompileEnv): Fn {
  const args = e.args;
  if (args.length < 2 || args.length > 3) {
    throw new SqlUsageError("ts_rank() takes (tsvector, tsquery)");
  }
  const off = args.length === 3 ? 1 : 0;
  const vecExpr = args[off];
  const vec = compileExpr(vecExpr, env);
  const q = compileExpr(args[off + 1], env);
  const stats = env.rankStats ? env.rankStats(vecExpr, env.scope) : null;
  return compileRankFn(vecExpr, vec, q, { stats });
}
