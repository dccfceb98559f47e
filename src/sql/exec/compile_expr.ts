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
import {
  compareValues,
  fitInteger,
  isTsVector,
  keyOf,
  parseNumericText,
  realToInteger,
  type Row,
  toNumeric,
  truthOf,
  type Value,
  valueToText,
} from "../value.ts";
import {
  concatTsvector,
  type CorpusStats,
  formatTsvector,
  type TsVector,
} from "../fts/mod.ts";
import { compileMatch, compileRankFn } from "./compile_fts.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { GinColumnIndex } from "../storage/gin_column_index.ts";
import type { Fn, RunCtx, Scope } from "./scope.ts";
import { scalarFunction } from "./functions.ts";
import { arith, castValue, negate } from "./value_ops.ts";
import {
  asciiLikePrefix,
  globToRegExp,
  hasAsciiPrefix,
  likeToRegExp,
} from "./like.ts";
import { isSafeBigint, modCompare } from "./_fused_compare.ts";

export { arith, castValue, negate } from "./value_ops.ts";
export { likeToRegExp } from "./like.ts";
import { exprKey, walkExpr } from "./expr_util.ts";

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

const TRUE = 1n, FALSE = 0n;

function boolValue(b: boolean | null): Value {
  return b === null ? null : b ? TRUE : FALSE;
}

/** Applies numeric affinity to a value (text that looks like a number). */
function numericAff(v: Value): Value {
  if (typeof v === "string") {
    const n = parseNumericText(v);
    if (n !== null) return n;
  }
  return v;
}

function textAff(v: Value): Value {
  if (typeof v === "bigint" || typeof v === "number") return valueToText(v);
  return v;
}

/** Wraps two operand closures with the conversions SQLite applies before comparing. */
function comparableOperands(
  a: Affinity,
  b: Affinity,
): [((v: Value) => Value) | null, ((v: Value) => Value) | null] {
  if (a === "numeric" && b !== "numeric") return [null, numericAff];
  if (b === "numeric" && a !== "numeric") return [numericAff, null];
  if (a === "text" && b === "none") return [null, textAff];
  if (b === "text" && a === "none") return [textAff, null];
  return [null, null];
}

