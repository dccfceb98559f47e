/**
 * Compiles an expression once into a closure over the flat row, so no AST
 * is walked per row. Follows SQLite's semantics for NULL, affinity and
 * integer/real arithmetic.
 *
 * @module
 */
import type { CallExpr, Expr, SelectStmt } from "../parse/ast.ts";
import { type TypeClass, typeClassOf } from "../column_type.ts";
import { SqlUsageError } from "../errors.ts";
import { keyOf, parseNumericText, type Row, type Value } from "../value.ts";
import type { CorpusStats } from "../fts/mod.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { Fn, RunCtx, Scope } from "./scope.ts";
import { castValue } from "./value_ops.ts";
import { exprKey, walkExpr } from "./expr_util.ts";
import {
  and3,
  comparableOperands,
  compareOrNull,
  compileBinary,
  compileUnary,
  numericAff,
} from "./_compile_binary.ts";
import { compileCase, compileInList, compileLike } from "./_compile_forms.ts";
import { compileCall, isAggregateCall } from "./_compile_call.ts";
export { arith, castValue, negate } from "./value_ops.ts";
export { likeToRegExp } from "./like.ts";
export { isAggregateCall } from "./_compile_call.ts";

/**
 * What a compiled subquery offers to the expression compiler.
 *
 * @example
 * ```ts
 * // sub.run(ctx, (row) => { console.log(row); });
 * ```
 */
export interface CompiledSubquery {
  columns: string[];
  run(ctx: RunCtx, emit: (row: Row) => boolean | void): void;
}

/**
 * Hooks used while compiling the select list of an aggregate query.
 *
 * @example
 * ```ts
 * // compileExpr(expr, { ...env, agg: hook })
 * ```
 */
export interface AggHook {
  /** Slot of a GROUP BY expression matching `key`, or -1. */
  groupSlot(key: string): number;
  /** Registers an aggregate call; returns its slot in the group row. */
  addAggregate(call: CallExpr): number;
  /** Registers a bare column (value from the group's last row). */
  addBare(fn: Fn): number;
}

/**
 * Compile-time environment.
 *
 * @example
 * ```ts
 * // const env: CompileEnv = new SelectCompiler(catalog).env(scope);
 * ```
 */
export interface CompileEnv {
  scope: Scope;
  catalog: Catalog;
  /** Set while compiling post-aggregation expressions. */
  agg?: AggHook | null;
  compileSubquery(select: SelectStmt, scope: Scope): CompiledSubquery;
  /** Lets ts_rank find corpus statistics for a column. */
  rankStats?: (
    expr: Expr,
    scope: Scope,
  ) => ((ctx: RunCtx) => CorpusStats) | null;
}

/**
 * Comparison affinity of an expression.
 *
 * @example
 * ```ts
 * const a: Affinity = "numeric";
 * ```
 */
export type Affinity = "numeric" | "text" | "blob" | "none";

function affinityOfClass(t: TypeClass | null): Affinity {
  switch (t) {
    case "integer":
    case "real":
    case "numeric":
    case "boolean":
      return "numeric";
    case "text":
    case "date":
    case "timestamp":
      return "text";
    case "none":
      // A column declared without a type has BLOB affinity, which (unlike
      // an expression's "no affinity") never takes TEXT affinity.
      return "blob";
    default:
      return "none";
  }
}

/**
 * The affinity SQLite gives an expression for comparisons: a column's
 * declared affinity, a CAST's type, otherwise none.
 *
 * @example
 * ```ts
 * // affinityOf({ kind: "literal", pos, value: 1n }, env) === "none"
 * ```
 */
export function affinityOf(e: Expr, env: CompileEnv): Affinity {
  if (e.kind === "column") {
    try {
      const r = env.scope.resolve(e.table, e.name);
      return affinityOfClass(r.column.typeClass);
    } catch {
      return "none";
    }
  }
  if (e.kind === "cast") return affinityOfClass(typeClassOf(e.type.name));
  if (e.kind === "collate") return affinityOf(e.expr, env);
  return "none";
}

/**
 * SQL booleans are the integers 1 and 0, as in SQLite.
 *
 * @example
 * ```ts
 * // return test(x) ? TRUE : FALSE;
 * ```
 */
