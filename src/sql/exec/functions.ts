/**
 * Scalar SQL functions. Each is looked up (and its arity checked) once at
 * compile time.
 *
 * @module
 */
import { SqlUsageError, TypeMismatchError } from "../errors.ts";
import {
  compareValues,
  fitInteger,
  formatReal,
  isTsQuery,
  isTsVector,
  parseNumericText,
  realToInteger,
  toNumeric,
  type Value,
  valueToText,
} from "../value.ts";
import {
  formatTsquery,
  formatTsvector,
  parseHeadlineOptions,
  phrasetoTsquery,
  plaintoTsquery,
  stripTsvector,
  toTsquery,
  toTsvector,
  tsHeadline,
  type TsQuery,
  type TsVector,
  websearchToTsquery,
} from "../fts/mod.ts";
import { parseTimestamp } from "../column_type.ts";
import type { RunCtx } from "./scope.ts";

type Impl = (args: Value[], ctx: RunCtx) => Value;

interface FnDef {
  min: number;
  max: number;
  impl: Impl;
}

const text = (v: Value): string | null =>
  valueToText(v, (x) => formatTsvector(x as TsVector));

function def(min: number, max: number, impl: Impl): FnDef {
  return { min, max, impl };
}

function nullIn(args: Value[]): boolean {
  for (const a of args) if (a === null) return true;
  return false;
}

function typeName(v: Value): string {
  switch (typeof v) {
    case "bigint":
      return "integer";
    case "number":
      return "real";
    case "string":
      return "text";
    case "boolean":
      return "integer";
    default:
      return v === null ? "null" : isTsVector(v) ? "tsvector" : "tsquery";
  }
}

function toInt(v: bigint | number): number {
  // SQLite's sqlite3_value_int64 truncates reals toward zero.
  return Number(typeof v === "bigint" ? v : realToInteger(v));
}