function compareOrNull(x: Value, y: Value): number | null {
  if (x === null || y === null) return null;
  return compareValues(x, y);
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

function and3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

function compileUnary(op: string, x: Fn): Fn {
  switch (op) {
    case "-":
      return (r, c) => negate(x(r, c));
    case "+":
      return x;
    case "~":
      return (r, c) => {
        const n = toNumeric(x(r, c));
        if (n === null) return null;
        return ~(typeof n === "bigint" ? n : realToInteger(n));
      };
    default:
      return (r, c) => {
        const t = truthOf(x(r, c));
        return t === null ? null : t ? FALSE : TRUE;
      };
  }
}

function compileBinary(
  e: Extract<Expr, { kind: "binary" }>,
  env: CompileEnv,
): Fn {
  const op = e.op;
  if (op === "AND" || op === "OR") {
    const a = compileExpr(e.left, env), b = compileExpr(e.right, env);
    if (op === "AND") {
      return (r, c) => {
        const x = truthOf(a(r, c));
        if (x === false) return FALSE;
        const y = truthOf(b(r, c));
        if (y === false) return FALSE;
        return x === null || y === null ? null : TRUE;
      };
    }
    return (r, c) => {
      const x = truthOf(a(r, c));
      if (x === true) return TRUE;
      const y = truthOf(b(r, c));
      if (y === true) return TRUE;
      return x === null || y === null ? null : FALSE;
    };
  }
  const fused = env.agg ? null : fuseModCompare(e.left, e.right, op, env);
  if (fused) return fused;
  const a = compileExpr(e.left, env), b = compileExpr(e.right, env);
  switch (op) {
    case "=":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "IS":
    case "IS NOT": {
      let [fa, fb] = comparableOperands(
        affinityOf(e.left, env),
        affinityOf(e.right, env),
      );
      if (isNocase(e.left) || isNocase(e.right)) {
        // NOCASE folds ASCII letters on both sides before comparing.
        const fold = (f: ((v: Value) => Value) | null) => (v: Value) => {
          const w = f ? f(v) : v;
          return typeof w === "string" ? asciiLower(w) : w;
        };
        [fa, fb] = [fold(fa), fold(fb)];
      }
      const test = comparisonTest(op);
      const isOp = op === "IS" || op === "IS NOT";
      const noConv = !fa && !fb;
      return (r, c) => {
        let x = a(r, c), y = b(r, c);
        // Fast path: same primitive type, nothing to convert.
        const tx = typeof x;
        if (
          tx === typeof y &&
          (tx === "bigint" || tx === "number" || (tx === "string" && noConv))
        ) {
          return test(
              (x as number) < (y as number)
                ? -1
                : (x as number) > (y as number)
                ? 1
                : 0,
            )
            ? TRUE
            : FALSE;
        }
        if (isOp) {
          if (x === null || y === null) {
            const same = x === null && y === null;
            return (op === "IS") === same ? TRUE : FALSE;
          }
        } else if (x === null || y === null) return null;
        if (fa) x = fa(x);
        if (fb) y = fb(y);
        return test(compareValues(x, y)) ? TRUE : FALSE;
      };
    }
    case "||":
      return (r, c) => {
        const x = a(r, c), y = b(r, c);
        if (x === null || y === null) return null;
        if (isTsVector(x) && isTsVector(y)) {
          return concatTsvector(
            x as TsVector,
            y as TsVector,
          ) as unknown as Value;
        }
        return valueToText(x, formatVec)! + valueToText(y, formatVec)!;
      };
    case "@@":
      return compileMatch(e, a, b, { env, gin: textGinFor(e.left, env) });
    default:
      return arithmetic(op, a, b);
  }
}

function textGinFor(e: Expr, env: CompileEnv): GinColumnIndex | null {
  if (e.kind !== "column") return null;
  try {
    const r = env.scope.resolve(e.table, e.name);
    const t = r.source.table;
    // Only when the flat row is the stored row itself (one source, offset 0).
    if (
      r.depth !== 0 || !t || r.source.offset !== 0 ||
      env.scope.sources.length !== 1
    ) return null;
    const col = r.index;
    if (t.schema.columns[col]?.typeClass !== "text") return null;
    return t.ginIndexes.find((g) =>
      g.column === col && g.config === "english"
    ) ?? null;
  } catch {
    return null;
  }
}

function formatVec(v: import("../value.ts").TsVectorValue): string {
  return formatTsvector(v as TsVector);
}

const FLIPPED: Record<string, string> = {
  "=": "=",
  "!=": "!=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

// `x % K <op> C` (either way round) with INTEGER literals K and C.
function fuseModCompare(
  l: Expr,
  r: Expr,
  op: string,
  env: CompileEnv,
): Fn | null {
  if (!(op in FLIPPED)) return null;
  const isInt = (x: Expr): x is Expr & { value: bigint } =>
    x.kind === "literal" && typeof x.value === "bigint" &&
    isSafeBigint(x.value);
  if (isInt(l) && r.kind === "binary") {
    [l, r, op] = [r, l, FLIPPED[op]];
  }
  if (
    l.kind !== "binary" || l.op !== "%" || !isInt(l.right) ||
    l.right.value === 0n || !isInt(r)
  ) return null;
  return modCompare(
    compileExpr(l.left, env),
    l.right.value,
    r.value,
    comparisonTest(op),
  );
}

function comparisonTest(op: string): (c: number) => boolean {
  switch (op) {
    case "=":
    case "IS":
      return (c) => c === 0;
    case "!=":
    case "IS NOT":
      return (c) => c !== 0;
    case "<":
      return (c) => c < 0;
    case "<=":
      return (c) => c <= 0;
    case ">":
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

function arithmetic(op: string, a: Fn, b: Fn): Fn {
  if (op === "+") {
    return (r, c) => {
      const x = a(r, c), y = b(r, c);
      if (typeof x === "bigint" && typeof y === "bigint") {
        const s = x + y;
        return s > 9223372036854775807n || s < -9223372036854775808n
          ? Number(s)
          : s;
      }
      if (typeof x === "number" && typeof y === "number") return x + y;
      return arith("+", x, y);
    };
  }
  if (op === "%" || op === "-" || op === "*") {
    return (r, c) => {
      const x = a(r, c), y = b(r, c);
      if (typeof x === "bigint" && typeof y === "bigint") {
        if (op === "%") return y === 0n ? null : x % y;
        return fitInteger(op === "-" ? x - y : x * y);
      }
      return arith(op, x, y);
    };
  }
  return (r, c) => arith(op, a(r, c), b(r, c));
}

function compileInList(
  x: Expr,
  list: readonly Expr[],
  not: boolean,
  env: CompileEnv,
): Fn {
  const xf = compileExpr(x, env);
  // An empty list never matches, even for NULL (SQLite).
  if (list.length === 0) return not ? () => TRUE : () => FALSE;
  const ax = affinityOf(x, env);
  const allConst = list.every((e) =>
    e.kind === "literal" || e.kind === "param"
  );
  if (allConst && list.every((e) => e.kind === "literal")) {
    const set = new Set<string>();
    let hasNull = false;
    for (const e of list) {
      let v = (e as { value: Value }).value;
      if (v === null) {
        hasNull = true;
        continue;
      }
      if (ax === "numeric") v = numericAff(v);
      else if (ax === "text") v = textAff(v);
      set.add(keyOf(v));
    }
    return (r, c) => {
      const v = xf(r, c);
      if (v === null) return null;
      if (set.has(keyOf(v))) return not ? FALSE : TRUE;
      return hasNull ? null : not ? TRUE : FALSE;
    };
  }
  const items = list.map((e) => {
    // `a IN (x, y)` is `a = +x OR a = +y`: the list items have no affinity.
    const [fa, fb] = comparableOperands(ax, "none");
    return { f: compileExpr(e, env), fa, fb };
  });
  return (r, c) => {
    const v = xf(r, c);
    if (v === null) return null;
    let sawNull = false;
    for (const it of items) {
      let y = it.f(r, c);
      if (y === null) {
        sawNull = true;
        continue;
      }
      if (it.fb) y = it.fb(y);
      if (compareValues(it.fa ? it.fa(v) : v, y) === 0) {
        return not ? FALSE : TRUE;
      }
    }
    return sawNull ? null : not ? TRUE : FALSE;
  };
}

function compileCase(e: Extract<Expr, { kind: "case" }>, env: CompileEnv): Fn {
  const op = e.operand ? compileExpr(e.operand, env) : null;
  const whens = e.whens.map((w) => ({
    w: compileExpr(w.when, env),
    t: compileExpr(w.then, env),
  }));
  const els = e.else ? compileExpr(e.else, env) : () => null;
  if (op) {
    // `CASE x WHEN y` compares like `x = y`, affinities included.
    const ax = affinityOf(e.operand!, env);
    const convs = e.whens.map((w) =>
      comparableOperands(ax, affinityOf(w.when, env))
    );
    return (r, c) => {
      const v = op(r, c);
      for (let i = 0; i < whens.length; i++) {
        const x = whens[i].w(r, c);
        if (v === null || x === null) continue;
        const [fa, fb] = convs[i];
        if (compareValues(fa ? fa(v) : v, fb ? fb(x) : x) === 0) {
          return whens[i].t(r, c);
        }
      }
      return els(r, c);
    };
  }
  return (r, c) => {
    for (const { w, t } of whens) if (truthOf(w(r, c)) === true) return t(r, c);
    return els(r, c);
  };
}

function compileLike(e: Extract<Expr, { kind: "like" }>, env: CompileEnv): Fn {
  const x = compileExpr(e.expr, env);
  const p = compileExpr(e.pattern, env);
  const esc = e.escape ? compileExpr(e.escape, env) : null;
  const not = e.not;
  const glob = e.op === "GLOB";
  if (
    !esc && e.pattern.kind === "literal" && typeof e.pattern.value === "string"
  ) {
    const prefix = glob ? null : asciiLikePrefix(e.pattern.value);
    if (prefix !== null) {
      return (r, c) => {
        const v = x(r, c);
        if (v === null) return null;
        const m = hasAsciiPrefix(
          typeof v === "string" ? v : valueToText(v, formatVec)!,
          prefix,
        );
        return (not ? !m : m) ? TRUE : FALSE;
      };
    }
    // A constant pattern compiles to one regular expression.
    const re = glob
      ? globToRegExp(e.pattern.value)
      : likeToRegExp(e.pattern.value);
    return (r, c) => {
      const v = x(r, c);
      if (v === null) return null;
      const m = re.test(typeof v === "string" ? v : valueToText(v, formatVec)!);
      return (not ? !m : m) ? TRUE : FALSE;
    };
  }
  return (r, c) => {
    const v = x(r, c), pat = p(r, c);
    if (v === null || pat === null) return null;
    const escV = esc ? esc(r, c) : undefined;
    if (escV === null) return null;
    const pt = valueToText(pat)!, vt = valueToText(v, formatVec)!;
    const re = glob
      ? globToRegExp(pt)
      : likeToRegExp(pt, escV === undefined ? undefined : valueToText(escV)!);
    const m = re.test(vt);
    return (not ? !m : m) ? TRUE : FALSE;
  };
}

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

function compileCall(e: CallExpr, env: CompileEnv): Fn {
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