export const TRUE = 1n, FALSE = 0n;

function boolValue(b: boolean | null): Value {
  return b === null ? null : b ? TRUE : FALSE;
}

/**
 * Compiles `e` against `env.scope`.
 *
 * @example
 * ```ts
 * // const fn = compileExpr(parseExpr("a + 1"), env); fn(row, ctx)
 * ```
 */
export function compileExpr(e: Expr, env: CompileEnv): Fn {
  if (env.agg) {
    const slot = env.agg.groupSlot(exprKey(e));
    if (slot >= 0) return (r) => r[slot];
    if (e.kind === "call" && isAggregateCall(e)) {
      const s = env.agg.addAggregate(e);
      return (r) => r[s];
    }
    if (e.kind === "column") {
      const res = env.scope.resolve(e.table, e.name);
      if (res.depth === 0) {
        const idx = res.index;
        const s = env.agg.addBare((r) => r[idx]);
        return (r) => r[s];
      }
    }
    if (
      (e.kind === "subquery" || e.kind === "exists" ||
        e.kind === "in_select") &&
      !hasAggregateOutsideSubqueries(e)
    ) {
      // A subquery correlated with this query's rows must run on a source
      // row, not on the group row: evaluate it per row (the group's last).
      const before = env.scope.innerRefs;
      const perRow = compileExpr(e, { ...env, agg: null });
      if (env.scope.innerRefs !== before) {
        const s = env.agg.addBare(perRow);
        return (r) => r[s];
      }
    }
  }
  switch (e.kind) {
    case "literal": {
      const v = e.value as Value;
      return () => v;
    }
    case "column": {
      const r = env.scope.resolve(e.table, e.name);
      const idx = r.index;
      if (r.depth === 0) return (row) => row[idx];
      const d = r.depth;
      return (_row, ctx) => ctx.outer[ctx.outer.length - d][idx];
    }
    case "param": {
      const i = e.index - 1;
      return (_r, ctx) => {
        if (i >= ctx.params.length) {
          throw new SqlUsageError(`missing value for parameter ?${i + 1}`);
        }
        return ctx.params[i];
      };
    }
    case "star":
      throw new SqlUsageError("* is only allowed in a select list or count(*)");
    case "unary":
      return compileUnary(e.op, compileExpr(e.operand, env));
    case "binary":
      return compileBinary(e, env);
    case "like":
      return compileLike(e, env);
    case "between": {
      const x = compileExpr(e.expr, env);
      const lo = compileExpr(e.low, env);
      const hi = compileExpr(e.high, env);
      const ax = affinityOf(e.expr, env);
      const [fx1, fl] = comparableOperands(ax, affinityOf(e.low, env));
      const [fx2, fh] = comparableOperands(ax, affinityOf(e.high, env));
      const not = e.not;
      return (r, c) => {
        const v = x(r, c);
        let l = lo(r, c), h = hi(r, c);
        if (fl) l = fl(l);
        if (fh) h = fh(h);
        const c1 = compareOrNull(fx1 ? fx1(v) : v, l);
        const c2 = compareOrNull(fx2 ? fx2(v) : v, h);
        const a = c1 === null ? null : c1 >= 0;
        const b = c2 === null ? null : c2 <= 0;
        const res = and3(a, b);
        return boolValue(res === null ? null : not ? !res : res);
      };
    }
    case "in_list":
      return compileInList(e.expr, e.list, e.not, env);
    case "in_select": {
      const x = compileExpr(e.expr, env);
      const sub = env.compileSubquery(e.select, env.scope);
      if (sub.columns.length !== 1) {
        throw new SqlUsageError(
          `sub-select returns ${sub.columns.length} columns - expected 1`,
        );
      }
      const not = e.not;
      const runSet = subqueryRunner(sub, env.scope, (ctx, row) => {
        const set = new Set<string>();
        let hasNull = false;
        runWithOuter(sub, ctx, row, (r) => {
          const v = r[0];
          if (v === null) hasNull = true;
          else set.add(keyOf(v));
        });
        return { set, hasNull };
      });
      const ax = affinityOf(e.expr, env);
      return (r, c) => {
        let v = x(r, c);
        const { set, hasNull } = runSet(c, r);
        // An empty subquery never matches, even for NULL (SQLite).
        if (set.size === 0 && !hasNull) return not ? TRUE : FALSE;
        if (v === null) return null;
        if (ax === "none" && typeof v === "string") {
          const n = parseNumericText(v);
          if (n !== null && set.has(keyOf(n))) return not ? FALSE : TRUE;
        }
        if (ax === "numeric") v = numericAff(v);
        if (set.has(keyOf(v))) return not ? FALSE : TRUE;
        if (hasNull) return null;
        return not ? TRUE : FALSE;
      };
    }
    case "is_null": {
      const x = compileExpr(e.expr, env);
      return e.not
        ? (r, c) => (x(r, c) !== null ? TRUE : FALSE)
        : (r, c) => (x(r, c) === null ? TRUE : FALSE);
    }
    case "exists": {
      const sub = env.compileSubquery(e.select, env.scope);
      const run = subqueryRunner(sub, env.scope, (ctx, row) => {
        let found = false;
        runWithOuter(sub, ctx, row, () => {
          found = true;
          return false;
        });
        return found;
      });
      return (r, c) => (run(c, r) ? TRUE : FALSE);
    }
    case "subquery": {
      const sub = env.compileSubquery(e.select, env.scope);
      const run = subqueryRunner(sub, env.scope, (ctx, row) => {
        let v: Value = null;
        runWithOuter(sub, ctx, row, (r) => {
          v = r[0];
          return false;
        });
        return v;
      });
      return (r, c) => run(c, r);
    }
    case "case":
      return compileCase(e, env);
    case "cast": {
      const x = compileExpr(e.expr, env);
      const tc = typeClassOf(e.type.name);
      return (r, c) => castValue(x(r, c), tc);
    }
    case "collate":
      // A collation changes how values compare, not the values: the
      // comparison operators and ORDER BY look for it (see nocaseOf).
      return compileExpr(e.expr, env);
    case "call":
      return compileCall(e, env);
    case "current": {
      const name = e.name;
      return (_r, c) =>
        name === "CURRENT_TIMESTAMP"
          ? c.now.slice(0, 19)
          : name === "CURRENT_DATE"
          ? c.now.slice(0, 10)
          : c.now.slice(11, 19);
    }
  }
}

