/**
 * Compiled full-text operators: `@@` and `ts_rank`, with the text search
 * configuration of a text query taken from the document side, and the
 * marker a GIN search leaves so that `@@` need not re-check rows the
 * index already proved to match.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import { TypeMismatchError } from "../errors.ts";
import { isTsQuery, isTsVector, type Value } from "../value.ts";

const TRUE = 1n, FALSE = 0n;
import {
  type CorpusStats,
  corpusStatsOf,
  toTsquery,
  toTsvector,
  tsMatch,
  type TsQuery,
  tsRank,
  type TsVector,
} from "../fts/mod.ts";
import type { GinColumnIndex } from "../storage/gin_column_index.ts";
import type { Fn, RunCtx } from "./scope.ts";

/**
 * The configuration named by a document expression
 * `to_tsvector('<config>', x)`, or `undefined` (the default configuration)
 * for anything else.
 *
 * @example
 * ```ts
 * // tsConfigOf(parseExpr("to_tsvector('simple', body)")) === "simple"
 * ```
 */
export function tsConfigOf(e: Expr): string | undefined {
  if (
    e.kind === "call" && e.name.toLowerCase() === "to_tsvector" &&
    e.args.length === 2 && e.args[0].kind === "literal" &&
    typeof e.args[0].value === "string"
  ) return e.args[0].value;
  return undefined;
}

/**
 * True when the GIN candidates of `q` are exactly the matching rows: a
 * non-empty tree of terms (prefix or not) joined by `&` and `|`. Negation
 * and phrases need the row's own vector.
 *
 * @example
 * ```ts
 * // isExactForGin(toTsquery("a | b & c:*")) === true
 * // isExactForGin(toTsquery("a <-> b")) === false
 * ```
 */
export function isExactForGin(q: TsQuery): boolean {
  switch (q.kind) {
    case "term":
      return true;
    case "and":
    case "or":
      return isExactForGin(q.left) && isExactForGin(q.right);
    default:
      return false;
  }
}

const verifiedKeys = new WeakMap<object, WeakMap<Expr, object>>();

/**
 * The `RunCtx.cache` key under which a GIN search of predicate `e` stores
 * the stored row it is handing out when that row is known to match, so the
 * compiled `e` can answer TRUE for that row without re-checking. The key is
 * per compile environment, so two compilations of one view never share it.
 *
 * @example
 * ```ts
 * // ctx.cache.set(verifiedRowKey(env, pred), row);
 * ```
 */
export function verifiedRowKey(env: object, e: Expr): object {
  let m = verifiedKeys.get(env);
  if (!m) verifiedKeys.set(env, m = new WeakMap());
  let k = m.get(e);
  if (!k) m.set(e, k = { verified: e });
  return k;
}

/**
 * A one-entry memo turning a query operand into a tsquery: a TSQUERY value
 * as is, text through `to_tsquery(config, text)`. A constant text operand
 * is parsed once instead of once per row.
 *
 * @example
 * ```ts
 * const parse = queryParser("simple");
 * parse("Cats"); // the tsquery 'cats'
 * ```
 */
export function queryParser(
  config: string | undefined,
): (v: Value) => TsQuery | null {
  let lastText: string | null = null;
  let lastQuery: TsQuery | null = null;
  return (v) => {
    if (isTsQuery(v)) return v as TsQuery;
    if (typeof v !== "string") return null;
    if (v !== lastText) {
      lastQuery = toTsquery(v, config);
      lastText = v;
    }
    return lastQuery;
  };
}

function vectorOf(v: Value, config: string | undefined): TsVector | null {
  if (isTsVector(v)) return v as TsVector;
  return typeof v === "string" ? toTsvector(v, config) : null;
}

/**
 * Evaluates `a @@ b`: a tsvector (or text, made a vector with the default
 * configuration) against a tsquery (or text, parsed with `to_tsquery` in
 * `options.config`, the default when absent). Either side may be the
 * document.
 *
 * @example
 * ```ts
 * fullTextMatch("the cats sat", "cat"); // true
 * fullTextMatch("Cats", "Cats", { config: "simple" }); // false: the text document is english
 * ```
 */
export function fullTextMatch(
  a: Value,
  b: Value,
  options: { config?: string; parse?: (v: Value) => TsQuery | null } = {},
): boolean | null {
  if (a === null || b === null) return null;
  let v: Value = a, q: Value = b;
  if (isTsQuery(v) || isTsVector(q)) [v, q] = [q, v];
  const vec = vectorOf(v, undefined);
  const query = options.parse
    ? options.parse(q)
    : isTsQuery(q)
    ? q as TsQuery
    : typeof q === "string"
    ? toTsquery(q, options.config)
    : null;
  if (!vec || !query) throw new TypeMismatchError(b, "TSQUERY");
  return tsMatch(vec, query);
}

/**
 * Compiles `left @@ right` from its compiled operands.
 *
 * @example
 * ```ts
 * // compileMatch(e, a, b, { env, gin: null })
 * ```
 */
export function compileMatch(
  e: Expr & { left: Expr; right: Expr },
  a: Fn,
  b: Fn,
  options: { env: object; gin: GinColumnIndex | null },
): Fn {
  // A text query takes the configuration of the document side.
  const config = tsConfigOf(e.left) ?? tsConfigOf(e.right);
  const parse = queryParser(config);
  const opts = { parse };
  const key = verifiedRowKey(options.env, e);
  const gin = options.gin;
  if (gin) {
    // A TEXT column with a GIN index: reuse the vector the index made for
    // this row object instead of tokenising the text again.
    return (r, c) => {
      if (c.cache.get(key) === r) return TRUE;
      const v = gin.textVectors.get(r);
      const m = fullTextMatch(v ?? a(r, c), b(r, c), opts);
      return m === null ? null : m ? TRUE : FALSE;
    };
  }
  return (r, c) => {
    if (c.cache.get(key) === r) return TRUE;
    const m = fullTextMatch(a(r, c), b(r, c), opts);
    return m === null ? null : m ? TRUE : FALSE;
  };
}

/**
 * Compiles `ts_rank([weights,] vector, query)` from its compiled operands;
 * `stats` gives the corpus statistics once per execution (a row's own
 * vector stands in when there is none).
 *
 * @example
 * ```ts
 * // compileRankFn(vecExpr, vec, q, { stats: null })
 * ```
 */
export function compileRankFn(
  vecExpr: Expr,
  vec: Fn,
  q: Fn,
  options: { stats: ((ctx: RunCtx) => CorpusStats) | null },
): Fn {
  const config = tsConfigOf(vecExpr);
  const parse = queryParser(config);
  const stats = options.stats;
  return (r, c) => {
    const v = vec(r, c), qv = q(r, c);
    if (v === null || qv === null) return null;
    const vector = vectorOf(v, undefined);
    const query = parse(qv);
    if (!vector || !query) throw new TypeMismatchError(qv, "TSQUERY");
    return tsRank(vector, query, stats ? stats(c) : corpusStatsOf([vector]));
  };
}
