/**
 * Value operations with SQLite's rules: arithmetic, negation and CAST.
 *
 * @module
 */
import { coerceToType, type TypeClass } from "../column_type.ts";
import { formatTsvector, parseTsvector, type TsVector } from "../fts/mod.ts";
import {
  fitInteger,
  realToInteger,
  toNumeric,
  type Value,
  valueToText,
} from "../value.ts";

function formatVec(v: import("../value.ts").TsVectorValue): string {
  return formatTsvector(v as TsVector);
}

/**
 * Arithmetic negation with SQLite's rules (text is converted; overflow of
 * the smallest integer becomes REAL).
 *
 * @example
 * ```ts
 * negate(5n); // -5n
 * ```
 */
export function negate(v: Value): Value {
  const n = toNumeric(v);
  if (n === null) return null;
  if (typeof n === "bigint") return fitInteger(-n);
  return 0 - n; // SQLite negates as 0 - x: -(0.0) is 0.0
}

/**
 * Applies a binary arithmetic or bitwise operator with SQLite's rules.
 *
 * @example
 * ```ts
 * arith("/", 7n, 2n); // 3n
 * ```
 */
export function arith(op: string, x: Value, y: Value): Value {
  const p = toNumeric(x), q = toNumeric(y);
  if (p === null || q === null) return null;
  if (typeof p === "bigint" && typeof q === "bigint") {
    switch (op) {
      case "+":
        return fitInteger(p + q);
      case "-":
        return fitInteger(p - q);
      case "*":
        return fitInteger(p * q);
      case "/":
        if (q === 0n) return null;
        return fitInteger(p / q);
      case "%":
        if (q === 0n) return null;
        return p % q;
      case "<<":
        return shift(p, q);
      case ">>":
        return shift(p, -q);
      case "&":
        return p & q;
      case "|":
        return p | q;
    }
  }
  switch (op) {
    case "+":
      return Number(p) + Number(q);
    case "-":
      return Number(p) - Number(q);
    case "*":
      return Number(p) * Number(q);
    case "/": {
      const d = Number(q);
      if (d === 0) return null;
      return Number(p) / d;
    }
    case "%": {
      const ia = typeof p === "bigint" ? p : realToInteger(p);
      let ib = typeof q === "bigint" ? q : realToInteger(q);
      if (ib === 0n) return null;
      if (ib === -1n) ib = 1n;
      return Number(ia % ib);
    }
  }
  const ia = typeof p === "bigint" ? p : realToInteger(p);
  const ib = typeof q === "bigint" ? q : realToInteger(q);
  return arith(op, ia, ib);
}

function shift(a: bigint, n: bigint): bigint {
  if (n >= 64n) return 0n;
  if (n <= -64n) return a < 0n ? -1n : 0n;
  if (n >= 0n) return BigInt.asIntN(64, a << n);
  return a >> -n;
}

/**
 * `CAST(v AS type)` for a type class.
 *
 * @example
 * ```ts
 * castValue("12.5abc", "integer"); // 12n
 * ```
 */
export function castValue(v: Value, tc: TypeClass): Value {
  if (v === null) return null;
  switch (tc) {
    case "integer": {
      if (typeof v === "string") {
        const n = toNumeric(v);
        return n === null ? 0n : typeof n === "bigint" ? n : realToInteger(n);
      }
      const n = toNumeric(v);
      return n === null ? null : typeof n === "bigint" ? n : realToInteger(n);
    }
    case "real": {
      const n = toNumeric(v);
      return n === null ? null : Number(n);
    }
    case "numeric": {
      const n = toNumeric(v);
      // Text that reads as a whole number becomes INTEGER; a REAL stays REAL.
      if (
        typeof v === "string" && typeof n === "number" && Number.isInteger(n) &&
        Math.abs(n) < 9.2e18
      ) return BigInt(n);
      return n;
    }
    case "text":
      return valueToText(v, formatVec);
    case "none":
      return v;
    default:
      return coerceToType(v, tc, { parseTsvector, formatTsvector: formatVec });
  }
}