/** substr() exactly as SQLite computes it (1-based, negative start/length). */
function substr(
  s: string,
  start: bigint | number,
  len?: bigint | number,
): string {
  const chars = [...s];
  const n = chars.length;
  let p1 = toInt(start);
  let p2 = len === undefined ? Number.MAX_SAFE_INTEGER : toInt(len);
  let negP2 = false;
  if (p2 < 0) {
    p2 = -p2;
    negP2 = true;
  }
  if (p1 < 0) {
    p1 += n;
    if (p1 < 0) {
      p2 += p1;
      if (p2 < 0) p2 = 0;
      p1 = 0;
    }
  } else if (p1 > 0) {
    p1--;
  } else if (p2 > 0) {
    p2--;
  }
  if (negP2) {
    p1 -= p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  return chars.slice(p1, p1 + p2).join("");
}

function trimChars(
  s: string,
  chars: string,
  left: boolean,
  right: boolean,
): string {
  const set = new Set([...chars]);
  const a = [...s];
  let i = 0, j = a.length;
  if (left) { while (i < j && set.has(a[i])) i++; }
  if (right) { while (j > i && set.has(a[j - 1])) j--; }
  return a.slice(i, j).join("");
}

function round(v: Value, digits: Value): Value {
  const n = toNumeric(v);
  if (n === null) return null;
  let d = digits === undefined || digits === null
    ? 0
    : Number(toNumeric(digits) ?? 0);
  if (d < 0) d = 0;
  if (d > 30) d = 30;
  const x = Number(n);
  const f = 10 ** d;
  const r = Math.round(Math.abs(x) * f) / f;
  const res = x < 0 ? -r : r;
  return Number(res.toFixed(d));
}

function config(args: Value[]): [string | undefined, Value] {
  if (args.length === 2) return [text(args[0]) ?? undefined, args[1]];
  return [undefined, args[0]];
}

/** A `(config?, text)` full-text function that is NULL on a NULL text. */
function tsqueryFn(
  parse: (text: string, config: string | undefined) => unknown,
): FnDef {
  return def(1, 2, (a) => {
    const [cfg, v] = config(a);
    if (v === null) return null;
    return parse(text(v)!, cfg) as Value;
  });
}

const FUNCTIONS: Record<string, FnDef> = {
  abs: def(1, 1, ([v]) => {
    // SQLite: anything but an INTEGER becomes a REAL (text via its number).
    if (typeof v === "string") return Math.abs(Number(toNumeric(v) ?? 0));
    const n = toNumeric(v);
    if (n === null) return null;
    if (typeof n === "bigint") {
      if (n === -9223372036854775808n) {
        throw new SqlUsageError("integer overflow");
      }
      return n < 0n ? -n : n;
    }
    return Math.abs(n);
  }),
  nullif: def(
    2,
    2,
    (
      [a, b],
    ) => (a !== null && b !== null && compareValues(a, b) === 0 ? null : a),
  ),
  length: def(1, 1, ([v]) => {
    if (v === null) return null;
    if (isTsVector(v)) return BigInt(v.lexemes.size);
    return BigInt([...text(v)!].length);
  }),
  lower: def(1, 1, ([v]) => (v === null ? null : text(v)!.toLowerCase())),
  upper: def(1, 1, ([v]) => (v === null ? null : text(v)!.toUpperCase())),
  substr: def(2, 3, (a) => {
    if (nullIn(a)) return null;
    const s = text(a[0])!;
    const st = toNumeric(a[1])!;
    return substr(s, st, a.length > 2 ? toNumeric(a[2])! : undefined);
  }),
  trim: def(
    1,
    2,
    (
      a,
    ) => (nullIn(a)
      ? null
      : trimChars(text(a[0])!, a.length > 1 ? text(a[1])! : " ", true, true)),
  ),
  ltrim: def(
    1,
    2,
    (
      a,
    ) => (nullIn(a)
      ? null
      : trimChars(text(a[0])!, a.length > 1 ? text(a[1])! : " ", true, false)),
  ),
  rtrim: def(
    1,
    2,
    (
      a,
    ) => (nullIn(a)
      ? null
      : trimChars(text(a[0])!, a.length > 1 ? text(a[1])! : " ", false, true)),
  ),
  replace: def(3, 3, (a) => {
    // SQLite's order: NULL text or pattern -> NULL; empty pattern -> the
    // text as it is (even with a NULL replacement); NULL replacement -> NULL.
    if (a[0] === null || a[1] === null) return null;
    const from = text(a[1])!;
    if (from === "") return text(a[0]);
    if (a[2] === null) return null;
    return text(a[0])!.split(from).join(text(a[2])!);
  }),
  instr: def(2, 2, (a) => {
    if (nullIn(a)) return null;
    const s = text(a[0])!, t = text(a[1])!;
    const i = s.indexOf(t);
    return i < 0 ? 0n : BigInt([...s.slice(0, i)].length + 1);
  }),
  round: def(1, 2, (a) => round(a[0], a.length > 1 ? a[1] : null)),
  typeof: def(1, 1, ([v]) => typeName(v)),
  random: def(0, 0, (_a, ctx) => ctx.random()),
  now: def(0, 0, (_a, ctx) => ctx.now),
  date: def(0, 1, (a, ctx) => {
    const s = a.length ? text(a[0]) : ctx.now;
    if (s === null) return null;
    if (s.toLowerCase() === "now") return ctx.now.slice(0, 10);
    return parseTimestamp(s)?.date ?? null;
  }),
  datetime: def(0, 1, (a, ctx) => {
    const s = a.length ? text(a[0]) : ctx.now;
    if (s === null) return null;
    if (s.toLowerCase() === "now") return ctx.now.slice(0, 19);
    return parseTimestamp(s)?.timestamp.slice(0, 19) ?? null;
  }),
  min: def(2, Infinity, (a) => {
    if (nullIn(a)) return null;
    // SQLite's scalar min() keeps the last of equal arguments.
    let m = a[0];
    for (const v of a) if (compareValues(v, m) <= 0) m = v;
    return m;
  }),
  max: def(2, Infinity, (a) => {
    if (nullIn(a)) return null;
    let m = a[0];
    for (const v of a) if (compareValues(v, m) > 0) m = v;
    return m;
  }),
  sign: def(1, 1, ([v]) => {
    // Text that is not entirely a number has no sign (NULL).
    const n = typeof v === "string" ? parseNumericText(v) : toNumeric(v);
    if (n === null) return null;
    return n > 0 ? 1n : n < 0 ? -1n : 0n;
  }),
  concat: def(
    1,
    Infinity,
    (a) => a.map((v) => (v === null ? "" : text(v))).join(""),
  ),
  floor: def(1, 1, ([v]) => {
    const n = toNumeric(v);
    return n === null ? null : typeof n === "bigint" ? n : Math.floor(n);
  }),
  ceil: def(1, 1, ([v]) => {
    const n = toNumeric(v);
    return n === null ? null : typeof n === "bigint" ? n : Math.ceil(n);
  }),
  sqrt: def(1, 1, ([v]) => {
    const n = toNumeric(v);
    if (n === null || Number(n) < 0) return null;
    return Math.sqrt(Number(n));
  }),
  power: def(2, 2, (a) => {
    if (nullIn(a)) return null;
    return Math.pow(Number(toNumeric(a[0])), Number(toNumeric(a[1])));
  }),
  mod: def(2, 2, (a) => {
    if (nullIn(a)) return null;
    const x = toNumeric(a[0])!, y = toNumeric(a[1])!;
    if (typeof x === "bigint" && typeof y === "bigint") {
      return y === 0n ? null : x % y;
    }
    return Number(y) === 0 ? null : Number(x) % Number(y);
  }),
  hex: def(1, 1, ([v]) => {
    if (v === null) return "";
    const bytes = new TextEncoder().encode(text(v)!);
    return [...bytes].map((b) => b.toString(16).padStart(2, "0").toUpperCase())
      .join("");
  }),
  quote: def(1, 1, ([v]) => {
    if (v === null) return "NULL";
    if (typeof v === "string") return `'${v.replaceAll("'", "''")}'`;
    if (typeof v === "number") return formatReal(v);
    return text(v);
  }),
  unicode: def(
    1,
    1,
    ([v]) => (v === null ? null : BigInt(text(v)!.codePointAt(0) ?? 0) || null),
  ),
  char: def(
    0,
    Infinity,
    (a) => String.fromCodePoint(...a.map((v) => Number(toNumeric(v) ?? 0))),
  ),
  to_tsvector: def(1, 2, (a) => {
    const [cfg, v] = config(a);
    if (v === null || (a.length === 2 && a[0] === null)) return null;
    return toTsvector(text(v)!, cfg) as unknown as Value;
  }),
  to_tsquery: tsqueryFn(toTsquery),
  plainto_tsquery: tsqueryFn(plaintoTsquery),
  phraseto_tsquery: tsqueryFn(phrasetoTsquery),
  websearch_to_tsquery: tsqueryFn(websearchToTsquery),
  strip: def(1, 1, ([v]) => {
    if (v === null) return null;
    if (!isTsVector(v)) throw new TypeMismatchError(v, "TSVECTOR");
    return stripTsvector(v as TsVector) as unknown as Value;
  }),
  // ts_headline([config,] document, query [, options])
  ts_headline: def(2, 4, (a) => {
    const withCfg = a.length === 4 ||
      (a.length === 3 && !isTsQuery(a[1]) && isTsQuery(a[2]));
    const cfg = withCfg ? text(a[0]) ?? undefined : undefined;
    const doc = a[withCfg ? 1 : 0], q = a[withCfg ? 2 : 1];
    const opts = a.length > (withCfg ? 3 : 2) ? a[a.length - 1] : null;
    if (doc === null || q === null) return null;
    const query = isTsQuery(q) ? q as TsQuery : toTsquery(text(q)!, cfg);
    const options = opts === null ? {} : parseHeadlineOptions(text(opts)!);
    return tsHeadline(text(doc)!, query, { ...options, config: cfg });
  }),
  querytree: def(
    1,
    1,
    (
      [v],
    ) => (v === null
      ? null
      : isTsQuery(v)
      ? formatTsquery(v as TsQuery)
      : text(v)),
  ),
  numnode: def(1, 1, ([v]) => (v === null ? null : 1n)),
  likely: def(1, 1, ([v]) => v),
  unlikely: def(1, 1, ([v]) => v),
  zeroblob: def(1, 1, () => ""),
  int_add: def(2, 2, (a) => {
    const x = toNumeric(a[0]), y = toNumeric(a[1]);
    if (x === null || y === null) return null;
    return typeof x === "bigint" && typeof y === "bigint"
      ? fitInteger(x + y)
      : Number(x) + Number(y);
  }),
};
FUNCTIONS.substring = FUNCTIONS.substr;
FUNCTIONS.pow = FUNCTIONS.power;
FUNCTIONS.ceiling = FUNCTIONS.ceil;
FUNCTIONS.current_timestamp = FUNCTIONS.now;

/**
 * The implementation of scalar function `name` for `argc` arguments;
 * throws {@linkcode SqlUsageError} for unknown names or wrong arity.
 *
 * @example
 * ```ts
 * // scalarFunction("abs", 1, "ABS")([-2n], ctx) === 2n
 * ```
 */
export function scalarFunction(
  name: string,
  argc: number,
  display: string,
): Impl {
  const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!f) throw new SqlUsageError(`no such function: ${display}`);
  if (argc < f.min || argc > f.max) {
    throw new SqlUsageError(
      `wrong number of arguments to function ${display}()`,
    );
  }
  return f.impl;
}