function hasAggregateOutsideSubqueries(e: Expr): boolean {
  let found = false;
  const check = (x: Expr) => {
    if (x.kind === "call" && isAggregateCall(x)) found = true;
  };
  if (e.kind === "in_select") walkExpr(e.expr, check);
  return found;
}

/**
 * True when an expression carries `COLLATE NOCASE` at its top.
 *
 * @example
 * ```ts
 * // isNocase(parseExpr("name COLLATE NOCASE")) === true
 * ```
 */
export function isNocase(e: Expr): boolean {
  return e.kind === "collate" && e.collation === "NOCASE";
}

/**
 * SQLite's NOCASE folding: ASCII letters only.
 *
 * @example
 * ```ts
 * asciiLower("ÄBC"); // "Äbc"
 * ```
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Memoises an uncorrelated subquery's result per execution. */
function subqueryRunner<T>(
  sub: CompiledSubquery,
  scope: Scope,
  compute: (ctx: RunCtx, row: Row) => T,
): (ctx: RunCtx, row: Row) => T {
  // Correlation is known only after the subquery compiled; check lazily.
  return (ctx, row) => {
    const subScopeCorrelated = (sub as { correlated?: boolean }).correlated ??
      scope.correlated;
    if (subScopeCorrelated) return compute(ctx, row);
    if (ctx.cache.has(sub)) return ctx.cache.get(sub) as T;
    const v = compute(ctx, row);
    ctx.cache.set(sub, v);
    return v;
  };
}

function runWithOuter(
  sub: CompiledSubquery,
  ctx: RunCtx,
  row: Row,
  emit: (r: Row) => boolean | void,
): void {
  ctx.outer.push(row);
  try {
    sub.run(ctx, emit);
  } finally {
    ctx.outer.pop();
  }
}
