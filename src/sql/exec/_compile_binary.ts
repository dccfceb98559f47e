/**
 * Unary and binary operators for the expression compiler: SQLite
 * comparison affinity, three-valued AND/OR, arithmetic, and the fused
 * comparison fast paths.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import {
  compareValues,
  fitInteger,
  isTsVector,
  parseNumericText,
  realToInteger,
  toNumeric,
  truthOf,
  type Value,
  valueToText,
} from "../value.ts";
import { concatTsvector, formatTsvector, type TsVector } from "../fts/mod.ts";
import { compileMatch } from "./compile_fts.ts";
import type { GinColumnIndex } from "../storage/gin_column_index.ts";
import type { Fn } from "./scope.ts";
import { arith, negate } from "./value_ops.ts";
import { isSafeBigint, modCompare } from "./_fused_compare.ts";
import {
  type Affinity,
  affinityOf,
  asciiLower,
  type CompileEnv,
  compileExpr,
  FALSE,
  isNocase,
  TRUE,
} from "./compile_expr.ts";

/** Applies numeric affinity to a value (text that looks like a number). */
export function numericAff(v: Value): Value {
  if (typeof v === "string") {
    const n = parseNumericText(v);
    if (n !== null) return n;
  }
  return v;
}

export function textAff(v: Value): Value {
  if (typeof v === "bigint" || typeof v === "number") return valueToText(v);
  return v;
}

/** Wraps two operand closures with the conversions SQLite applies before comparing. */
export function comparableOperands(
  a: Affinity,
  b: Affinity,
): [((v: Value) => Value) | null, ((v: Value) => Value) | null] {
  if (a === "numeric" && b !== "numeric") return [null, numericAff];
  if (b === "numeric" && a !== "numeric") return [numericAff, null];
  if (a === "text" && b === "none") return [null, textAff];
  if (b === "text" && a === "none") return [textAff, null];
  return [null, null];
}

export function compareOrNull(x: Value, y: Value): number | null {
  if (x === null || y === null) return null;
  return compareValues(x, y);
}

export function and3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

export function compileUnary(op: string, x: Fn): Fn {
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

export function compileBinary(
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

export function formatVec(v: import("../value.ts").TsVectorValue): string {
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
